package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Builds RFC 9457 problem+json responses: {@code type, title, status, detail, code}, the
 * request id, then extension members. Never includes a stack trace.
 */
public final class Problems {

    /** The problem+json media type. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** MDC key and request property holding the request id. */
    public static final String REQUEST_ID = "requestId";

    private Problems() {
    }

    /** A problem response with the given members; {@code extensions} may be empty. */
    public static Response response(int status, String code, String title, String detail,
                                    Map<String, ?> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://creditline.dev/problems/" + code.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        String requestId = MDC.get(REQUEST_ID);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        body.putAll(extensions);
        return Response.status(status).type(MEDIA_TYPE).entity(body).build();
    }

    /** The response for an {@link ApiProblem}, with its headers. */
    public static Response response(ApiProblem p) {
        Response r = response(p.status(), p.code(), p.title(), p.getMessage(), p.extensions());
        if (p.headers().isEmpty()) {
            return r;
        }
        Response.ResponseBuilder b = Response.fromResponse(r);
        p.headers().forEach(b::header);
        return b.build();
    }
}
