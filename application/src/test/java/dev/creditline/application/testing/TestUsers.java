package dev.creditline.application.testing;

import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Users for port tests, stored through the {@link UserRepository} under test. */
public final class TestUsers {

    /** A fixed, microsecond-precise instant (PostgreSQL keeps microseconds). */
    public static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123456Z");

    private TestUsers() {
    }

    /** A new free user with a random id and email, balance 0, created at {@code at}. */
    public static User user(Instant at) {
        UUID id = UUID.randomUUID();
        Instant t = at.truncatedTo(ChronoUnit.MICROS);
        return new User(id, id + "@example.com", null, null, null, "free", 0, Role.USER, null, null, null, null, null,
                t, t);
    }

    /** Inserts a new user (see {@link #user}) and returns it as stored. */
    public static User stored(UserRepository users) {
        return users.insert(user(T0)).orElseThrow();
    }
}
