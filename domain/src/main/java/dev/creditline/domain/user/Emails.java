package dev.creditline.domain.user;

import dev.creditline.domain.ValidationException;
import java.util.Locale;

/** Email rules: unique case-insensitively, stored as given. */
public final class Emails {

    private Emails() {
    }

    /**
     * @return the email trimmed, as given otherwise
     * @throws ValidationException ({@code email}) when missing, longer than 320 characters or
     *                             not of the form {@code local@domain}
     */
    public static String require(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException("email", "is required");
        }
        String e = email.trim();
        int at = e.indexOf('@');
        if (e.length() > 320 || at < 1 || at != e.lastIndexOf('@') || at == e.length() - 1
                || e.chars().anyMatch(Character::isWhitespace)) {
            throw new ValidationException("email", "must be an email address like name@example.com");
        }
        return e;
    }

    /** The comparison key: lower-cased in the root locale. */
    public static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
