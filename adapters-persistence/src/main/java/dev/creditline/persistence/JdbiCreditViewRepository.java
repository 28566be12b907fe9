package dev.creditline.persistence;

import dev.creditline.domain.analytics.CreditTotals;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.application.port.out.analytics.CreditViewRepository;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Ledger and hold views for {@code /api/user/credit/*} (analytics.md "Credits views"). */
public final class JdbiCreditViewRepository implements CreditViewRepository {

    /** A grant: a positive entry that brings new credits (as in the trigger of V56, narrowed by V80). */
    static final String GRANT = "delta > 0 AND reason NOT IN ('hold_release', 'hold_capture_adjustment', 'rollover')";

    private static final String TOTALS_SQL = Sql.load("credits/totals.sql");

    private final JdbiTransactions tx;
    /** Where ledger listings read (a read replica when configured); totals stay on {@code tx}. */
    private final JdbiTransactions historyReads;

    public JdbiCreditViewRepository(JdbiTransactions tx) {
        this(tx, tx);
    }

    /**
     * @param historyReads transactions for {@link #entries}, which needs no read-your-writes
     *                     (e.g. {@link ReadReplica#reads()}); the balance and totals read {@code tx}
     *                     so a caller sees its own latest debit
     */
    public JdbiCreditViewRepository(JdbiTransactions tx, JdbiTransactions historyReads) {
        this.tx = tx;
        this.historyReads = historyReads;
    }

    @Override
    public Optional<CreditTotals> totals(UUID userId) {
        // The totals are maintained on the user's row by the ledger (migration V56), so this read
        // costs the same however long the ledger is; open holds come from a partial index.
        return tx.withHandle(h -> h.createQuery(TOTALS_SQL)
                .bind("u", userId)
                .map((rs, ctx) -> new CreditTotals(rs.getLong("credits_balance"), rs.getLong("total"),
                        rs.getLong("grant_count"), rs.getLong("pending")))
                .findOne());
    }

    @Override
    public LedgerPage entries(UUID userId, boolean grantsOnly, Optional<Instant> from, Optional<Instant> to,
                              int limit, long offset) {
        String filter = (grantsOnly ? " AND " + GRANT : "")
                + (from.isPresent() ? " AND created_at >= :from" : "") + (to.isPresent() ? " AND created_at < :to" : "");
        return historyReads.withHandle(h -> {
            var q = h.createQuery(JdbiLedgerRepository.ENTRIES_SQL)
                    .define("columns", JdbiLedgerRepository.ENTRY_COLUMNS).define("filter", filter)
                    .bind("u", userId).bind("limit", limit).bind("offset", offset);
            var c = h.createQuery(JdbiLedgerRepository.COUNT_ENTRIES_SQL).define("filter", filter).bind("u", userId);
            from.ifPresent(t -> {
                q.bind("from", Rows.ts(t));
                c.bind("from", Rows.ts(t));
            });
            to.ifPresent(t -> {
                q.bind("to", Rows.ts(t));
                c.bind("to", Rows.ts(t));
            });
            return new LedgerPage(q.map(JdbiLedgerRepository::mapEntry).list(), c.mapTo(Long.class).one());
        });
    }
}
