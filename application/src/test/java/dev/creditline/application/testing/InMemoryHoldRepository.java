package dev.creditline.application.testing;

import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.application.testing.InMemoryDatabase.HoldRow;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.hold.HoldStep;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link HoldRepository} on {@link InMemoryDatabase}: the conditional updates of the holds
 * table ({@code WHERE status = 'open'}, the next step number, a deadline not yet passed).
 */
public final class InMemoryHoldRepository implements HoldRepository {

    private final InMemoryDatabase db;

    public InMemoryHoldRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(Hold hold, String ref) {
        db.inTransaction(() -> {
            var t = db.tables();
            if (!t.users.containsKey(hold.userId())) {
                throw new IllegalStateException("holds violates its foreign key: no user " + hold.userId());
            }
            if (t.holds.containsKey(hold.id())) {
                throw new IllegalStateException("holds violates its primary key: " + hold.id());
            }
            t.holds.put(hold.id(), new HoldRow(new Hold(hold.id(), hold.userId(), hold.amount(), HoldStatus.OPEN,
                    hold.createdAt(), hold.expiresAt(), 0, 0, 0, hold.onExpiry()), ref, 0, 0));
        });
    }

    @Override
    public Optional<Hold> lockById(UUID holdId) {
        return db.inTransaction(() -> Optional.ofNullable(db.tables().holds.get(holdId)).map(HoldRow::hold));
    }

    @Override
    public Optional<Hold> lockNextExpired(Instant now) {
        return db.inTransaction(() -> db.tables().holds.values().stream().map(HoldRow::hold)
                .filter(h -> h.status() == HoldStatus.OPEN && !h.expiresAt().isAfter(now))
                .min(Comparator.comparing(Hold::expiresAt)));
    }

    @Override
    public boolean settle(UUID holdId, HoldStatus status, HoldSettlement s, Instant at) {
        if (status == HoldStatus.OPEN) {
            throw new IllegalArgumentException("a settlement needs a terminal state");
        }
        return db.inTransaction(() -> {
            HoldRow row = db.tables().holds.get(holdId);
            if (row == null || row.hold().status() != HoldStatus.OPEN) {
                return false;
            }
            Hold h = row.hold();
            db.tables().holds.put(holdId, new HoldRow(new Hold(h.id(), h.userId(), h.amount(), status, h.createdAt(),
                    h.expiresAt(), s.captured(), h.extraDebit() + s.extraDebit(), h.captureSteps(), h.onExpiry()),
                    row.ref(), s.released(), row.shortfall() + s.shortfall()));
            return true;
        });
    }

    @Override
    public boolean recordStep(UUID holdId, HoldStep step) {
        return db.inTransaction(() -> {
            HoldRow row = db.tables().holds.get(holdId);
            if (row == null || row.hold().status() != HoldStatus.OPEN
                    || row.hold().captureSteps() != step.number() - 1) {
                return false;
            }
            Hold h = row.hold();
            db.tables().holds.put(holdId, new HoldRow(new Hold(h.id(), h.userId(), h.amount(), h.status(),
                    h.createdAt(), h.expiresAt(), h.captured() + step.captured(), h.extraDebit() + step.extraDebit(),
                    step.number(), h.onExpiry()), row.ref(), row.released(), row.shortfall() + step.shortfall()));
            return true;
        });
    }

    @Override
    public boolean extend(UUID holdId, Instant expiresAt, Instant now) {
        return db.inTransaction(() -> {
            HoldRow row = db.tables().holds.get(holdId);
            if (row == null || row.hold().status() != HoldStatus.OPEN || !row.hold().expiresAt().isAfter(now)) {
                return false;
            }
            Hold h = row.hold();
            db.tables().holds.put(holdId, new HoldRow(new Hold(h.id(), h.userId(), h.amount(), h.status(),
                    h.createdAt(), expiresAt, h.captured(), h.extraDebit(), h.captureSteps(), h.onExpiry()),
                    row.ref(), row.released(), row.shortfall()));
            return true;
        });
    }

    @Override
    public long pendingCredit(UUID userId) {
        return db.inTransaction(() -> db.tables().holds.values().stream().map(HoldRow::hold)
                .filter(h -> h.userId().equals(userId) && h.status() == HoldStatus.OPEN)
                .mapToLong(h -> h.amount() - h.captured()).sum());
    }
}
