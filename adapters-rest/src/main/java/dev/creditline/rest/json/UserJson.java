package dev.creditline.rest.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.creditline.domain.user.User;
import java.time.Instant;
import java.util.UUID;

/** JSON shapes of a user (api.md "Auth.js adapter" and "User endpoints"); credits in credits, UTC instants. */
public final class UserJson {

    private UserJson() {
    }

    /** {@code {id, email, name, image, emailVerified, credits_balance, plan, created_at, updated_at}}: the Auth.js adapter's user. */
    public record AdapterUser(UUID id, String email, String name, String image, Instant emailVerified,
                              @JsonProperty("credits_balance") long creditsBalance, String plan,
                              @JsonProperty("created_at") Instant createdAt,
                              @JsonProperty("updated_at") Instant updatedAt) {
        /** The adapter's view of a user. */
        public static AdapterUser of(User u) {
            return new AdapterUser(u.id(), u.email(), u.name(), u.image(), u.emailVerified(), u.creditsBalance(),
                    u.plan(), u.createdAt(), u.updatedAt());
        }
    }

    /** {@code {id, email, name, image, credits_balance, plan}} for {@code /api/users/me}. */
    public record Me(UUID id, String email, String name, String image,
                     @JsonProperty("credits_balance") long creditsBalance, String plan) {
        /** The signed-in user's own view. */
        public static Me of(User u) {
            return new Me(u.id(), u.email(), u.name(), u.image(), u.creditsBalance(), u.plan());
        }
    }
}
