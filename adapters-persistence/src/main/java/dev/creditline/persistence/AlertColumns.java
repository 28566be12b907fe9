package dev.creditline.persistence;

import dev.creditline.application.port.out.alerts.AlertMarks;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The user's alert columns as the balance update of a ledger append returns them
 * ({@code low_balance_thresholds, low_balance_fired, depleted_alerted, auto_topup_threshold}),
 * so judging a change needs no statement of its own (docs/performance.md "Metering").
 */
final class AlertColumns {

    /** The columns, in the order the statements return them. */
    static final String LIST = "low_balance_thresholds, low_balance_fired, depleted_alerted, auto_topup_threshold";

    private AlertColumns() {
    }

    /** Reads the four columns starting at column {@code first}. */
    static AlertMarks read(ResultSet rs, int first) throws SQLException {
        long[] thresholds = longs(rs.getArray(first));
        long[] fired = longs(rs.getArray(first + 1));
        boolean depleted = rs.getBoolean(first + 2);
        long topUp = rs.getLong(first + 3);
        return new AlertMarks(thresholds, fired, depleted, rs.wasNull() ? null : topUp);
    }

    /** A {@code bigint[]} as {@code long[]}; null stays null. */
    static long[] longs(Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] values = (Object[]) array.getArray();
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).longValue();
        }
        return out;
    }

    /** A {@code long[]} as a {@code bigint[]} parameter on the handle's connection (null stays null). */
    static Array array(org.jdbi.v3.core.Handle h, long[] values) {
        if (values == null) {
            return null;
        }
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        try {
            return h.getConnection().createArrayOf("bigint", boxed);
        } catch (SQLException e) {
            throw new org.jdbi.v3.core.statement.UnableToExecuteStatementException(e.getMessage(), e, null);
        }
    }
}
