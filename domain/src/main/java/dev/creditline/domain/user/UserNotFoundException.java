package dev.creditline.domain.user;

import dev.creditline.domain.DomainException;

/** No such user. Code {@code USER_NOT_FOUND}. */
public class UserNotFoundException extends DomainException {

    public UserNotFoundException() {
        super("No such user.");
    }

    @Override
    public String code() {
        return "USER_NOT_FOUND";
    }
}
