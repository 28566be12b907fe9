package dev.creditline.domain.user;

import java.util.Locale;
import java.util.Optional;

/** A user's role: {@code admin} and {@code owner} may use admin endpoints. */
public enum Role {
    USER, ADMIN, OWNER;

    public boolean isAdmin() {
        return this != USER;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role for a stored or token value; empty for anything else. */
    public static Optional<Role> fromWire(String wire) {
        if (wire == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wireName().equals(wire)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
