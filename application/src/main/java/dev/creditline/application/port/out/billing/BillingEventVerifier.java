package dev.creditline.application.port.out.billing;

/**
 * Outbound port that authenticates a payment-provider webhook request and reads it into a
 * typed {@link BillingEvent} (spec: billing.md "Webhook" steps 1-2).
 *
 * <p>Verification comes first: the signature over the exact raw bytes under the webhook
 * secret, with a tolerance of 300 s in both directions (older or more than 300 s in the
 * future is refused). Only then is the body parsed. Parsing does not depend on the event's
 * {@code api_version}: fields are read from the raw JSON at their current location and, where
 * Stripe moved them, at their older location too.
 *
 * <p>Implementations are thread-safe and do no I/O.
 */
public interface BillingEventVerifier {

    /**
     * Verifies and parses one webhook delivery.
     *
     * @param rawBody         the request body exactly as received (UTF-8 JSON), not re-encoded
     * @param signatureHeader the {@code Stripe-Signature} header ({@code t=<unix seconds>,v1=<hex>...}),
     *                        possibly {@code null}
     * @return the typed event; {@link BillingEvent.Ignored} for types we do not handle. Missing
     *         fields are {@code null} (maps and lists are empty instead), never an exception.
     * @throws WebhookSignatureException missing header, bad signature, timestamp more than
     *         300 s old or more than 300 s in the future, or a body that is not an event
     *         envelope with {@code id}, {@code type} and {@code created}; answer 400
     * @throws MalformedEventException a signed event of a handled type whose {@code data.object}
     *         cannot be read; record it as a permanent problem and answer 200
     */
    BillingEvent verify(byte[] rawBody, String signatureHeader);

    /**
     * Parses the payload of an event that was verified when it was received (stored in the
     * webhook inbox), to apply it again later, e.g. a refund that arrived before its purchase.
     *
     * @param verifiedPayload the body as stored
     * @return the typed event, as {@link #verify} returned it
     * @throws MalformedEventException as {@link #verify}
     */
    BillingEvent parseVerified(String verifiedPayload);
}
