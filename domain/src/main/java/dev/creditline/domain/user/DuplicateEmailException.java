package dev.creditline.domain.user;

import dev.creditline.domain.DomainException;

/** A user with this email already exists. Code {@code EMAIL_TAKEN}. */
public class DuplicateEmailException extends DomainException {

    public DuplicateEmailException() {
        super("A user with this email already exists.");
    }

    @Override
    public String code() {
        return "EMAIL_TAKEN";
    }
}
