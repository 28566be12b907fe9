package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.UUID;

/**
 * A granted credit-pack purchase (table {@code credit_pack_purchases}).
 *
 * @param stripeSessionId       the paid Checkout Session {@code cs_...}
 * @param userId                buyer
 * @param packId                pack id from the session metadata, may be null
 * @param credits               credits granted
 * @param amountTotal           session total in cents, may be null
 * @param paymentIntentId       {@code pi_...}, may be null
 * @param refundedAmountApplied cumulative refunded cents already clawed back
 * @param creditsClawedBack     credits clawed back so far
 * @param grantedAt             grant time (UTC)
 */
public record PackPurchase(String stripeSessionId, UUID userId, String packId, long credits, Long amountTotal,
                           String paymentIntentId, long refundedAmountApplied, long creditsClawedBack,
                           Instant grantedAt) {
}
