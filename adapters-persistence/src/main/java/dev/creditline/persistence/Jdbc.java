package dev.creditline.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Plain JDBC on a JDBI handle's connection, for the few statements every metering request runs
 * (the ledger append, the model call insert, the user read; docs/performance.md "Metering").
 * JDBI's per-statement work — configuration copy, named-parameter parsing, argument-factory
 * lookup per bound value, reflective cleanup — cost more CPU than the statement's own JDBC
 * work there. The statement runs on the same connection, so it joins the handle's transaction
 * exactly like a JDBI statement. Parameters are positional ({@code ?}); a {@code null} is bound
 * untyped (PostgreSQL infers it, as JDBI's null does); other values go through
 * {@link PreparedStatement#setObject(int, Object)} (String, Long, Integer, UUID,
 * OffsetDateTime). An {@link SQLException} becomes JDBI's {@link UnableToExecuteStatementException}
 * with the SQLException as its cause (so {@link JdbiTransactions} still sees deadlocks).
 */
final class Jdbc {

    /** Reads one row (a repository's row mapper, or a lambda for a one-off result). */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    /** The first row of {@code sql}'s result read by {@code reader}, or empty when there is none. */
    static <T> Optional<T> first(Handle h, String sql, RowReader<T> reader, Object... args) {
        try (PreparedStatement ps = prepare(h.getConnection(), sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE without result rows; the number of rows it touched. */
    static int update(Handle h, String sql, Object... args) {
        try (PreparedStatement ps = prepare(h.getConnection(), sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object[] args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) {
                if (args[i] == null) {
                    ps.setNull(i + 1, Types.OTHER);
                } else {
                    ps.setObject(i + 1, args[i]);
                }
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
