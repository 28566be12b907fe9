package dev.creditline.domain.billing;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Dispute rules (billing.md "Webhook"; docs/billing.md "Refunds and disputes"): a dispute of a
 * payment claws its credits back like a full refund of the disputed amount as soon as it is
 * known; when it closes in the merchant's favour the credits come back, once.
 */
public final class Disputes {

    /**
     * Closed statuses that give the credits back: {@code won} (the bank sided with us) and
     * {@code warning_closed} (an inquiry that never became a chargeback; no money was taken).
     * {@code lost} keeps the clawback.
     */
    public static final Set<DisputeStatus> REINSTATING_STATUSES = Collections.unmodifiableSet(
            EnumSet.of(DisputeStatus.WON, DisputeStatus.WARNING_CLOSED));

    private Disputes() {
    }

    /** True when a dispute closed with {@code status} gives its clawed-back credits back; null → false. */
    public static boolean reinstates(DisputeStatus status) {
        return status != null && REINSTATING_STATUSES.contains(status);
    }
}
