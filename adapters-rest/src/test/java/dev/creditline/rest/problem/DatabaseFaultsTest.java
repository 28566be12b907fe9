package dev.creditline.rest.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseFaultsTest {

    private static RuntimeException wrapped(Throwable cause) {
        return new IllegalStateException("jdbi", new RuntimeException("statement", cause));
    }

    @Test
    void anUnreachableDatabaseIsA503WithRetryAfter() {
        for (Throwable t : new Throwable[] {new SQLTransientConnectionException("pool timeout"),
                new SQLException("refused", "08001"), new SQLException("terminating", "57P01"),
                new SQLException("too many", "53300"), new ConnectException("refused")}) {
            ApiProblem p = DatabaseFaults.classify(wrapped(t)).orElseThrow();
            assertThat(p.status()).isEqualTo(503);
            assertThat(p.code()).isEqualTo("DATABASE_UNAVAILABLE");
            assertThat(p.headers()).containsKey("Retry-After");
        }
    }

    @Test
    void aValueOutOfRangeIsA400() {
        assertThat(DatabaseFaults.classify(wrapped(new SQLException("timestamp out of range", "22008")))
                .orElseThrow().status()).isEqualTo(400);
        assertThat(DatabaseFaults.classify(wrapped(new SQLException("bigint out of range", "22003")))
                .orElseThrow().code()).isEqualTo("VALUE_OUT_OF_RANGE");
    }

    @Test
    void aForeignKeyViolationMeansTheUserWasDeletedMidRequestAndIsA404() {
        ApiProblem p = DatabaseFaults.classify(wrapped(new SQLException("fk", "23503"))).orElseThrow();
        assertThat(p.status()).isEqualTo(404);
        assertThat(p.code()).isEqualTo("USER_NOT_FOUND");
    }

    @Test
    void otherFailuresAreNotDatabaseFaults() {
        assertThat(DatabaseFaults.classify(new IllegalStateException("bug"))).isEmpty();
        assertThat(DatabaseFaults.classify(wrapped(new SQLException("syntax", "42601")))).isEmpty();
    }
}
