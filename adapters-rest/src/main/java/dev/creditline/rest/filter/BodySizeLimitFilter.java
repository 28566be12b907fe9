package dev.creditline.rest.filter;

import dev.creditline.rest.problem.ApiProblem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies larger than a limit with 413, whether the size is declared
 * ({@code Content-Length}) or only discovered while reading a chunked body.
 */
@PreMatching
@Priority(2)
public final class BodySizeLimitFilter implements ContainerRequestFilter {

    private final long maxBytes;

    /** @param maxBytes largest accepted body in bytes */
    public BodySizeLimitFilter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > maxBytes) {
            throw tooLarge();
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    private ApiProblem tooLarge() {
        return new ApiProblem(413, "PAYLOAD_TOO_LARGE", "Content Too Large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    private final class Limited extends FilterInputStream {
        private long remaining;

        Limited(InputStream in, long max) {
            super(in);
            this.remaining = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && --remaining < 0) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                remaining -= n;
                if (remaining < 0) {
                    throw tooLarge();
                }
            }
            return n;
        }
    }
}
