package dev.creditline.application.service;

import dev.creditline.application.port.in.FreeAllowanceUseCase;
import dev.creditline.application.port.in.SignInUseCase;
import dev.creditline.application.port.out.AppendResult;
import dev.creditline.application.port.out.LedgerAppend;
import dev.creditline.application.port.out.LedgerRepository;
import dev.creditline.application.port.out.LotRepository;
import dev.creditline.application.port.out.LotTerms;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.allowance.AllowanceGrant;
import dev.creditline.domain.allowance.FreeAllowance;
import dev.creditline.domain.ledger.LedgerReason;
import dev.creditline.domain.ledger.LedgerRef;
import dev.creditline.domain.lot.LotCategory;
import dev.creditline.domain.lot.Rollover;
import dev.creditline.domain.plan.Plan;
import dev.creditline.domain.user.User;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The lazy free allowance (lessons 3, 18).
 *
 * <p>A plain read decides whether a grant may be due (most calls stop there). If so, one
 * transaction locks the user's row, decides again on the locked row, appends the grant with
 * the deterministic ref {@code monthly_allowance/free:<user>:<period start epoch second>} and
 * moves {@code monthly_credits_granted_at} to the period start. Concurrent checks serialize on
 * the row lock and the second finds the anchor moved; the partial unique index on the ref is
 * the last guard. Only users whose plan is {@code free} are considered. The anchor of a user
 * without one is the user's creation time.
 */
public final class FreeAllowanceService implements FreeAllowanceUseCase, SignInUseCase {

    private final TransactionPort tx;
    private final UserRepository users;
    private final LedgerRepository ledger;
    private final Clock clock;
    private final long monthlyCredits;
    private final LotRepository lots;
    private final boolean allowanceExpires;
    private long rolloverMax;

    /**
     * @param freePlan the free plan of the catalog; its {@code monthlyCredits} is granted per period
     */
    public FreeAllowanceService(TransactionPort tx, UserRepository users, LedgerRepository ledger, Clock clock,
                                Plan freePlan) {
        this(tx, users, ledger, clock, freePlan, null, false);
    }

    /**
     * @param lots             the lots, whose due expiries a touch of the user applies first
     *                         (docs/lots.md), or null to skip them
     * @param allowanceExpires whether a free allowance lot expires when the next period starts
     *                         ({@code PLAN_FREE_ALLOWANCE_EXPIRY=period_end})
     */
    public FreeAllowanceService(TransactionPort tx, UserRepository users, LedgerRepository ledger, Clock clock,
                                Plan freePlan, LotRepository lots, boolean allowanceExpires) {
        if (freePlan.paid()) {
            throw new IllegalArgumentException("the free allowance needs the unpaid free plan");
        }
        this.tx = tx;
        this.users = users;
        this.ledger = ledger;
        this.clock = clock;
        this.monthlyCredits = freePlan.monthlyCredits();
        this.lots = lots;
        this.allowanceExpires = allowanceExpires;
    }

    /**
     * Makes up to {@code maxCredits} unused credits of an expiring free allowance lot move into a
     * {@code rollover} lot that expires at the end of the following period
     * ({@code PLAN_FREE_ROLLOVER_MAX}, with {@code PLAN_FREE_ALLOWANCE_EXPIRY=period_end}; docs/lots.md);
     * 0 (the default) carries nothing over.
     *
     * @throws IllegalArgumentException for a negative maximum, or a positive one while the allowance never expires
     */
    public FreeAllowanceService withRolloverMax(long maxCredits) {
        if (maxCredits < 0 || (maxCredits > 0 && !allowanceExpires)) {
            throw new IllegalArgumentException("a rollover needs an allowance that expires at the period end");
        }
        this.rolloverMax = maxCredits;
        return this;
    }

    @Override
    public Optional<User> refresh(UUID userId) {
        Optional<User> seen = users.findById(userId);
        return seen.isEmpty() ? seen : refresh(seen.get());
    }

    @Override
    public Optional<User> signedIn(UUID userId) {
        return refresh(userId);
    }

    @Override
    public Optional<User> refresh(User seen) {
        Instant now = clock.instant();
        boolean expiryDue = lots != null && seen.lotExpiryDue(now);
        if (due(seen, now).isEmpty() && !expiryDue) {
            return Optional.of(seen);
        }
        UUID userId = seen.id();
        return tx.inTransaction(() -> {
            Optional<User> locked = users.lockById(userId);
            if (locked.isEmpty()) {
                return locked;
            }
            Optional<AllowanceGrant> grant = due(locked.get(), now);
            if (grant.isEmpty()) {
                // Only expiries are due (an allowance append would have applied them itself).
                if (lots != null && locked.get().lotExpiryDue(now)) {
                    lots.expireDue(userId, now);
                    return users.findById(userId);
                }
                return locked;
            }
            AllowanceGrant g = grant.get();
            Instant expiresAt = allowanceExpires ? g.periodStart().plus(FreeAllowance.PERIOD) : null;
            AppendResult result = ledger.append(new LedgerAppend(userId, g.credits(), LedgerReason.MONTHLY_ALLOWANCE,
                    LedgerRef.monthlyAllowance(g.refId()), null, null, now,
                    new LotTerms.Grant(LotCategory.ALLOWANCE, null, expiresAt,
                            expiresAt == null ? null
                                    : Rollover.afterFixedPeriod(rolloverMax, expiresAt, FreeAllowance.PERIOD))));
            if (result instanceof AppendResult.UnknownUser) {
                return Optional.<User>empty();
            }
            // Appended, or Duplicate (the period was granted before the anchor moved): move the anchor.
            users.moveAllowanceAnchor(userId, g.periodStart(), now);
            return users.findById(userId);
        });
    }

    @Override
    public Optional<Instant> dueAnchorCutoff(Instant now) {
        return monthlyCredits > 0 ? Optional.of(FreeAllowance.dueAnchorCutoff(now)) : Optional.empty();
    }

    @Override
    public boolean isDue(User seen) {
        return due(seen, clock.instant()).isPresent();
    }

    private Optional<AllowanceGrant> due(User u, Instant now) {
        if (!Plan.FREE_ID.equals(u.plan())) {
            return Optional.empty();
        }
        Instant anchor = u.monthlyCreditsGrantedAt() != null ? u.monthlyCreditsGrantedAt() : u.createdAt();
        return FreeAllowance.due(u.id(), anchor, now, monthlyCredits);
    }
}
