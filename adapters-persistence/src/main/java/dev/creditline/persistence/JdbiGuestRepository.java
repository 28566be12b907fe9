package dev.creditline.persistence;

import dev.creditline.application.port.out.GuestRepository;
import dev.creditline.domain.guest.GuestAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * {@link GuestRepository} on {@code guest_usage} and {@code guest_claims} (migration V20).
 *
 * <p>Consuming is a single {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE ... RETURNING}:
 * PostgreSQL locks the guest's row and evaluates the condition on its latest version, so
 * parallel requests are counted one after another and never exceed the limit.
 * The row keeps the instants of the uses inside the rolling window
 * (migration V57): a use counts while {@code now - window < use}, i.e. until exactly one window
 * after it, and the update drops the older ones. A refused use returns no row and changes nothing.
 */
public final class JdbiGuestRepository implements GuestRepository {

    private static final String CONSUME_SQL = Sql.load("guests/consume.sql");
    private static final String CLAIM_SQL = Sql.load("guests/claim.sql");
    private static final String CLAIMANT_SQL = Sql.load("guests/claimant.sql");

    private final JdbiTransactions tx;

    public JdbiGuestRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public OptionalLong consume(UUID guestId, GuestAction action, int limit, Instant now, Duration window) {
        if (limit < 1) {
            return OptionalLong.empty();
        }
        Optional<Long> used = tx.withHandle(h -> h.createQuery(CONSUME_SQL)
                .bind("guest", guestId)
                .bind("action", action.wire())
                .bind("now", Rows.ts(now))
                .bind("cutoff", Rows.ts(now.minus(window)))
                .bind("limit", limit)
                .mapTo(Long.class)
                .findOne());
        return used.map(OptionalLong::of).orElseGet(OptionalLong::empty);
    }

    @Override
    public Optional<ClaimRecord> claim(UUID guestId, UUID userId, Instant now) {
        return tx.withHandle(h -> {
            boolean inserted = h.createUpdate(CLAIM_SQL)
                    .bind("guest", guestId)
                    .bind("user", userId)
                    .bind("now", Rows.ts(now))
                    .execute() == 1;
            if (inserted) {
                return Optional.of(new ClaimRecord(userId, true));
            }
            return h.createQuery(CLAIMANT_SQL)
                    .bind("guest", guestId)
                    .mapTo(UUID.class)
                    .findOne()
                    .map(claimant -> new ClaimRecord(claimant, false));
        });
    }
}
