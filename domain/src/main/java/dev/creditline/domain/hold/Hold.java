package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A reservation of {@code amount} credits for a user (domain.md "Holds"; lessons 7, 10, 11).
 * The balance dropped by {@code amount} when the hold was taken; settling it gives back
 * or takes more according to a {@link HoldSettlement}.
 *
 * <p>State machine: {@code OPEN → CAPTURED | RELEASED | EXPIRED}; any transition from a
 * non-open state throws {@link HoldAlreadySettledException}. These methods are pure: the
 * persistence layer must apply the new state with a row lock or a conditional
 * {@code UPDATE … WHERE status = 'open'} so that only one settlement wins (lesson 7).
 *
 * @param id        hold id
 * @param userId    owner
 * @param amount    reserved credits, ≥ 1
 * @param status    current state
 * @param createdAt when it was taken (UTC)
 * @param expiresAt deadline (UTC), strictly after {@code createdAt}
 */
public record Hold(UUID id, UUID userId, long amount, HoldStatus status, Instant createdAt, Instant expiresAt) {

    /**
     * Validates the components.
     *
     * @throws ValidationException field {@code amount} when &lt; 1, {@code expiresAt} when not
     *         after {@code createdAt}; {@link NullPointerException} for null components
     */
    public Hold {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (amount < 1) {
            throw new ValidationException("amount", "must be a positive whole number of credits");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new ValidationException("expiresAt", "must be after createdAt");
        }
    }

    /**
     * A new open hold expiring {@code ttl} after {@code now}.
     *
     * @throws ValidationException field {@code amount} when &lt; 1
     */
    public static Hold open(UUID id, UUID userId, long amount, HoldTtl ttl, Instant now) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        return new Hold(id, userId, amount, HoldStatus.OPEN, now, now.plus(ttl.duration()));
    }

    /**
     * Whether the deadline has passed: {@code now ≥ expiresAt} (the hold's life is the
     * half-open interval {@code [createdAt, expiresAt)}). Looks at time only, not status.
     */
    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** True when the sweeper should release this hold: still {@code OPEN} and expired. */
    public boolean isSweepable(Instant now) {
        return status == HoldStatus.OPEN && isExpired(now);
    }

    /**
     * Settlement at the actual cost (domain.md "Holds", capture): when
     * {@code actual ≤ amount}, {@code released = amount − actual}; when larger,
     * {@code extraDebit = min(actual − amount, availableBalance)} and the rest is the
     * {@code shortfall}. Does not look at the clock (see {@link #capture(long, long, Instant)}).
     *
     * @param actualCost       credits the work cost, ≥ 0
     * @param availableBalance the user's balance right now (hold already deducted), ≥ 0
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws ValidationException field {@code actualCost} or {@code availableBalance} when negative
     */
    public HoldSettlement capture(long actualCost, long availableBalance) {
        requireOpen();
        if (actualCost < 0) {
            throw new ValidationException("actualCost", "must not be negative");
        }
        if (availableBalance < 0) {
            throw new ValidationException("availableBalance", "must not be negative");
        }
        if (actualCost <= amount) {
            return new HoldSettlement(actualCost, amount - actualCost, 0, 0);
        }
        long over = actualCost - amount;
        long extra = Math.min(over, availableBalance);
        return new HoldSettlement(amount, 0, extra, over - extra);
    }

    /**
     * Capture that also enforces the deadline: an open hold whose {@code expiresAt} has
     * passed can no longer be captured (the sweeper is about to release it), like an
     * expired card authorisation.
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws HoldExpiredException        when {@code now ≥ expiresAt}
     * @throws ValidationException         as {@link #capture(long, long)}
     */
    public HoldSettlement capture(long actualCost, long availableBalance, Instant now) {
        requireOpen();
        if (isExpired(now)) {
            throw new HoldExpiredException(id, expiresAt);
        }
        return capture(actualCost, availableBalance);
    }

    /**
     * Release on request: the whole amount goes back (domain.md "Holds", release). Allowed
     * after the deadline too (it is what the sweeper would do).
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     */
    public HoldSettlement release() {
        requireOpen();
        return new HoldSettlement(0, amount, 0, 0);
    }

    /**
     * Release by the sweeper of an open hold past its deadline: the whole amount goes back.
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws IllegalStateException       when the deadline has not passed yet
     */
    public HoldSettlement expire(Instant now) {
        requireOpen();
        if (!isExpired(now)) {
            throw new IllegalStateException("hold " + id + " expires at " + expiresAt + ", not yet at " + now);
        }
        return new HoldSettlement(0, amount, 0, 0);
    }

    /**
     * This hold in a terminal state, after a settlement was applied.
     *
     * @param target {@code CAPTURED}, {@code RELEASED} or {@code EXPIRED}
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws IllegalArgumentException    when {@code target} is {@code OPEN}
     */
    public Hold settledAs(HoldStatus target) {
        requireOpen();
        if (target == null || target == HoldStatus.OPEN) {
            throw new IllegalArgumentException("target must be a settled state, was " + target);
        }
        return new Hold(id, userId, amount, target, createdAt, expiresAt);
    }

    private void requireOpen() {
        if (status != HoldStatus.OPEN) {
            throw new HoldAlreadySettledException(id, status);
        }
    }
}
