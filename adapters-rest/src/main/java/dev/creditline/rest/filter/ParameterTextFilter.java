package dev.creditline.rest.filter;

import dev.creditline.domain.ValidationException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses path and query parameters holding U+0000 ({@code %00}) with 400
 * {@code VALIDATION_FAILED} naming the parameter: PostgreSQL text cannot hold that character, so
 * such a value would otherwise fail in the database as a 500. Runs after authentication.
 * docs/api.md "Input robustness".
 */
@Priority(Priorities.USER)
public final class ParameterTextFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        check(request.getUriInfo().getPathParameters(true));
        check(request.getUriInfo().getQueryParameters(true));
    }

    private static void check(MultivaluedMap<String, String> params) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            for (String v : e.getValue()) {
                if (v != null && v.indexOf('\u0000') >= 0) {
                    throw new ValidationException(e.getKey(), "must not contain the NUL character (U+0000)");
                }
            }
        }
    }
}
