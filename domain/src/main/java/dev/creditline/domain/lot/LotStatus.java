package dev.creditline.domain.lot;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where a lot is in its life (docs/lots.md). {@code active} lots count in the balance;
 * {@code depleted} ones are used up (and may become active again when a hold gives credits
 * back); {@code expired} and {@code voided} ones have left the balance for good.
 */
public enum LotStatus {
    ACTIVE,
    DEPLETED,
    EXPIRED,
    VOIDED;

    /** The stored and rendered name, e.g. {@code active}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException for a stored name that is not a status (a corrupt row)
     */
    public static LotStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown lot status " + wire));
    }

    /** Whether the lot has left the balance for good (expired or voided). */
    public boolean isClosed() {
        return this == EXPIRED || this == VOIDED;
    }
}
