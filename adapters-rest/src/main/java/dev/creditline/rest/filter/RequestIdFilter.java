package dev.creditline.rest.filter;

import dev.creditline.rest.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is 1..128 safe
 * characters, else a new UUID. It is in the logging MDC, in problem bodies and in the
 * {@code X-Request-Id} response header (api.md "Operations").
 */
@PreMatching
@Priority(1)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Header carrying the request id both ways. */
    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void filter(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        request.setProperty(Problems.REQUEST_ID, id);
        MDC.put(Problems.REQUEST_ID, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(Problems.REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id.toString());
        }
    }
}
