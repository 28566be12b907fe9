package dev.creditline.domain.guest;

import dev.creditline.domain.DomainException;

/**
 * The guest was already claimed by another user (the claim is recorded
 * once). HTTP 409, code {@code GUEST_ALREADY_CLAIMED}. A repeated claim by the same user is not
 * an error.
 */
public class GuestAlreadyClaimedException extends DomainException {

    public GuestAlreadyClaimedException() {
        super("This guest was already claimed by another user.");
    }

    @Override
    public String code() {
        return "GUEST_ALREADY_CLAIMED";
    }
}
