package dev.creditline.rest.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anything else: logged with its stack trace, answered 500 without one (api.md "Errors"); a
 * statement cancelled by the pool's {@code statement_timeout} is 503 {@code DATABASE_TIMEOUT}
 * with {@code Retry-After} (docs/configuration.md).
 */
@Provider
public final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionMapper.class);

    /** SQLSTATE of a statement cancelled by {@code statement_timeout} (query_canceled). */
    static final String QUERY_CANCELED = "57014";

    @Override
    public Response toResponse(Throwable e) {
        if (statementTimedOut(e)) {
            // The database gave up on a slow statement: the transaction rolled back, nothing was
            // written, and a retry (with the same Idempotency-Key) is safe.
            LOG.warn("statement cancelled by statement_timeout: {}", e.toString());
            return Response.fromResponse(Problems.response(503, "DATABASE_TIMEOUT", "Service Unavailable",
                            "The database did not answer in time. Retry shortly.", Map.of()))
                    .header("Retry-After", "1").build();
        }
        LOG.error("unexpected failure", e);
        return Problems.response(500, "INTERNAL_ERROR", "Internal Server Error",
                "The service failed to answer. Try again; if it persists, report the request id.", Map.of());
    }

    /** Whether {@code e} or one of its causes is PostgreSQL's {@code query_canceled}. */
    static boolean statementTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && QUERY_CANCELED.equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
