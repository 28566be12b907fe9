package dev.creditline.application.service;

import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.GrantLotUseCase;
import dev.creditline.application.port.in.LotsUseCase;
import dev.creditline.application.port.in.SweepExpiredLotsUseCase;
import dev.creditline.application.port.in.VoidLotUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.Lot;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.LotNotFoundException;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lots as the API shows and moves them (docs/lots.md): the user's lots with what
 * expires soon and the debt, internal and admin grants that make a lot, void, and the expiry
 * sweeper. Every write is one transaction under the user's row lock.
 */
public final class LotService implements LotsUseCase, GrantLotUseCase, VoidLotUseCase, SweepExpiredLotsUseCase {

    private final TransactionPort tx;
    private final LotRepository lots;
    private final LedgerRepository ledger;
    private final UserRepository users;
    private final FreeAllowanceUseCase allowance;
    private final Clock clock;

    /**
     * @param allowance the touch of a user before a read: the lazy free allowance and due expiries
     */
    public LotService(TransactionPort tx, LotRepository lots, LedgerRepository ledger, UserRepository users,
                      FreeAllowanceUseCase allowance, Clock clock) {
        this.tx = tx;
        this.lots = lots;
        this.ledger = ledger;
        this.users = users;
        this.allowance = allowance;
        this.clock = clock;
    }

    @Override
    public LotsView lots(UUID userId) {
        allowance.refresh(userId).orElseThrow(UserNotFoundException::new);
        List<Lot> active = lots.activeLots(userId);
        ExpiringSoon soon = expiringSoon(active, lots.debt(userId).orElseThrow(UserNotFoundException::new));
        return new LotsView(active, soon, soon.debt());
    }

    @Override
    public ExpiringSoon expiringSoon(UUID userId) {
        return expiringSoon(lots.activeLots(userId), lots.debt(userId).orElse(0L));
    }

    @Override
    public Map<Long, Lot> lotsOfGrants(UUID userId, Collection<Long> entryIds) {
        return lots.lotsOfEntries(userId, entryIds);
    }

    private ExpiringSoon expiringSoon(List<Lot> active, long debt) {
        Instant now = now();
        Instant horizon = now.plus(Duration.ofDays(EXPIRING_SOON_DAYS));
        long credits = 0;
        Instant next = null;
        for (Lot l : active) {
            if (l.expiresAt() != null && l.expiresAt().isAfter(now) && !l.expiresAt().isAfter(horizon)
                    && l.remaining() > 0) {
                credits += l.remaining();
                next = next == null || l.expiresAt().isBefore(next) ? l.expiresAt() : next;
            }
        }
        return new ExpiringSoon(credits, next, debt);
    }

    @Override
    public LotGranted grant(LotGrantCommand c) {
        Instant now = now();
        if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
        boolean promotion = c.category() == LotCategory.PROMOTION;
        LedgerRef ref = c.ref() != null ? (promotion ? LedgerRef.promotion(c.ref()) : LedgerRef.admin(c.ref()))
                : promotion ? LedgerRef.promotion(UUID.randomUUID().toString())
                : LedgerRef.adminAdjustment(UUID.randomUUID());
        LedgerAppend append = new LedgerAppend(c.userId(), c.amount(),
                promotion ? LedgerReason.PROMOTION : LedgerReason.ADMIN_ADJUSTMENT, ref, c.note(), c.actorId(), now,
                new LotTerms.Grant(c.category(), c.priority(), c.expiresAt()));
        return tx.inTransaction(() -> {
            AppendResult result = ledger.append(append);
            if (result instanceof AppendResult.Appended a) {
                Lot lot = lots.lotOfGrant(c.userId(), ref).orElseThrow();
                long balance = users.findById(c.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
                return new LotGranted(lot.id(), a.entry().id(), balance, ref);
            }
            if (result instanceof AppendResult.UnknownUser) {
                throw new UserNotFoundException();
            }
            throw new IllegalStateException("grant refused: " + result);
        });
    }

    @Override
    public LotVoided voidLot(long lotId) {
        UUID owner = lots.ownerOf(lotId).orElseThrow(() -> new LotNotFoundException(Long.toString(lotId)));
        Instant now = now();
        return tx.inTransaction(() -> {
            long voided = lots.voidLot(owner, lotId, now).orElse(0L);
            long balance = users.findById(owner).orElseThrow(UserNotFoundException::new).creditsBalance();
            return new LotVoided(lotId, voided, balance);
        });
    }

    /**
     * Voids a lot only when it is {@code userId}'s.
     *
     * @throws LotNotFoundException when there is no such lot or it is another user's
     */
    public LotVoided voidLot(long lotId, UUID userId) {
        UUID owner = lots.ownerOf(lotId).orElseThrow(() -> new LotNotFoundException(Long.toString(lotId)));
        if (!owner.equals(userId)) {
            throw new LotNotFoundException(Long.toString(lotId));
        }
        return voidLot(lotId);
    }

    @Override
    public int sweepExpiredLots(int maxUsers) {
        Instant now = now();
        int closed = 0;
        for (UUID user : lots.usersWithDueLots(now, maxUsers)) {
            closed += tx.inTransaction(() -> lots.expireDueSkipLocked(user, now));
        }
        return closed;
    }

    private Instant now() {
        return clock.instant();
    }
}
