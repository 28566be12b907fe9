package dev.creditline.application.service;

import dev.creditline.application.port.in.AdjustCreditsUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Manual credit adjustments by admins (api.md "Admin"). Each is one ledger append with reason
 * {@code admin_adjustment}, ref {@code admin/<random id>}, the admin in {@code actor_id} and the
 * note in {@code note}; a deduction larger than the balance is refused whole by the ledger.
 */
public final class AdminCreditService implements AdjustCreditsUseCase {

    private final TransactionPort tx;
    private final LedgerRepository ledger;
    private final Clock clock;

    public AdminCreditService(TransactionPort tx, LedgerRepository ledger, Clock clock) {
        this.tx = tx;
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public Adjustment adjust(AdjustCommand c) {
        Instant now = clock.instant();
        if (c.expiresAt() != null && !c.expiresAt().isAfter(now)) {
            throw new ValidationException("expiresAt", "must be in the future");
        }
        LotCategory category = c.category() != null ? c.category() : LotCategory.ADMIN;
        LedgerAppend append = new LedgerAppend(c.userId(), c.amount(),
                category == LotCategory.PROMOTION ? LedgerReason.PROMOTION : LedgerReason.ADMIN_ADJUSTMENT,
                LedgerRef.adminAdjustment(UUID.randomUUID()), c.note(), c.actorId(), now,
                c.amount() > 0 ? new LotTerms.Grant(category, c.priority(), c.expiresAt()) : null);
        return tx.inTransaction(() -> {
            AppendResult result = ledger.append(append);
            if (result instanceof AppendResult.Appended a) {
                return new Adjustment(a.entry(), a.entry().balanceAfter());
            }
            if (result instanceof AppendResult.Insufficient i) {
                throw new InsufficientCreditsException(-c.amount(), i.balance());
            }
            if (result instanceof AppendResult.UnknownUser) {
                throw new UserNotFoundException();
            }
            throw new IllegalStateException("admin adjustment ref collided: " + append.ref());
        });
    }
}
