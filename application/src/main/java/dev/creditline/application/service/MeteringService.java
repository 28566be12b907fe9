package dev.creditline.application.service;

import dev.creditline.application.port.in.CaptureHoldUseCase;
import dev.creditline.application.port.in.CheckCreditsUseCase;
import dev.creditline.application.port.in.CreateHoldUseCase;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.RecordModelCallUseCase;
import dev.creditline.application.port.in.ReleaseHoldUseCase;
import dev.creditline.application.port.in.SweepExpiredHoldsUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.HoldRepository;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldAlreadySettledException;
import dev.creditline.domain.hold.HoldNotFoundException;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Metering: model calls, holds and credit checks (api.md "Metering"; domain.md "Pricing",
 * "Holds", "Ledger"; lessons 6, 7, 10, 11).
 *
 * <p>Every effect is one transaction. Lock order is hold row, then user row (the ledger append
 * takes the user's row lock), so captures, releases and the sweeper cannot deadlock each other.
 * Ledger refs: {@code model_call/<call id>} ({@code usage}), {@code hold/<hold id>}
 * ({@code hold}), {@code hold_settlement/<hold id>} ({@code hold_release} or
 * {@code hold_capture_adjustment}); all idempotent, so the database refuses a second
 * settlement of a hold even if a state check were wrong. The lazy free allowance runs before
 * every check and debit, in its own transaction.
 */
public final class MeteringService implements RecordModelCallUseCase, CreateHoldUseCase, CaptureHoldUseCase,
        ReleaseHoldUseCase, CheckCreditsUseCase, SweepExpiredHoldsUseCase {

    /** Ledger ref type of a hold's reservation. */
    public static final String HOLD_REF = "hold";
    /** Ledger ref type of a hold's settlement (refund or extra debit). */
    public static final String HOLD_SETTLEMENT_REF = "hold_settlement";

    private final TransactionPort tx;
    private final UserRepository users;
    private final LedgerRepository ledger;
    private final ModelCallRepository calls;
    private final HoldRepository holds;
    private final FreeAllowanceUseCase allowance;
    private final PricingTable pricing;
    private final Clock clock;

    /**
     * @param pricing the configured pricing table ({@code PRICING_FILE} or the built-in default)
     */
    public MeteringService(TransactionPort tx, UserRepository users, LedgerRepository ledger, ModelCallRepository calls,
                           HoldRepository holds, FreeAllowanceUseCase allowance, PricingTable pricing, Clock clock) {
        this.tx = tx;
        this.users = users;
        this.ledger = ledger;
        this.calls = calls;
        this.holds = holds;
        this.allowance = allowance;
        this.pricing = pricing;
        this.clock = clock;
    }

    @Override
    public ModelCallReceipt record(RecordModelCallCommand c) {
        Instant now = now();
        Instant callTime = c.callTime() == null ? now : c.callTime().truncatedTo(ChronoUnit.MICROS);
        long cost = pricing.cost(c.model(), c.type(), c.status(), c.usage());
        UUID id = UUID.randomUUID();
        // The lazy allowance's plain read of the user runs as the transaction's first statement
        // (one pooled connection per call). A due grant must commit on its own before the debit
        // (so a 402 keeps it): then nothing was written yet, so return empty, grant, and record.
        Optional<ModelCallReceipt> receipt = tx.inTransaction(() -> {
            Optional<User> seen = users.findById(c.userId());
            if (seen.isPresent() && allowance.isDue(seen.get())) {
                return Optional.<ModelCallReceipt>empty();
            }
            return Optional.of(recordInTransaction(c, id, cost, callTime, now));
        });
        if (receipt.isPresent()) {
            return receipt.get();
        }
        allowance.refresh(c.userId());
        return tx.inTransaction(() -> recordInTransaction(c, id, cost, callTime, now));
    }

    /** The debit (or hold capture) and the model call row, in the caller's transaction. */
    private ModelCallReceipt recordInTransaction(RecordModelCallCommand c, UUID id, long cost, Instant callTime,
                                                 Instant now) {
        long charged;
        long balance;
        Optional<HoldCaptured> capture = Optional.empty();
        if (c.holdId() != null) {
            HoldCaptured captured = captureInTransaction(c.holdId(), cost, Optional.of(c.userId()), now);
            capture = Optional.of(captured);
            charged = captured.captured() + captured.extraDebit();
            balance = captured.balance();
        } else if (cost > 0) {
            AppendResult r = ledger.append(LedgerAppend.of(c.userId(), -cost, LedgerReason.USAGE,
                    LedgerRef.modelCall(id), now));
            if (r instanceof AppendResult.Insufficient i) {
                throw new InsufficientCreditsException(cost, i.balance());
            }
            charged = cost;
            balance = appended(r, "model call debit").balanceAfter();
        } else {
            charged = 0;
            balance = users.findById(c.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
        }
        calls.insert(new ModelCall(id, c.userId(), c.model(), c.providerId(), c.type(), c.status(), c.usage(),
                charged, c.durationMs(), c.appId(), c.requestId(), c.errorReason(), c.documentId(), c.sessionId(),
                c.messageId(), c.holdId(), callTime, now));
        return new ModelCallReceipt(id, charged, balance, capture);
    }

    @Override
    public HoldCreated create(CreateHoldCommand c) {
        Instant now = now();
        Hold hold = Hold.open(UUID.randomUUID(), c.userId(), c.amount(), c.ttl(), now);
        allowance.refresh(c.userId());
        return tx.inTransaction(() -> {
            AppendResult r = ledger.append(LedgerAppend.of(c.userId(), -c.amount(), LedgerReason.HOLD,
                    new LedgerRef(HOLD_REF, hold.id().toString()), now));
            if (r instanceof AppendResult.Insufficient i) {
                throw new InsufficientCreditsException(c.amount(), i.balance());
            }
            long balance = appended(r, "hold").balanceAfter();
            holds.insert(hold, c.ref());
            return new HoldCreated(hold.id(), hold.amount(), hold.expiresAt(), balance);
        });
    }

    @Override
    public HoldCaptured capture(UUID holdId, long actualCost) {
        if (actualCost < 0 || actualCost > Credits.MAX_AMOUNT) {
            throw new ValidationException("amount", "must be a whole number of credits from 0 to " + Credits.MAX_AMOUNT);
        }
        Instant now = now();
        return tx.inTransaction(() -> captureInTransaction(holdId, actualCost, Optional.empty(), now));
    }

    @Override
    public HoldReleased release(UUID holdId) {
        Instant now = now();
        return tx.inTransaction(() -> {
            Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
            HoldSettlement s = hold.release();
            long balance = settle(hold, HoldStatus.RELEASED, s, now);
            return new HoldReleased(holdId, s.released(), balance);
        });
    }

    @Override
    public CreditCheck check(UUID userId, long amount) {
        if (amount < 0 || amount > Credits.MAX_AMOUNT) {
            throw new ValidationException("amount", "must be a whole number of credits from 0 to " + Credits.MAX_AMOUNT);
        }
        long balance = allowance.refresh(userId).orElseThrow(UserNotFoundException::new).creditsBalance();
        return new CreditCheck(balance >= amount, balance, amount);
    }

    @Override
    public int sweepExpiredHolds(int max) {
        int swept = 0;
        while (swept < max) {
            Instant now = now();
            boolean one = tx.inTransaction(() -> {
                Optional<Hold> next = holds.lockNextExpired(now);
                if (next.isEmpty()) {
                    return false;
                }
                Hold hold = next.get();
                settle(hold, HoldStatus.EXPIRED, hold.expire(now), now);
                return true;
            });
            if (!one) {
                break;
            }
            swept++;
        }
        return swept;
    }

    /** Sum of the user's open holds in credits (domain.md "Holds", {@code pendingCredit}). */
    public long pendingCredit(UUID userId) {
        return holds.pendingCredit(userId);
    }

    private HoldCaptured captureInTransaction(UUID holdId, long actualCost, Optional<UUID> expectedUser, Instant now) {
        Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
        if (expectedUser.isPresent() && !expectedUser.get().equals(hold.userId())) {
            throw new HoldNotFoundException(holdId);
        }
        long available = users.lockById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
        HoldSettlement s = hold.capture(actualCost, available, now);
        long balance = settle(hold, HoldStatus.CAPTURED, s, now);
        return new HoldCaptured(holdId, s.captured(), s.released(), s.extraDebit(), s.shortfall(), balance);
    }

    /** Applies a settlement to a locked open hold and returns the balance after. */
    private long settle(Hold hold, HoldStatus status, HoldSettlement s, Instant now) {
        if (!holds.settle(hold.id(), status, s, now)) {
            throw new HoldAlreadySettledException(hold.id(), status);
        }
        LedgerRef ref = new LedgerRef(HOLD_SETTLEMENT_REF, hold.id().toString());
        if (s.released() > 0) {
            return appended(ledger.append(LedgerAppend.of(hold.userId(), s.released(), LedgerReason.HOLD_RELEASE, ref, now)),
                    "hold release").balanceAfter();
        }
        if (s.extraDebit() > 0) {
            return appended(ledger.append(LedgerAppend.of(hold.userId(), -s.extraDebit(),
                    LedgerReason.HOLD_CAPTURE_ADJUSTMENT, ref, now)), "hold capture adjustment").balanceAfter();
        }
        return users.findById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
    }

    private static dev.creditline.domain.ledger.LedgerEntry appended(AppendResult r, String what) {
        if (r instanceof AppendResult.Appended a) {
            return a.entry();
        }
        if (r instanceof AppendResult.UnknownUser) {
            throw new UserNotFoundException();
        }
        throw new IllegalStateException(what + " was refused by the ledger: " + r);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
