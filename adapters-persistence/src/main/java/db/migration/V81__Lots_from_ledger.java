package db.migration;

import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.Allocation;
import dev.creditline.domain.lot.Lot;
import dev.creditline.domain.lot.LotBook;
import dev.creditline.domain.lot.LotCategory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Turns an existing ledger into lots (docs/lots.md): each user's entries are replayed in
 * ledger order through the domain's {@link LotBook} — one lot per grant entry, every debit
 * allocated in burn order, every hold release given back to the hold's lots — and the lots and
 * allocations written with the real entry ids. A user whose ledger does not add up (a debit the
 * replayed balance does not cover) stops the migration: run {@code verify-ledger} first.
 */
public class V81__Lots_from_ledger extends BaseJavaMigration {

    private record Row(long id, long delta, LedgerReason reason, String refType, String refId, Instant at) {
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<UUID> users = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT user_id FROM credit_ledger ORDER BY user_id")) {
            while (rs.next()) {
                users.add(rs.getObject(1, UUID.class));
            }
        }
        for (UUID user : users) {
            replay(c, user);
        }
    }

    private static void replay(Connection c, UUID user) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, delta, reason, ref_type, ref_id, created_at"
                + " FROM credit_ledger WHERE user_id = ? ORDER BY id")) {
            ps.setObject(1, user);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), LedgerReason.fromWire(rs.getString(3)),
                            rs.getString(4), rs.getString(5), rs.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
        }
        LotBook book = new LotBook();
        Map<String, Long> holdEntry = new HashMap<>();        // hold id -> book entry id
        Map<Long, Long> origin = new HashMap<>();             // book entry id -> book origin entry id
        Map<Long, Row> grantOf = new HashMap<>();             // book lot id -> granting row
        for (Row r : rows) {
            long bookEntry = book.entries().size() + 1L;
            int lotsBefore = book.lots().size();
            try {
                if (r.delta() > 0 && LotCategory.ofGrant(r.reason()) != null) {
                    book.grant(r.reason(), LotCategory.ofGrant(r.reason()), r.delta(), null, null, r.at());
                } else if (r.delta() > 0) {
                    String id = r.refId().contains(":") ? r.refId().substring(0, r.refId().indexOf(':')) : r.refId();
                    long from = holdEntry.getOrDefault(id, 0L);
                    book.giveBack(r.reason(), from, r.delta(), r.at());
                    origin.put(bookEntry, from == 0 ? bookEntry : from);
                } else {
                    book.debit(r.reason(), -r.delta(), r.at());
                    if (LedgerRef.HOLD.equals(r.refType())) {
                        holdEntry.put(r.refId(), bookEntry);
                    }
                }
            } catch (InsufficientCreditsException e) {
                throw new IllegalStateException("the ledger of user " + user + " does not add up at entry " + r.id()
                        + "; run verify-ledger and correct it before migrating", e);
            }
            if (book.entries().size() != bookEntry) {
                throw new IllegalStateException("replay of user " + user + " made extra entries at " + r.id());
            }
            if (book.lots().size() > lotsBefore) {
                grantOf.put((long) book.lots().size(), r);
            }
        }
        Map<Long, Long> lotIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO credit_lots (user_id, category, amount, remaining,"
                + " priority, expires_at, status, entry_id, ref_type, ref_id, created_at)"
                + " VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?) RETURNING id")) {
            for (Lot lot : book.lots()) {
                Row r = grantOf.get(lot.id());
                ps.setObject(1, user);
                ps.setString(2, lot.category().wireName());
                ps.setLong(3, lot.amount());
                ps.setLong(4, lot.remaining());
                ps.setInt(5, lot.priority());
                ps.setString(6, lot.status().wireName());
                ps.setLong(7, r.id());
                ps.setString(8, r.refType());
                ps.setString(9, r.refId());
                ps.setObject(10, r.at().atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    lotIds.put(lot.id(), rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO lot_allocations (user_id, entry_id, lot_id,"
                + " origin_entry_id, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (LotBook.Entry e : book.entries()) {
                long realEntry = rows.get((int) e.id() - 1).id();
                long realOrigin = rows.get((int) (origin.getOrDefault(e.id(), e.id()) - 1)).id();
                for (Allocation a : e.allocations()) {
                    ps.setObject(1, user);
                    ps.setLong(2, realEntry);
                    ps.setLong(3, lotIds.get(a.lotId()));
                    ps.setLong(4, realOrigin);
                    ps.setLong(5, a.amount());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
