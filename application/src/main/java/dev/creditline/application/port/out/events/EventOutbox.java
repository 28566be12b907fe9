package dev.creditline.application.port.out.events;

import dev.creditline.domain.event.EventType;
import java.util.UUID;

/**
 * The transactional outbox (events.md "Outbox"): an event is recorded in the transaction of the
 * change it describes, so a rolled-back change emits nothing and a committed change always
 * emits. Delivery to webhook endpoints happens later, after commit, by the dispatcher.
 */
public interface EventOutbox {

    /**
     * Records one event about {@code userId} in the caller's current transaction (joining the
     * {@code TransactionPort} transaction; with none, in a transaction of its own).
     *
     * <p>{@code data} is a record or a {@code Map}, serialized to a JSON object by the adapter,
     * which always puts {@code userId} in it. The adapter gives the event its id ({@code evt_…})
     * and the user's next {@code sequence}: it bumps a counter on the user's row, so the sequence
     * increases with commit order (the row lock is held until commit). Hence an event must be
     * emitted while the user's row exists ({@code user.deleted} before the row is deleted); for a
     * user that does not exist nothing is recorded.
     */
    void emit(UUID userId, EventType type, Object data);
}
