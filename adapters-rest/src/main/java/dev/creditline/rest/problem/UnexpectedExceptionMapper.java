package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Anything else: logged with its stack trace, answered 500 without one (api.md "Errors"). */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        LOG.error("unexpected failure", e);
        return Problems.response(500, "INTERNAL_ERROR", "Internal Server Error",
                "The service failed to answer. Try again; if it persists, report the request id.", Map.of());
    }
}
