package dev.creditline.domain.billing;

import java.time.Instant;

/**
 * A row of the webhook inbox {@code stripe_events} (billing.md "Webhook" steps 2-3).
 *
 * @param eventId     Stripe event id
 * @param type        event type
 * @param created     the event's {@code created} (UTC)
 * @param receivedAt  when we processed it (UTC)
 * @param outcome     {@code applied}, {@code ignored} or {@code problem}
 * @param problemCode stable code of a permanent problem (e.g. {@code UNKNOWN_PRICE}), else null
 * @param problem     human description of the problem, else null
 * @param payload     the raw verified body
 */
public record StoredBillingEvent(String eventId, String type, Instant created, Instant receivedAt, String outcome,
                                 String problemCode, String problem, String payload) {
}
