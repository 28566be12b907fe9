package dev.creditline.domain.user;

import dev.creditline.domain.ValidationException;

/** Shared limits of free-text user fields. */
final class UserFields {

    static final int MAX_TEXT = 2048;

    private UserFields() {
    }

    static void checkText(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new ValidationException(field, "must be at most " + MAX_TEXT + " characters");
        }
    }
}
