package dev.creditline.domain.user;

import dev.creditline.domain.DomainException;

/** This provider account is already linked to a user. Code {@code ACCOUNT_ALREADY_LINKED}. */
public class DuplicateAccountException extends DomainException {

    public DuplicateAccountException() {
        super("This provider account is already linked to a user.");
    }

    @Override
    public String code() {
        return "ACCOUNT_ALREADY_LINKED";
    }
}
