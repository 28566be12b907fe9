package dev.creditline.application.service;

import dev.creditline.application.port.in.DebitCreditsUseCase;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.GetBalanceUseCase;
import dev.creditline.application.port.in.GetCreditHistoryUseCase;
import dev.creditline.application.port.in.GrantCreditsUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.domain.ledger.LedgerPage;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerEntry;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/** Balance, history, debits and grants over the ledger. */
public final class CreditService implements GetBalanceUseCase, GetCreditHistoryUseCase, DebitCreditsUseCase,
        GrantCreditsUseCase {

    /** Page size when none is asked (api.md GET /api/credits/history). */
    public static final int DEFAULT_PAGE = 20;
    /** Largest page. */
    public static final int MAX_PAGE = 100;

    private final TransactionPort tx;
    private final UserRepository users;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final FreeAllowanceUseCase allowance;

    /** A credit service without the lazy free allowance: balance reads read the user as stored. */
    public CreditService(TransactionPort tx, UserRepository users, LedgerRepository ledger, Clock clock) {
        this(tx, users, ledger, clock, users::findById);
    }

    /**
     * @param allowance the lazy free allowance, applied (in its own transaction) before every
     *                  balance read and debit
     */
    public CreditService(TransactionPort tx, UserRepository users, LedgerRepository ledger, Clock clock,
                         FreeAllowanceUseCase allowance) {
        this.tx = tx;
        this.users = users;
        this.ledger = ledger;
        this.clock = clock;
        this.allowance = allowance;
    }

    @Override
    public BalanceView balance(UUID userId) {
        // The allowance returns the user as stored after any grant: no second read of the row.
        long balance = allowance.refresh(userId).orElseThrow(UserNotFoundException::new).creditsBalance();
        return new BalanceView(balance, ledger.history(userId, 5, 0).items());
    }

    @Override
    public LedgerPage history(UUID userId, int limit, int offset) {
        int size = limit <= 0 ? DEFAULT_PAGE : Math.min(limit, MAX_PAGE);
        return ledger.history(userId, size, Math.max(0, offset));
    }

    @Override
    public LedgerEntry debit(DebitCommand c) {
        allowance.refresh(c.userId());
        return tx.inTransaction(() -> {
            AppendResult result = ledger.append(LedgerAppend.of(c.userId(), -c.amount(), c.reason(), c.ref(),
                    clock.instant()));
            if (result instanceof AppendResult.Appended a) {
                return a.entry();
            }
            if (result instanceof AppendResult.Insufficient i) {
                throw new InsufficientCreditsException(c.amount(), i.balance());
            }
            if (result instanceof AppendResult.UnknownUser) {
                throw new UserNotFoundException();
            }
            throw new IllegalStateException("debit with ref " + c.ref() + " was already applied");
        });
    }

    @Override
    public Optional<LedgerEntry> grant(GrantCommand c) {
        return tx.inTransaction(() -> {
            AppendResult result = ledger.append(LedgerAppend.of(c.userId(), c.amount(), c.reason(), c.ref(),
                    clock.instant()));
            if (result instanceof AppendResult.Appended a) {
                return Optional.of(a.entry());
            }
            if (result instanceof AppendResult.UnknownUser) {
                throw new UserNotFoundException();
            }
            return Optional.empty();
        });
    }
}
