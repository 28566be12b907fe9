package dev.creditline.application.port.in;

import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserUpdate;
import java.util.UUID;

/** Changes a user's profile fields; an explicit null clears a field. */
public interface UpdateUserUseCase {

    /** @throws dev.creditline.domain.user.UserNotFoundException (404) */
    User updateUser(UUID id, UserUpdate update);
}
