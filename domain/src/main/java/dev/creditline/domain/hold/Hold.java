package dev.creditline.domain.hold;

import dev.creditline.domain.ValidationException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A reservation of {@code amount} credits for a user (lessons 7, 10, 11).
 * The balance dropped by {@code amount} when the hold was taken; settling it gives back
 * or takes more according to a {@link HoldSettlement}.
 *
 * <p>State machine: {@code OPEN → CAPTURED | RELEASED | EXPIRED}; any transition from a
 * non-open state throws {@link HoldAlreadySettledException}. While open, a hold may be captured in
 * steps ({@link #captureStep}: what it still reserves shrinks) and extended ({@link #extend}). These
 * methods are pure: the persistence layer must apply the new state under the hold's row lock with a
 * conditional {@code UPDATE … WHERE status = 'open'} so that only one outcome wins (lesson 7).
 *
 * @param id           hold id
 * @param userId       owner
 * @param amount       reserved credits, ≥ 1
 * @param status       current state
 * @param createdAt    when it was taken (UTC)
 * @param expiresAt    deadline (UTC), strictly after {@code createdAt}, at most 24 h after it
 * @param captured     credits kept from the reservation so far, 0..{@code amount}
 * @param extraDebit   credits debited beyond the reservation so far, ≥ 0
 * @param captureSteps number of partial captures so far, ≥ 0
 * @param onExpiry     what the sweeper does with the rest after the deadline
 */
public record Hold(UUID id, UUID userId, long amount, HoldStatus status, Instant createdAt, Instant expiresAt,
                   long captured, long extraDebit, int captureSteps, HoldExpiryPolicy onExpiry) {

    /** A hold without partial captures and with the default expiry policy (release). */
    public Hold(UUID id, UUID userId, long amount, HoldStatus status, Instant createdAt, Instant expiresAt) {
        this(id, userId, amount, status, createdAt, expiresAt, 0, 0, 0, HoldExpiryPolicy.RELEASE);
    }

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
        Objects.requireNonNull(onExpiry, "onExpiry");
        if (amount < 1) {
            throw new ValidationException("amount", "must be a positive whole number of credits");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new ValidationException("expiresAt", "must be after createdAt");
        }
        if (captured < 0 || captured > amount || extraDebit < 0 || captureSteps < 0) {
            throw new IllegalArgumentException("captured must be 0..amount, extraDebit and captureSteps ≥ 0");
        }
    }

    /**
     * A new open hold expiring {@code ttl} after {@code now}.
     *
     * @throws ValidationException field {@code amount} when &lt; 1
     */
    public static Hold open(UUID id, UUID userId, long amount, HoldTtl ttl, Instant now) {
        return open(id, userId, amount, ttl, HoldExpiryPolicy.RELEASE, now);
    }

    /**
     * A new open hold expiring {@code ttl} after {@code now}, with an expiry policy.
     *
     * @throws ValidationException field {@code amount} when &lt; 1
     */
    public static Hold open(UUID id, UUID userId, long amount, HoldTtl ttl, HoldExpiryPolicy onExpiry, Instant now) {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(now, "now");
        return new Hold(id, userId, amount, HoldStatus.OPEN, now, now.plus(ttl.duration()), 0, 0, 0, onExpiry);
    }

    /** Credits the hold still reserves: {@code amount − captured} ({@code pendingCredit} while open). */
    public long remaining() {
        return amount - captured;
    }

    /** Latest deadline an extension may set: 24 h after creation. */
    public Instant latestExpiry() {
        return createdAt.plus(HoldTtl.MAX.duration());
    }

    /**
     * The deadline after a heartbeat: {@code now + ttl}, capped at {@link #latestExpiry()}, and never
     * earlier than the current deadline (a late or reordered heartbeat never shortens a hold).
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws HoldExpiredException        when {@code now ≥ expiresAt} (410: too late to extend)
     */
    public Instant extend(HoldTtl ttl, Instant now) {
        requireOpen();
        if (isExpired(now)) {
            throw new HoldExpiredException(id, expiresAt);
        }
        Instant wanted = now.plus(ttl.duration());
        Instant capped = wanted.isAfter(latestExpiry()) ? latestExpiry() : wanted;
        return capped.isAfter(expiresAt) ? capped : expiresAt;
    }

    /**
     * One partial capture of {@code step} credits as the stream goes: taken from what the hold still
     * reserves; the part above it is debited from {@code availableBalance} as far as it goes (as a
     * capture above the hold does) and the rest reported as shortfall. The hold stays open.
     *
     * @param step             credits, ≥ 1
     * @param availableBalance the user's balance right now, ≥ 0
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws HoldExpiredException        when {@code now ≥ expiresAt}
     * @throws ValidationException         field {@code amount} when {@code step < 1}
     */
    public HoldStep captureStep(long step, long availableBalance, Instant now) {
        requireOpen();
        if (isExpired(now)) {
            throw new HoldExpiredException(id, expiresAt);
        }
        if (step < 1) {
            throw new ValidationException("amount", "must be at least 1 credit for a partial capture");
        }
        if (availableBalance < 0) {
            throw new ValidationException("availableBalance", "must not be negative");
        }
        long fromReserve = Math.min(step, remaining());
        long over = step - fromReserve;
        long extra = Math.min(over, availableBalance);
        return new HoldStep(captureSteps + 1, fromReserve, extra, over - extra);
    }

    /** This open hold after a partial capture was applied. */
    public Hold afterStep(HoldStep s) {
        requireOpen();
        return new Hold(id, userId, amount, status, createdAt, expiresAt, captured + s.captured(),
                extraDebit + s.extraDebit(), s.number(), onExpiry);
    }

    /** Credits the user has paid through this hold so far: {@code captured + extraDebit}. */
    public long charged() {
        return captured + extraDebit;
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
     * Final settlement; {@code actualCost} is what the final step costs
     * (for a hold never captured in steps, the whole cost). With {@code r} = {@link #remaining()}: when
     * {@code actual ≤ r}, {@code released = r − actual}; when larger,
     * {@code extraDebit = min(actual − r, availableBalance)} and the rest is the {@code shortfall}. The
     * settlement's {@code captured} is everything the hold kept, partial steps included. Does not look at
     * the clock (see {@link #capture(long, long, Instant)}).
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
        long rest = remaining();
        if (actualCost <= rest) {
            return new HoldSettlement(captured + actualCost, rest - actualCost, 0, 0);
        }
        long over = actualCost - rest;
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
     * Release on request: what the hold still reserves goes back; what
     * partial captures took stays taken. Allowed after the deadline too.
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     */
    public HoldSettlement release() {
        requireOpen();
        return new HoldSettlement(captured, remaining(), 0, 0);
    }

    /**
     * Settlement by the sweeper of an open hold past its deadline, by its policy: {@code release} gives
     * back what it still reserves, {@code capture} keeps it; partial captures stay taken either way.
     *
     * @throws HoldAlreadySettledException when the hold is not {@code OPEN}
     * @throws IllegalStateException       when the deadline has not passed yet
     */
    public HoldSettlement expire(Instant now) {
        requireOpen();
        if (!isExpired(now)) {
            throw new IllegalStateException("hold " + id + " expires at " + expiresAt + ", not yet at " + now);
        }
        return onExpiry == HoldExpiryPolicy.CAPTURE
                ? new HoldSettlement(amount, 0, 0, 0)
                : new HoldSettlement(captured, remaining(), 0, 0);
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
        return new Hold(id, userId, amount, target, createdAt, expiresAt, captured, extraDebit, captureSteps, onExpiry);
    }

    private void requireOpen() {
        if (status != HoldStatus.OPEN) {
            throw new HoldAlreadySettledException(id, status);
        }
    }
}
