package dev.creditline.application.port.in;

import dev.creditline.domain.user.NewUser;
import dev.creditline.domain.user.User;

/** Creates a user for Auth.js and grants the signup bonus in the same transaction. */
public interface CreateUserUseCase {

    /**
     * @return the created user, its balance already holding the signup bonus
     * @throws dev.creditline.domain.user.DuplicateEmailException when the email is taken (409)
     */
    User createUser(NewUser newUser);
}
