package dev.creditline.application.port.in;

/** Processes one Stripe webhook delivery (billing.md "Webhook"). */
public interface HandleBillingWebhookUseCase {

    /**
     * What the delivery did.
     *
     * @param eventId     Stripe event id
     * @param type        event type
     * @param duplicate   the event was processed before; nothing changed
     * @param outcome     {@code applied}, {@code ignored} or {@code problem}
     * @param problemCode code of a recorded permanent problem, else null
     */
    record WebhookOutcome(String eventId, String type, boolean duplicate, String outcome, String problemCode) {
    }

    /**
     * Verifies the signature over the raw body, stores the event in the inbox and applies its
     * effect in one transaction. A permanent problem is recorded on the event and returned
     * (answer 200); a database failure propagates (answer 500, Stripe retries).
     *
     * @param rawBody         the request body exactly as received
     * @param signatureHeader the {@code Stripe-Signature} header or null
     * @throws dev.creditline.application.port.out.billing.WebhookSignatureException refused (400),
     *         nothing written
     * @throws dev.creditline.domain.billing.BillingNotConfiguredException {@code STRIPE_WEBHOOK_SECRET} unset (503)
     */
    WebhookOutcome handle(byte[] rawBody, String signatureHeader);
}
