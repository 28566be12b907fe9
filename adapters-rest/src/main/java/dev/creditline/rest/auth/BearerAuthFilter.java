package dev.creditline.rest.auth;

import dev.creditline.application.port.in.FindUserUseCase;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.domain.user.Emails;
import dev.creditline.domain.user.Role;
import dev.creditline.domain.user.User;
import dev.creditline.rest.problem.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.MDC;

/**
 * Authenticates user endpoints with {@code Authorization: Bearer <token>} (api.md
 * "Authentication"). No credentials: 401 {@code Authentication required}. A token that is
 * invalid, expired, forged or names a deleted user: 401 with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} — never a guest, never a 500.
 */
@BearerAuthRequired
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private final BearerTokenVerifier verifier;
    private final FindUserUseCase users;
    private final FreeAllowanceUseCase allowance;
    private final Set<String> adminEmails;

    /**
     * @param allowance   the lazy free allowance, applied to the signed-in user on every request
     *                    (a free user is "seen" by any
     *                    authenticated read); it reads nothing more unless a grant is due
     * @param adminEmails emails that are admins whatever their stored role ({@code ADMIN_EMAILS})
     */
    public BearerAuthFilter(BearerTokenVerifier verifier, FindUserUseCase users, FreeAllowanceUseCase allowance,
                            Set<String> adminEmails) {
        this.verifier = verifier;
        this.users = users;
        this.allowance = allowance;
        this.adminEmails = adminEmails.stream().map(Emails::key).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String authorization = request.getHeaderString("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw ApiProblem.authenticationRequired().header("WWW-Authenticate", "Bearer");
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() == 7) {
            throw invalid("Use an Authorization header of the form: Bearer <token>.");
        }
        VerifiedToken token;
        try {
            token = verifier.verify(authorization.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw invalid("The token is invalid or expired.");
        }
        User user = users.findById(token.userId()).flatMap(allowance::refresh)
                .orElseThrow(() -> invalid("The token's user no longer exists."));
        boolean admin = user.role().isAdmin()
                || token.role().flatMap(r -> Role.fromWire(r.toLowerCase(Locale.ROOT))).map(Role::isAdmin).orElse(false)
                || adminEmails.contains(Emails.key(user.email()));
        request.setProperty(Caller.PROPERTY, new Caller(user, admin));
        MDC.put("userId", user.id().toString());
    }

    private static ApiProblem invalid(String detail) {
        return new ApiProblem(401, "INVALID_TOKEN", "Unauthorized", detail)
                .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    /** The admin check for resources: 403 unless the caller is admin. */
    public static Caller requireAdmin(ContainerRequestContext request) {
        Caller caller = Caller.of(request);
        if (!caller.admin()) {
            throw new ApiProblem(403, "FORBIDDEN", "Forbidden", "This needs an admin or owner.");
        }
        return caller;
    }

}
