package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;
import java.util.Locale;

/**
 * What happens to the part of a hold still reserved when its deadline passes and nobody settled it,
 * chosen when the hold is created.
 */
public enum HoldExpiryPolicy {
    /** The rest goes back to the balance (ledger {@code hold_release}): the default. */
    RELEASE,
    /**
     * The rest is kept as payment (ledger {@code hold_capture}): the host app started work it can no
     * longer report, so an abandoned stream is not free work.
     */
    CAPTURE;

    /** Lower-case wire name: {@code release} or {@code capture}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name; {@code null} is the default {@link #RELEASE}.
     *
     * @throws ValidationException field {@code onExpiry} when not {@code release} or {@code capture}
     */
    public static HoldExpiryPolicy fromWire(String wire) {
        if (wire == null) {
            return RELEASE;
        }
        for (HoldExpiryPolicy p : values()) {
            if (p.wire().equals(wire)) {
                return p;
            }
        }
        throw new ValidationException("onExpiry", "must be release or capture");
    }
}
