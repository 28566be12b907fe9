package dev.creditline.rest.filter;

import dev.creditline.rest.problem.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.nio.charset.Charset;

/**
 * Refuses a {@code Content-Type} that cannot be parsed, or that names a charset this JVM does
 * not know, with 415 {@code UNSUPPORTED_MEDIA_TYPE} problem+json, before Jersey parses it (which
 * would answer a bare 400, or fail with a 500 on the unknown charset). docs/api.md "Input robustness".
 */
@PreMatching
@Priority(3)
public final class ContentTypeFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (header == null) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(header);
        } catch (RuntimeException e) {
            throw unsupported("The Content-Type header is not a media type. Send application/json.");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null) {
            boolean known;
            try {
                known = Charset.isSupported(charset);
            } catch (RuntimeException e) {
                known = false;
            }
            if (!known) {
                throw unsupported("The Content-Type names an unknown charset. Send application/json; charset=utf-8.");
            }
        }
    }

    private static ApiProblem unsupported(String detail) {
        return new ApiProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", detail);
    }
}
