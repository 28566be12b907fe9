package dev.creditline.application.testing;

import dev.creditline.application.port.out.billing.DisputeRepository;
import dev.creditline.application.port.out.billing.StoredDispute;
import dev.creditline.domain.billing.DisputeStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** {@link DisputeRepository} on {@link InMemoryDatabase}: a closed dispute is final. */
public final class InMemoryDisputeRepository implements DisputeRepository {

    private final InMemoryDatabase db;

    public InMemoryDisputeRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public StoredDispute recordDispute(String disputeId, String paymentIntentId, String chargeId, long amount,
                                       DisputeStatus status, boolean closed, Instant now) {
        return db.inTransaction(() -> db.tables().disputes.compute(disputeId, (id, d) -> d == null
                ? new StoredDispute(id, paymentIntentId, chargeId, amount, status, closed, 0, 0, null, null)
                : d.closed() ? d
                : new StoredDispute(id, d.paymentIntentId() != null ? d.paymentIntentId() : paymentIntentId,
                        d.chargeId() != null ? d.chargeId() : chargeId, Math.max(d.amount(), amount), status, closed,
                        d.creditsClawedBack(), d.creditsForgiven(), d.clawedAt(), d.reinstatedAt())));
    }

    @Override
    public List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId) {
        return db.inTransaction(() -> db.tables().disputes.values().stream()
                .filter(d -> paymentIntentId != null && paymentIntentId.equals(d.paymentIntentId())
                        || chargeId != null && chargeId.equals(d.chargeId()))
                .sorted(Comparator.comparing(StoredDispute::disputeId)).toList());
    }

    @Override
    public void disputeClawed(String disputeId, long creditsClawedBack, long creditsForgiven, Instant now) {
        db.inTransaction(() -> db.tables().disputes.computeIfPresent(disputeId, (id, d) -> new StoredDispute(id,
                d.paymentIntentId(), d.chargeId(), d.amount(), d.status(), d.closed(), creditsClawedBack,
                creditsForgiven, now, d.reinstatedAt())));
    }

    @Override
    public void disputeReinstated(String disputeId, Instant now) {
        db.inTransaction(() -> db.tables().disputes.computeIfPresent(disputeId, (id, d) -> new StoredDispute(id,
                d.paymentIntentId(), d.chargeId(), d.amount(), d.status(), d.closed(), d.creditsClawedBack(),
                d.creditsForgiven(), d.clawedAt(), now)));
    }
}
