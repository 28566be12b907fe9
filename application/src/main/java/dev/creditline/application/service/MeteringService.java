package dev.creditline.application.service;

import dev.creditline.application.port.in.CaptureHoldUseCase;
import dev.creditline.application.port.in.CheckCreditsUseCase;
import dev.creditline.application.port.in.CreateHoldUseCase;
import dev.creditline.application.port.in.ExtendHoldUseCase;
import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.PrepareDebitUseCase;
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
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.hold.Hold;
import dev.creditline.domain.hold.HoldAlreadySettledException;
import dev.creditline.domain.hold.HoldExpiredException;
import dev.creditline.domain.hold.HoldSizing;
import dev.creditline.domain.hold.HoldStep;
import dev.creditline.domain.hold.HoldTtl;
import dev.creditline.domain.hold.HoldNotFoundException;
import dev.creditline.domain.hold.HoldSettlement;
import dev.creditline.domain.hold.HoldStatus;
import dev.creditline.domain.ledger.Credits;
import dev.creditline.domain.ledger.InsufficientCreditsException;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.pricing.ModelRate;
import dev.creditline.domain.pricing.PricingTable;
import dev.creditline.domain.user.User;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * Metering: model calls, holds and credit checks (api.md "Metering"; lessons 6, 7, 10, 11).
 *
 * <p>Every effect is one transaction. Lock order is hold row, then user row (the ledger append
 * takes the user's row lock), so captures, releases and the sweeper cannot deadlock each other.
 * Ledger refs: {@code model_call/<call id>} ({@code usage}), {@code hold/<hold id>}
 * ({@code hold}), {@code hold_settlement/<hold id>} ({@code hold_release} or
 * {@code hold_capture_adjustment}); all idempotent, so the database refuses a second
 * settlement of a hold even if a state check were wrong. The lazy free allowance runs before
 * every check and debit, in its own transaction.
 *
 * <p>Streaming holds: a partial capture (step {@code n}) gives the step's reserved credits back
 * ({@code hold_release}, ref {@code hold_capture_return/<hold>:<n>}) and debits the step
 * ({@code hold_capture}, ref {@code hold_capture/<hold>:<n>}) in one transaction under the hold's and the
 * user's row locks, and advances the hold's running totals only if it is still open and {@code n} is the
 * next step. The expiry policy {@code capture} writes the same pair for the rest (refs
 * {@code hold_settlement/<hold>}, {@code hold_capture/<hold>:expiry}). Every movement of credits into or
 * out of a reservation goes through {@link #reserve}, {@link #returnReserved} and {@link #debit}.
 */
public final class MeteringService implements RecordModelCallUseCase, CreateHoldUseCase, CaptureHoldUseCase,
        ReleaseHoldUseCase, CheckCreditsUseCase, SweepExpiredHoldsUseCase, ExtendHoldUseCase, PrepareDebitUseCase {

    /** Default ceiling on a sized hold's {@code maxOutputTokens} ({@code HOLD_MAX_OUTPUT_TOKENS}). */
    public static final long DEFAULT_MAX_OUTPUT_TOKENS = 1_000_000L;

    private final TransactionPort tx;
    private final UserRepository users;
    private final LedgerRepository ledger;
    private final ModelCallRepository calls;
    private final HoldRepository holds;
    private final FreeAllowanceUseCase allowance;
    private final PricingTable pricing;
    private final Clock clock;
    private final long maxOutputTokens;

    /**
     * With the default ceiling on a sized hold's {@code maxOutputTokens} ({@value #DEFAULT_MAX_OUTPUT_TOKENS}).
     *
     * @param pricing the configured pricing table ({@code PRICING_FILE} or the built-in default)
     */
    public MeteringService(TransactionPort tx, UserRepository users, LedgerRepository ledger, ModelCallRepository calls,
                           HoldRepository holds, FreeAllowanceUseCase allowance, PricingTable pricing, Clock clock) {
        this(tx, users, ledger, calls, holds, allowance, pricing, clock, DEFAULT_MAX_OUTPUT_TOKENS);
    }

    /**
     * @param pricing         the configured pricing table ({@code PRICING_FILE} or the built-in default)
     * @param maxOutputTokens ceiling on a sized hold's {@code maxOutputTokens}, ≥ 1
     */
    public MeteringService(TransactionPort tx, UserRepository users, LedgerRepository ledger, ModelCallRepository calls,
                           HoldRepository holds, FreeAllowanceUseCase allowance, PricingTable pricing, Clock clock,
                           long maxOutputTokens) {
        if (maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens ceiling must be at least 1");
        }
        this.maxOutputTokens = maxOutputTokens;
        this.tx = tx;
        this.users = users;
        this.ledger = ledger;
        this.calls = calls;
        this.holds = holds;
        this.allowance = allowance;
        this.pricing = pricing;
        this.clock = clock;
    }

    private EventOutbox events = (userId, type, data) -> { };

    /**
     * Emits {@code hold.expired} (events.md) through {@code outbox} when the sweeper settles an
     * expired hold, in the settling transaction; without it none is emitted.
     */
    public MeteringService withEvents(EventOutbox outbox) {
        this.events = outbox;
        return this;
    }

    @Override
    public ModelCallReceipt record(RecordModelCallCommand c) {
        Instant now = now();
        Instant callTime = c.callTime() == null ? now : c.callTime().truncatedTo(ChronoUnit.MICROS);
        long cost = pricing.cost(c.model(), c.type(), c.status(), c.usage());
        UUID id = UUID.randomUUID();
        // A due free grant must commit on its own before the debit (so a 402 keeps it). A plain debit
        // asks the append itself to refuse while one is due (checked on the row it locks, no read of
        // the user first); a capture or a free call reads the user as the transaction's first statement.
        // Either way nothing was written yet when it is due: return empty, grant, and record.
        Optional<Instant> dueCutoff = c.holdId() == null && cost > 0 ? allowance.dueAnchorCutoff(now)
                : Optional.empty();
        Optional<ModelCallReceipt> receipt = tx.inTransaction(() -> {
            if (dueCutoff.isEmpty()) {
                Optional<User> seen = users.findById(c.userId());
                if (seen.isPresent() && allowance.isDue(seen.get())) {
                    return Optional.<ModelCallReceipt>empty();
                }
            }
            return recordInTransaction(c, id, cost, callTime, now, dueCutoff);
        });
        if (receipt.isPresent()) {
            return receipt.get();
        }
        prepareDebit(c.userId());
        return tx.inTransaction(() -> recordInTransaction(c, id, cost, callTime, now, Optional.empty()).orElseThrow());
    }

    /** The one place of the rule "a due free allowance commits before the debit" ({@link PrepareDebitUseCase}). */
    @Override
    public void prepareDebit(UUID userId) {
        allowance.refresh(userId);
    }

    /**
     * The debit (or hold capture) and the model call row, in the caller's transaction; empty, nothing
     * written, when {@code dueCutoff} is given and the user's free grant is due.
     */
    private Optional<ModelCallReceipt> recordInTransaction(RecordModelCallCommand c, UUID id, long cost,
                                                           Instant callTime, Instant now,
                                                           Optional<Instant> dueCutoff) {
        long charged;
        long balance;
        Optional<HoldCaptured> capture = Optional.empty();
        if (c.holdId() != null) {
            HoldCaptured captured = captureModelCallInTransaction(c.holdId(), c.userId(), id, cost, now);
            capture = Optional.of(captured);
            charged = captured.charged();
            balance = captured.balance();
        } else if (cost > 0) {
            LedgerAppend debit = LedgerAppend.of(c.userId(), -cost, LedgerReason.USAGE, LedgerRef.modelCall(id), now);
            AppendResult r = dueCutoff.isPresent() ? ledger.appendUnlessAllowanceDue(debit, dueCutoff.get())
                    : ledger.append(debit);
            if (r instanceof AppendResult.AllowanceDue) {
                return Optional.empty();
            }
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
        return Optional.of(new ModelCallReceipt(id, charged, balance, capture));
    }

    @Override
    public HoldCreated create(CreateHoldCommand c) {
        Instant now = now();
        Hold hold = Hold.open(UUID.randomUUID(), c.userId(), c.amount(), c.ttl(), c.onExpiry(), now);
        prepareDebit(c.userId());
        return tx.inTransaction(() -> {
            long balance = reserve(hold, now);
            holds.insert(hold, c.ref());
            return new HoldCreated(hold.id(), hold.amount(), hold.expiresAt(), balance);
        });
    }

    @Override
    public SizedHoldCreated createSized(SizedHoldCommand c) {
        HoldSizing sizing = c.sizing();
        long amount = sizing.amount(pricing, maxOutputTokens);
        if (amount > Credits.MAX_AMOUNT) {
            throw new ValidationException("amount", "the call's maximum cost (" + amount
                    + " credits) is over the largest hold of " + Credits.MAX_AMOUNT + " credits");
        }
        HoldCreated created = create(new CreateHoldCommand(c.userId(), amount, c.ttl(), c.ref(), c.onExpiry()));
        ModelRate rate = pricing.rateFor(sizing.model());
        return new SizedHoldCreated(created, rate, !pricing.rates().containsKey(sizing.model()));
    }

    @Override
    public HoldExtended extend(UUID holdId, HoldTtl ttl) {
        Instant now = now();
        return tx.inTransaction(() -> {
            Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
            if (hold.status() == HoldStatus.EXPIRED) {
                // settled by its expiry policy: too late to extend, like an open hold past its deadline
                throw new HoldExpiredException(holdId, hold.expiresAt());
            }
            Instant expiresAt = hold.extend(ttl, now);
            if (!holds.extend(holdId, expiresAt, now)) {
                throw new HoldExpiredException(holdId, hold.expiresAt());
            }
            return new HoldExtended(holdId, expiresAt, hold.remaining());
        });
    }

    @Override
    public HoldStepCaptured captureStep(UUID holdId, long amount) {
        if (amount < 1 || amount > Credits.MAX_AMOUNT) {
            throw new ValidationException("amount", "must be a whole number of credits from 1 to " + Credits.MAX_AMOUNT
                    + " for a partial capture");
        }
        Instant now = now();
        return tx.inTransaction(() -> {
            Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
            long available = users.lockById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
            HoldStep step = hold.captureStep(amount, available, now);
            if (!holds.recordStep(holdId, step)) {
                throw new HoldAlreadySettledException(holdId, hold.status());
            }
            String n = Integer.toString(step.number());
            if (step.captured() > 0) {
                returnReserved(hold.userId(), step.captured(), LedgerRef.holdCaptureReturn(holdId, n), now);
            }
            long balance = step.charged() > 0
                    ? debit(hold.userId(), step.charged(), LedgerReason.HOLD_CAPTURE, LedgerRef.holdCapture(holdId, n), now)
                    : available;
            Hold after = hold.afterStep(step);
            return new HoldStepCaptured(holdId, step.number(), step.captured(), step.extraDebit(), step.shortfall(),
                    after.captured(), after.remaining(), balance);
        });
    }

    @Override
    public HoldCaptured capture(UUID holdId, long actualCost) {
        if (actualCost < 0 || actualCost > Credits.MAX_AMOUNT) {
            throw new ValidationException("amount", "must be a whole number of credits from 0 to " + Credits.MAX_AMOUNT);
        }
        Instant now = now();
        return tx.inTransaction(() -> {
            Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
            return captureInTransaction(hold, actualCost, now);
        });
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
                HoldSettlement settlement = hold.expire(now);
                settle(hold, HoldStatus.EXPIRED, settlement, now);
                events.emit(hold.userId(), EventType.HOLD_EXPIRED, new EventData.HoldExpired(new EventData.HoldJson(
                        hold.id(), hold.amount(), HoldStatus.EXPIRED.wire(), settlement.captured(),
                        settlement.released(), hold.createdAt(), hold.expiresAt(), hold.onExpiry().wire())));
                return true;
            });
            if (!one) {
                break;
            }
            swept++;
        }
        return swept;
    }

    /** Sum of the user's open holds in credits ({@code pendingCredit}). */
    public long pendingCredit(UUID userId) {
        return holds.pendingCredit(userId);
    }

    /** Final capture of the locked hold; {@code finalStep} is what the final step costs. */
    private HoldCaptured captureInTransaction(Hold hold, long finalStep, Instant now) {
        long available = users.lockById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
        HoldSettlement s = hold.capture(finalStep, available, now);
        long balance = settle(hold, HoldStatus.CAPTURED, s, now);
        return new HoldCaptured(hold.id(), s.captured(), s.released(), s.extraDebit(), s.shortfall(), balance,
                s.captured() + hold.extraDebit() + s.extraDebit(), false);
    }

    /**
     * Charges a model call of {@code cost} credits through a hold of the call's user. The call's cost is the
     * whole call's: what partial captures already took counts toward it. When the hold's deadline has passed
     * (swept or not), the call is still recorded and billed (work that outlives its hold is not free): the
     * hold is settled by its expiry policy if still open, and the cost above what the hold took is debited
     * directly (ledger {@code usage}, ref {@code model_call/<call>}) as far as the balance goes, the rest
     * reported as shortfall — as a capture above the hold does.
     */
    private HoldCaptured captureModelCallInTransaction(UUID holdId, UUID userId, UUID callId, long cost, Instant now) {
        Hold hold = holds.lockById(holdId).orElseThrow(() -> new HoldNotFoundException(holdId));
        if (!userId.equals(hold.userId())) {
            throw new HoldNotFoundException(holdId);
        }
        boolean late = hold.status() == HoldStatus.EXPIRED || hold.isSweepable(now);
        if (!late) {
            return captureInTransaction(hold, Math.max(0, cost - hold.charged()), now);
        }
        long released = 0;
        long taken = hold.charged();
        if (hold.status() == HoldStatus.OPEN) {
            HoldSettlement s = hold.expire(now);
            settle(hold, HoldStatus.EXPIRED, s, now);
            released = s.released();
            taken = s.captured() + hold.extraDebit();
        }
        long need = Math.max(0, cost - taken);
        long available = users.lockById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
        long extra = Math.min(need, available);
        long balance = extra > 0 ? debit(hold.userId(), extra, LedgerReason.USAGE, LedgerRef.modelCall(callId), now)
                : available;
        return new HoldCaptured(holdId, taken - hold.extraDebit(), released, extra, need - extra, balance,
                taken + extra, true);
    }

    /**
     * Applies a settlement to a locked open hold and returns the balance after: gives back what it
     * releases, debits the extra of a capture above the hold, and records a rest kept by the expiry
     * policy {@code capture} as a capture ({@code hold_capture}).
     */
    private long settle(Hold hold, HoldStatus status, HoldSettlement s, Instant now) {
        // The domain decides the terminal state (only an open hold settles, never back to open); the
        // conditional UPDATE makes it stick once under concurrency.
        HoldStatus target = hold.settledAs(status).status();
        if (!holds.settle(hold.id(), target, s, now)) {
            throw new HoldAlreadySettledException(hold.id(), target);
        }
        LedgerRef ref = LedgerRef.holdSettlement(hold.id());
        long keptByPolicy = status == HoldStatus.EXPIRED ? s.captured() - hold.captured() : 0;
        if (keptByPolicy > 0) {
            returnReserved(hold.userId(), keptByPolicy, ref, now);
            return debit(hold.userId(), keptByPolicy, LedgerReason.HOLD_CAPTURE,
                    LedgerRef.holdCapture(hold.id(), "expiry"), now);
        }
        if (s.released() > 0) {
            return returnReserved(hold.userId(), s.released(), ref, now);
        }
        if (s.extraDebit() > 0) {
            return debit(hold.userId(), s.extraDebit(), LedgerReason.HOLD_CAPTURE_ADJUSTMENT, ref, now);
        }
        return users.findById(hold.userId()).orElseThrow(UserNotFoundException::new).creditsBalance();
    }

    /**
     * Takes a new hold's amount from the balance (ledger {@code hold}, ref {@code hold/<id>}).
     *
     * @return the balance after
     * @throws InsufficientCreditsException when the balance does not cover it (nothing written)
     */
    private long reserve(Hold hold, Instant now) {
        AppendResult r = ledger.append(LedgerAppend.of(hold.userId(), -hold.amount(), LedgerReason.HOLD,
                LedgerRef.hold(hold.id()), now));
        if (r instanceof AppendResult.Insufficient i) {
            throw new InsufficientCreditsException(hold.amount(), i.balance());
        }
        return appended(r, "hold").balanceAfter();
    }

    /** Gives reserved credits back to the balance (ledger {@code hold_release}); returns the balance after. */
    private long returnReserved(UUID userId, long credits, LedgerRef ref, Instant now) {
        return appended(ledger.append(LedgerAppend.of(userId, credits, LedgerReason.HOLD_RELEASE, ref, now)),
                "hold release").balanceAfter();
    }

    /**
     * Debits credits the caller has checked against the locked balance (a capture step, an extra debit, a
     * late model call); returns the balance after.
     */
    private long debit(UUID userId, long credits, LedgerReason reason, LedgerRef ref, Instant now) {
        return appended(ledger.append(LedgerAppend.of(userId, -credits, reason, ref, now)),
                reason.wireName()).balanceAfter();
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
        return clock.instant();
    }
}
