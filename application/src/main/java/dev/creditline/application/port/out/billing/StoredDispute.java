package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.DisputeStatus;
import java.time.Instant;

/**
 * A dispute as recorded from its events, whatever their order (table {@code stripe_disputes}).
 *
 * @param disputeId         {@code dp_...}
 * @param paymentIntentId   the disputed payment intent, or null
 * @param chargeId          the disputed charge, or null
 * @param amount            cents disputed
 * @param status            the latest status recorded (a closed status is final); {@link DisputeStatus#UNKNOWN}
 *                          when an event carried none
 * @param closed            whether a {@code charge.dispute.closed} was recorded
 * @param creditsClawedBack credits debited when the dispute was applied
 * @param creditsForgiven   credits of the clawback the balance could not cover
 * @param clawedAt          when the clawback was applied, or null
 * @param reinstatedAt      when the credits were given back (dispute won), or null
 */
public record StoredDispute(String disputeId, String paymentIntentId, String chargeId, long amount, DisputeStatus status,
                            boolean closed, long creditsClawedBack, long creditsForgiven, Instant clawedAt,
                            Instant reinstatedAt) {
}
