package dev.creditline.application.port.out.billing;

import java.util.UUID;

/**
 * Credits granted for a Stripe payment that a refund or dispute can claw back: a credit-pack
 * purchase (table {@code credit_pack_purchases}) or a paid subscription invoice's allowance
 * (table {@code stripe_invoice_grants}).
 *
 * @param kind                  {@link Kind#PACK} or {@link Kind#INVOICE}
 * @param key                   the Checkout Session id ({@code cs_...}) or the invoice id ({@code in_...})
 * @param userId                the user credited
 * @param credits               credits granted
 * @param amountPaid            cents paid, or null when unknown
 * @param paymentIntentId       {@code pi_...} or null
 * @param chargeId              {@code ch_...} or null
 * @param refundedAmountApplied cumulative refunded cents already clawed back
 * @param creditsClawedBack     credits debited by refund clawbacks so far
 * @param creditsForgiven       credits of refund clawbacks the balance could not cover
 */
public record PaidGrant(Kind kind, String key, UUID userId, long credits, Long amountPaid, String paymentIntentId,
                        String chargeId, long refundedAmountApplied, long creditsClawedBack, long creditsForgiven) {

    /** What was granted. */
    public enum Kind {
        /** A credit pack bought through Checkout. */
        PACK,
        /** The monthly allowance of a paid subscription invoice. */
        INVOICE
    }
}
