package dev.creditline.application.testing;

import dev.creditline.application.port.out.billing.BillingEventInbox;
import dev.creditline.domain.billing.StoredBillingEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@link BillingEventInbox} on {@link InMemoryDatabase}: each event id once. */
public final class InMemoryBillingEventInbox implements BillingEventInbox {

    private final InMemoryDatabase db;

    public InMemoryBillingEventInbox(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public boolean insertEvent(String eventId, String type, Instant created, String payload, Instant receivedAt) {
        return db.inTransaction(() -> db.tables().events.putIfAbsent(eventId,
                new StoredBillingEvent(eventId, type, created, receivedAt, "applied", null, null, payload)) == null);
    }

    @Override
    public void setEventOutcome(String eventId, String outcome, String problemCode, String problem) {
        db.inTransaction(() -> db.tables().events.computeIfPresent(eventId, (id, e) -> new StoredBillingEvent(
                e.eventId(), e.type(), e.created(), e.receivedAt(), outcome, problemCode, problem, e.payload())));
    }

    @Override
    public List<StoredBillingEvent> events(boolean problemsOnly, int limit, int offset) {
        return db.inTransaction(() -> db.tables().events.values().stream()
                .filter(e -> !problemsOnly || "problem".equals(e.outcome()))
                .sorted(Comparator.comparing(StoredBillingEvent::receivedAt).reversed()
                        .thenComparing(StoredBillingEvent::eventId))
                .skip(offset).limit(limit).toList());
    }

    @Override
    public long countEvents(boolean problemsOnly) {
        return db.inTransaction(() -> db.tables().events.values().stream()
                .filter(e -> !problemsOnly || "problem".equals(e.outcome())).count());
    }
}
