package dev.creditline.application.service;

import dev.creditline.application.port.in.ClaimGuestUseCase;
import dev.creditline.application.port.in.ConsumeGuestAllowanceUseCase;
import dev.creditline.application.port.out.GuestRepository;
import dev.creditline.application.port.out.GuestRepository.ClaimRecord;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.domain.guest.GuestAlreadyClaimedException;
import dev.creditline.domain.guest.GuestLimitReachedException;
import dev.creditline.domain.guest.GuestLimits;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Guest limits and claims. Counting is one conditional statement in
 * PostgreSQL ({@link GuestRepository#consume}), so parallel requests never exceed a limit.
 */
public final class GuestService implements ConsumeGuestAllowanceUseCase, ClaimGuestUseCase {

    private final TransactionPort tx;
    private final GuestRepository guests;
    private final UserRepository users;
    private final GuestLimits limits;
    private final Clock clock;

    /**
     * @param limits per-window limits ({@code GUEST_UPLOAD_LIMIT}, {@code GUEST_CHAT_LIMIT}, 24 h)
     */
    public GuestService(TransactionPort tx, GuestRepository guests, UserRepository users, GuestLimits limits,
                        Clock clock) {
        this.tx = tx;
        this.guests = guests;
        this.users = users;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = clock;
    }

    @Override
    public long consume(ConsumeCommand c) {
        int limit = limits.limitFor(c.action());
        if (limit == 0) {
            throw new GuestLimitReachedException(c.action(), 0);
        }
        Instant now = clock.instant();
        OptionalLong used = tx.inTransaction(() -> guests.consume(c.guestId(), c.action(), limit, now, limits.window()));
        if (used.isEmpty()) {
            throw new GuestLimitReachedException(c.action(), limit);
        }
        return limits.remaining(c.action(), used.getAsLong());
    }

    @Override
    public boolean claim(ClaimCommand c) {
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            Optional<ClaimRecord> claim = guests.claim(c.guestId(), c.userId(), now);
            if (claim.isEmpty()) {
                throw new UserNotFoundException();
            }
            if (claim.get().createdNow()) {
                return true;
            }
            if (users.findById(c.userId()).isEmpty()) {
                throw new UserNotFoundException();
            }
            if (!claim.get().userId().equals(c.userId())) {
                throw new GuestAlreadyClaimedException();
            }
            return false;
        });
    }
}
