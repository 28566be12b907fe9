package dev.creditline.rest.operations;

import dev.creditline.rest.problem.Problems;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * CORS for browser callers (api.md "Operations", auth-credits-billing-plan.md "CORS"):
 * preflights from an allowed origin are answered 204 before authentication; answers to an
 * allowed origin carry {@code Access-Control-Allow-Origin} (the origin itself),
 * {@code Access-Control-Allow-Credentials: true} and expose {@code X-Request-Id}; other
 * origins get no CORS headers (a preflight from them is 403). Requests with an
 * {@code Origin} header on a closed path (internal, admin, webhook, metrics) are refused
 * with 403 {@code CROSS_ORIGIN_REFUSED}. A same-origin request (its {@code Origin} is the
 * service's own, as browsers send on same-origin writes, e.g. from the {@code /docs} page) is not
 * cross-origin and passes untouched; the endpoints' own credentials still apply.
 */
@PreMatching
@Priority(3)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {

    /** Request headers a browser may send. */
    public static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key, X-Request-Id";
    /** Methods a browser may use. */
    public static final String ALLOWED_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    /** Response headers a browser may read besides the CORS-safelisted ones. */
    public static final String EXPOSED_HEADERS = "X-Request-Id, Content-Disposition, X-Export-Truncated";
    private static final String ALLOWED = "creditline.cors.allowedOrigin";

    private final CorsPolicy policy;

    public CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || sameOrigin(origin, request)) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath(true);
        boolean preflight = "OPTIONS".equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null;
        if (policy.isClosed(path)) {
            request.abortWith(Problems.response(403, "CROSS_ORIGIN_REFUSED", "Forbidden",
                    "This endpoint is for servers and operators; browsers may not call it.", Map.of()));
            return;
        }
        boolean allowed = policy.allows(origin);
        if (allowed) {
            request.setProperty(ALLOWED, origin);
        }
        if (preflight) {
            if (!allowed) {
                request.abortWith(Problems.response(403, "ORIGIN_NOT_ALLOWED", "Forbidden",
                        "This origin may not call the API from a browser.", Map.of()));
                return;
            }
            request.abortWith(Response.noContent()
                    .header("Access-Control-Allow-Methods", ALLOWED_METHODS)
                    .header("Access-Control-Allow-Headers", ALLOWED_HEADERS)
                    .header("Access-Control-Max-Age", "600")
                    .build());
        }
    }

    /** Whether {@code origin} is the origin this request was addressed to (scheme and {@code Host}). */
    static boolean sameOrigin(String origin, ContainerRequestContext request) {
        try {
            java.net.URI base = request.getUriInfo().getBaseUri();
            String own = base.getScheme() + "://" + base.getRawAuthority();
            return CorsPolicy.origin(own).equals(CorsPolicy.origin(origin));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString("Origin") == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.add("Vary", "Origin");
        Object origin = request.getProperty(ALLOWED);
        if (origin != null) {
            headers.putSingle("Access-Control-Allow-Origin", origin.toString());
            headers.putSingle("Access-Control-Allow-Credentials", "true");
            headers.putSingle("Access-Control-Expose-Headers", EXPOSED_HEADERS);
        }
    }
}
