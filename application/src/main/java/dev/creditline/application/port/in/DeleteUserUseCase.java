package dev.creditline.application.port.in;

import java.util.UUID;

/** Deletes a user and everything keyed to the user. */
public interface DeleteUserUseCase {

    /** @throws dev.creditline.domain.user.UserNotFoundException (404) */
    void deleteUser(UUID id);
}
