package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else: a database fault is answered as {@link DatabaseFaults} classifies it (503, 400,
 * 404; logged as a warning without a stack trace); the rest is logged with its stack trace and
 * answered 500 without one (api.md "Errors").
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        java.util.Optional<ApiProblem> fault = DatabaseFaults.classify(e);
        if (fault.isPresent()) {
            LOG.warn("database fault answered {} {}: {}", fault.get().status(), fault.get().code(), rootMessage(e));
            return Problems.response(fault.get());
        }
        LOG.error("unexpected failure", e);
        return Problems.response(500, "INTERNAL_ERROR", "Internal Server Error",
                "The service failed to answer. Try again; if it persists, report the request id.", Map.of());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        for (int i = 0; t.getCause() != null && i < 32; i++) {
            t = t.getCause();
        }
        return t.toString();
    }
}
