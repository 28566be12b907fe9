package dev.creditline.rest.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;

/**
 * 403 {@code FORBIDDEN} for a signed-in caller who is not an admin, on {@link AdminRequired} resources. Runs
 * last of the request filters — after {@link BearerAuthFilter} and after the query-parameter filters
 * ({@code ParameterTextFilter}, {@code DeclaredParametersFilter}), whose 400s came before the resource's own
 * admin check when the check was in the resource — and before the body is bound and validated, so a
 * non-admin never learns what a valid body looks like.
 */
@AdminRequired
@Priority(Priorities.USER + 200)
public final class AdminFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        BearerAuthFilter.requireAdmin(request);
    }
}
