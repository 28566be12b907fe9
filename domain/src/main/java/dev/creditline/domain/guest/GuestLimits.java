package dev.creditline.domain.guest;

import dev.creditline.domain.ValidationException;

import java.time.Duration;

/**
 * Per-guest limits in a rolling window: default 1 upload and 3 chat
 * messages per 24 h; configurable.
 *
 * @param uploads      uploads allowed per window, ≥ 0
 * @param chatMessages chat messages allowed per window, ≥ 0
 * @param window       length of the rolling window, positive
 */
public record GuestLimits(int uploads, int chatMessages, Duration window) {

    /** Default window: 24 hours. */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code guest.uploads}, {@code guest.chatMessages} or
     *         {@code guest.window}
     */
    public GuestLimits {
        if (uploads < 0) {
            throw new ValidationException("guest.uploads", "must not be negative");
        }
        if (chatMessages < 0) {
            throw new ValidationException("guest.chatMessages", "must not be negative");
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new ValidationException("guest.window", "must be a positive duration");
        }
    }

    /** The defaults: 1 upload, 3 chat messages, 24 h. */
    public static GuestLimits defaults() {
        return new GuestLimits(1, 3, DEFAULT_WINDOW);
    }

    /**
     * Whether a use at {@code use} still counts at {@code now}: the window is rolling and exact,
     * {@code now − window < use} (a use stops counting exactly one window after it; there is no
     * fixed window that starts at first use and frees the whole limit at once).
     */
    public boolean counts(java.time.Instant use, java.time.Instant now) {
        return now.minus(window).isBefore(use);
    }

    /** How many of {@code action} a guest may do per window. */
    public int limitFor(GuestAction action) {
        return switch (action) {
            case UPLOAD -> uploads;
            case CHAT -> chatMessages;
        };
    }

    /**
     * How many are left after {@code used} in the current window: {@code max(0, limit − used)}
     * (the {@code remaining} of api.md {@code POST /guests/consume}).
     */
    public long remaining(GuestAction action, long used) {
        return Math.max(0, limitFor(action) - Math.max(0, used));
    }
}
