package dev.creditline.rest.problem;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Classifies a failure that escaped a use case by the database error in its cause chain, so
 * that a fault is answered with what it means for the client instead of a 500 (api.md
 * "Errors", "Input robustness"):
 * <ul>
 *   <li>the database cannot be reached, is shutting down or refuses connections (SQLSTATE class
 *       08, 57P01–57P03, 53300, a pool timeout, a refused or timed-out socket) → 503
 *       {@code DATABASE_UNAVAILABLE} with {@code Retry-After};</li>
 *   <li>a value PostgreSQL cannot store (SQLSTATE 22003 numeric out of range, 22008 date-time
 *       out of range) → 400 {@code VALUE_OUT_OF_RANGE};</li>
 *   <li>a statement cancelled by {@code statement_timeout} (SQLSTATE 57014) → 503
 *       {@code DATABASE_TIMEOUT} with {@code Retry-After};</li>
 *   <li>a deadlock or serialization failure still there after the transaction's own retries
 *       (SQLSTATE 40P01, 40001) → 503 {@code DATABASE_BUSY} with {@code Retry-After};</li>
 *   <li>a foreign-key violation (SQLSTATE 23503): every foreign key points at a user, so the
 *       user the request acts for was deleted while it ran → 404 {@code USER_NOT_FOUND}.</li>
 * </ul>
 * The transaction has rolled back in each case, so nothing was written.
 */
public final class DatabaseFaults {

    /** Seconds a client should wait before retrying after a database outage. */
    static final String RETRY_AFTER_SECONDS = "2";

    private DatabaseFaults() {
    }

    /** The problem answer for {@code failure}, or empty when it is not a recognised database fault. */
    public static Optional<ApiProblem> classify(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException) {
                return Optional.of(unavailable());
            }
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03") || state.equals("53300")) {
                    return Optional.of(unavailable());
                }
                if (state.equals("22003") || state.equals("22008")) {
                    return Optional.of(new ApiProblem(400, "VALUE_OUT_OF_RANGE", "Bad Request",
                            "A number or time in the request is outside the range the service can store."));
                }
                if (state.equals("57014")) {
                    // query_canceled: the pool's statement_timeout fired (docs/configuration.md
                    // DATABASE_STATEMENT_TIMEOUT_MS); the transaction rolled back
                    return Optional.of(new ApiProblem(503, "DATABASE_TIMEOUT", "Service Unavailable",
                            "The database did not answer in time. Retry shortly; a write retried with the same "
                                    + "Idempotency-Key is applied at most once.")
                            .header("Retry-After", "1"));
                }
                if (state.equals("40P01") || state.equals("40001")) {
                    return Optional.of(new ApiProblem(503, "DATABASE_BUSY", "Service Unavailable",
                            "The request kept conflicting with concurrent ones and was rolled back. Retry it; a write "
                                    + "retried with the same Idempotency-Key is applied at most once.")
                            .header("Retry-After", "1"));
                }
                if (state.equals("23503")) {
                    return Optional.of(new ApiProblem(404, "USER_NOT_FOUND", "Not Found",
                            "The user this request acts for was deleted while it ran."));
                }
            }
        }
        return Optional.empty();
    }

    private static ApiProblem unavailable() {
        return new ApiProblem(503, "DATABASE_UNAVAILABLE", "Service Unavailable",
                "The database is unreachable. Retry after the time given in Retry-After; a write retried with "
                        + "the same Idempotency-Key is applied at most once.")
                .header("Retry-After", RETRY_AFTER_SECONDS);
    }

}
