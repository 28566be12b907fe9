package dev.creditline.application.port.in;

import dev.creditline.domain.user.User;
import java.util.Optional;
import java.util.UUID;

/** Looks users up the ways Auth.js does: by id, email (case-insensitive) or linked account. */
public interface FindUserUseCase {

    Optional<User> findById(UUID id);

    Optional<User> findByEmail(String email);

    Optional<User> findByAccount(String provider, String providerAccountId);
}
