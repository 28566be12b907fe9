package dev.creditline.domain.guest;

import dev.creditline.domain.ValidationException;

import java.util.Locale;

/**
 * What a guest consumes (api.md {@code POST /guests/consume}, {@code action: upload|chat}).
 */
public enum GuestAction {
    /** A document upload. */
    UPLOAD,
    /** A chat message. */
    CHAT;

    /** Lower-case wire name: {@code upload} or {@code chat}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name (exact, lower case).
     *
     * @throws ValidationException field {@code action} when null or unknown
     */
    public static GuestAction fromWire(String wire) {
        for (GuestAction a : values()) {
            if (a.wire().equals(wire)) {
                return a;
            }
        }
        throw new ValidationException("action", "must be upload or chat");
    }
}
