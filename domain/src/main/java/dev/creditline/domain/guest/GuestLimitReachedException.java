package dev.creditline.domain.guest;

import dev.creditline.domain.DomainException;

/**
 * A guest used up an action's allowance for the current window: HTTP 402
 * with code {@code GUEST_LIMIT_REACHED} and a detail asking the guest to log in. Nothing was
 * counted.
 */
public class GuestLimitReachedException extends DomainException {

    private final GuestAction action;
    private final int limit;

    /**
     * @param action the action refused
     * @param limit  how many of it a guest may do per window
     */
    public GuestLimitReachedException(GuestAction action, int limit) {
        super(switch (action) {
            case CHAT -> "Guest message limit reached. Please log in.";
            case UPLOAD -> "Guest upload limit reached. Please log in.";
        });
        this.action = action;
        this.limit = limit;
    }

    public GuestAction action() {
        return action;
    }

    public int limit() {
        return limit;
    }

    @Override
    public String code() {
        return "GUEST_LIMIT_REACHED";
    }
}
