package dev.creditline.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.persistence.testing.DatabaseTest;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport;
import dev.creditline.persistence.testing.EmbeddedPostgresSupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

/**
 * Behind PgBouncer in transaction mode each transaction may run on another server connection
 * (docs/operations.md "PgBouncer"): nothing may leave state on a server connection between
 * transactions. This test keeps the persistence code and the migrations free of the statements
 * that would, and checks the driver setting {@code DATABASE_POOLER=pgbouncer} turns on.
 */
@DatabaseTest
class PoolerCompatibilityTest {

    /** Statements that leave state on the server connection after the transaction. */
    private static final List<Pattern> SESSION_STATE = List.of(
            Pattern.compile("pg_(try_)?advisory_lock(_shared)?\\s*\\(", Pattern.CASE_INSENSITIVE),
            // PgBouncer tracks these parameters per client and re-applies them on whichever server
            // connection runs the client's next transaction, so a plain SET of them is safe.
            Pattern.compile("(^|[\";]\\s*)SET\\s+(?!LOCAL\\b)(SESSION\\s+)?(?!(timezone|application_name"
                    + "|client_encoding|datestyle|standard_conforming_strings)\\b)[A-Za-z_]+\\s*(=|TO\\b)",
                    Pattern.CASE_INSENSITIVE | Pattern.MULTILINE),
            Pattern.compile("set_config\\s*\\([^)]*,\\s*false\\s*\\)", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\b(LISTEN|UNLISTEN)\\s+\\w", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bWITH\\s+HOLD\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bCREATE\\s+(GLOBAL\\s+|LOCAL\\s+)?TEMP(ORARY)?\\s+TABLE\\b", Pattern.CASE_INSENSITIVE),
            Pattern.compile("\\bPREPARE\\s+\\w+\\s+(\\(|AS\\b)", Pattern.CASE_INSENSITIVE));

    @Test
    void nothingLeavesStateOnAServerConnection() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("src/main/resources"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".sql"))
                        .toList()) {
                    String text = Files.readString(f);
                    for (Pattern p : SESSION_STATE) {
                        Matcher m = p.matcher(withoutComments(text, f));
                        while (m.find()) {
                            found.add(f + ": " + m.group().strip());
                        }
                    }
                }
            }
        }
        assertThat(found).as("session state breaks behind PgBouncer in transaction mode: use"
                + " pg_advisory_xact_lock, SET LOCAL, set_config(..., true)").isEmpty();
    }

    @Test
    void thePoolerSettingTurnsServerSidePreparedStatementsOff() throws Exception {
        TestDatabase t = EmbeddedPostgresSupport.freshDatabase();
        try (Database direct = Database.open(t.jdbcUrl(), t.user(), t.password(), 1, false);
             Connection c = direct.dataSource().getConnection()) {
            assertThat(c.unwrap(PGConnection.class).getPrepareThreshold()).isEqualTo(5);
        }
        try (Database pooled = Database.open(t.jdbcUrl(), t.user(), t.password(), 1, true);
             Connection c = pooled.dataSource().getConnection()) {
            assertThat(c.unwrap(PGConnection.class).getPrepareThreshold()).isZero();
        }
    }

    @Test
    void theScanFindsSessionState() {
        String bad = "h.execute(\"SET statement_timeout = 5000\"); h.execute(\"SELECT pg_advisory_lock(1)\");"
                + " h.execute(\"SET LOCAL enable_sort = off\"); h.execute(\"UPDATE users SET plan = 'pro'\");"
                + " config.setConnectionInitSql(\"SET TimeZone = 'UTC'\"); h.execute(\"SET TIME ZONE 'UTC'\");";
        long hits = SESSION_STATE.stream().mapToLong(p -> p.matcher(bad).results().count()).sum();
        assertThat(hits).isEqualTo(2);
    }

    /** Drops {@code //} and {@code --} line comments and block comments (their prose is not SQL). */
    private static String withoutComments(String text, Path file) {
        String noBlocks = text.replaceAll("(?s)/\\*.*?\\*/", " ");
        return file.toString().endsWith(".sql") ? noBlocks.replaceAll("--[^\\n]*", " ")
                : noBlocks.replaceAll("(?m)^\\s*//[^\\n]*", " ");
    }
}
