package dev.creditline.rest.json;

import dev.creditline.domain.user.User;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of a user (api.md "Auth.js adapter" and "User endpoints"). */
public final class UserJson {

    private UserJson() {
    }

    /** {@code {id, email, name, image, emailVerified, credits_balance, plan, created_at, updated_at}}. */
    public static Map<String, Object> adapter(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("image", u.image());
        m.put("emailVerified", u.emailVerified());
        m.put("credits_balance", u.creditsBalance());
        m.put("plan", u.plan());
        m.put("created_at", u.createdAt());
        m.put("updated_at", u.updatedAt());
        return m;
    }

    /** {@code {id, email, name, image, credits_balance, plan}} for {@code /api/users/me}. */
    public static Map<String, Object> me(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("email", u.email());
        m.put("name", u.name());
        m.put("image", u.image());
        m.put("credits_balance", u.creditsBalance());
        m.put("plan", u.plan());
        return m;
    }
}
