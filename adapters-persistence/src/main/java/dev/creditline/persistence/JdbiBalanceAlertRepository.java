package dev.creditline.persistence;

import dev.creditline.application.port.out.alerts.BalanceAlertRepository;
import java.util.Optional;
import java.util.UUID;

/** {@link BalanceAlertRepository} on the alert columns of {@code users} (migration V100). */
public final class JdbiBalanceAlertRepository implements BalanceAlertRepository {

    private static final String SET_THRESHOLDS_SQL = Sql.load("alerts/set-thresholds.sql");
    private static final String MARK_DEPLETED_SQL = Sql.load("alerts/mark-depleted.sql");

    private final JdbiTransactions tx;

    public JdbiBalanceAlertRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void storeMarks(UUID userId, long[] fired, boolean depleted) {
        tx.withHandle(h -> Jdbc.update(h, "UPDATE users SET low_balance_fired = ?, depleted_alerted = ? WHERE id = ?",
                fired.length == 0 ? null : AlertColumns.array(h, fired), depleted, userId));
    }

    @Override
    public Optional<Long> markDepleted(UUID userId) {
        return tx.withHandle(h -> h.createQuery(MARK_DEPLETED_SQL).bind("userId", userId)
                .mapTo(Long.class).findOne());
    }

    @Override
    public Optional<Thresholds> thresholds(UUID userId) {
        return tx.withHandle(h -> Jdbc.first(h, "SELECT low_balance_thresholds FROM users WHERE id = ?",
                rs -> new Thresholds(AlertColumns.longs(rs.getArray(1))), userId));
    }

    @Override
    public boolean setThresholds(UUID userId, long[] own, long[] effective) {
        return tx.withHandle(h -> Jdbc.update(h, SET_THRESHOLDS_SQL, AlertColumns.array(h, own),
                AlertColumns.array(h, effective), userId)) == 1;
    }
}
