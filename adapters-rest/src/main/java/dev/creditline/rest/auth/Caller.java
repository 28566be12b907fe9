package dev.creditline.rest.auth;

import dev.creditline.domain.user.User;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.UUID;

/**
 * The authenticated user of a bearer request, put on the request by {@link BearerAuthFilter}.
 *
 * @param user  the user as stored at the start of the request
 * @param admin whether the user may use admin endpoints
 */
public record Caller(User user, boolean admin) {

    /** Request property holding the caller. */
    public static final String PROPERTY = "creditline.caller";

    /** The caller of a request that passed {@link BearerAuthFilter}. */
    public static Caller of(ContainerRequestContext request) {
        Object c = request.getProperty(PROPERTY);
        if (c instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("resource is not guarded by @BearerAuthRequired");
    }

    /** The id of the signed-in user of a request that passed {@link BearerAuthFilter}. */
    public static UUID userId(ContainerRequestContext request) {
        return of(request).user().id();
    }
}
