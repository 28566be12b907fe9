package dev.creditline.rest.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Jersey's own HTTP errors (unknown route 404, wrong method 405, unsupported media type 415,
 * unconvertible parameter 400/404, body too large 413) as problem+json.
 */
@Provider
public final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        String code;
        String detail;
        switch (status) {
            case 404 -> {
                code = "NOT_FOUND";
                detail = "There is no such resource.";
            }
            case 405 -> {
                code = "METHOD_NOT_ALLOWED";
                detail = "This resource does not support that HTTP method.";
            }
            case 406 -> {
                code = "NOT_ACCEPTABLE";
                detail = "This resource cannot answer in the media type asked for.";
            }
            case 413 -> {
                code = "PAYLOAD_TOO_LARGE";
                detail = "The request body is larger than the service accepts.";
            }
            case 415 -> {
                code = "UNSUPPORTED_MEDIA_TYPE";
                detail = "Send the body as application/json.";
            }
            default -> {
                code = status >= 500 ? "INTERNAL_ERROR" : "BAD_REQUEST";
                detail = status >= 500 ? "The service failed to answer." : "The request is not valid.";
            }
        }
        Response r = Problems.response(status, code, reason(status), detail, Map.of());
        if (original != null && original.getHeaderString("Allow") != null) {
            return Response.fromResponse(r).header("Allow", original.getHeaderString("Allow")).build();
        }
        return r;
    }

    private static String reason(int status) {
        Response.Status s = Response.Status.fromStatusCode(status);
        return s == null ? "Error" : s.getReasonPhrase();
    }
}
