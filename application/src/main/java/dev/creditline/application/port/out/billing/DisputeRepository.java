package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.DisputeStatus;
import java.time.Instant;
import java.util.List;

/**
 * Disputes of payments (table {@code stripe_disputes}; docs/billing.md "Refunds and disputes").
 * Every method runs in the caller's transaction when there is one.
 */
public interface DisputeRepository {

    /**
     * Records a dispute's event: inserts the dispute, or updates its status and amount unless it
     * is already closed (a closed dispute is final). Returns the row as it now stands, locked.
     */
    StoredDispute recordDispute(String disputeId, String paymentIntentId, String chargeId, long amount, DisputeStatus status,
                                boolean closed, Instant now);

    /** The disputes of this payment (either key may be null), row locked, by dispute id. */
    List<StoredDispute> lockDisputes(String paymentIntentId, String chargeId);

    /** The dispute's clawback was applied. */
    void disputeClawed(String disputeId, long creditsClawedBack, long creditsForgiven, Instant now);

    /** The dispute's credits were given back. */
    void disputeReinstated(String disputeId, Instant now);
}
