package dev.creditline.domain.user;

import dev.creditline.domain.ValidationException;
import java.time.Instant;

/**
 * A user to create through the Auth.js adapter (api.md "Auth.js adapter", POST /users).
 * Self-validating: email required, at most 320 characters with one {@code @}; name and
 * image at most 2,048 characters.
 *
 * @throws ValidationException naming the field that is wrong
 */
public record NewUser(String email, String name, String image, Instant emailVerified) {

    public NewUser {
        email = Emails.require(email);
        UserFields.checkText("name", name);
        UserFields.checkText("image", image);
    }
}
