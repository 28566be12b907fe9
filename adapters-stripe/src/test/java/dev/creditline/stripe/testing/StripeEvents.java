package dev.creditline.stripe.testing;

import com.google.gson.JsonObject;
import com.stripe.net.Webhook;
import java.security.GeneralSecurityException;

/**
 * Builds Stripe webhook deliveries for tests: an event envelope around a data object and a
 * {@code Stripe-Signature} header computed with stripe-java's own helper
 * ({@link Webhook.Util#computeHmacSha256}), exactly as Stripe signs: HMAC-SHA256 of
 * {@code "<t>.<body>"} under the endpoint secret, sent as {@code t=<unix seconds>,v1=<hex>}.
 */
public final class StripeEvents {

    /** The API version the envelopes claim (the one stripe-java 33.3.0 targets). */
    public static final String API_VERSION = "2026-07-29.dahlia";

    private StripeEvents() {
    }

    /**
     * An event envelope as JSON text.
     *
     * @param eventId        {@code evt_...}
     * @param type           e.g. {@code checkout.session.completed}
     * @param createdSeconds event {@code created}, Unix seconds
     * @param dataObject     the object under {@code data.object}
     * @return the serialized event
     */
    public static String envelope(String eventId, String type, long createdSeconds, JsonObject dataObject) {
        JsonObject event = new JsonObject();
        event.addProperty("id", eventId);
        event.addProperty("object", "event");
        event.addProperty("api_version", API_VERSION);
        event.addProperty("created", createdSeconds);
        JsonObject data = new JsonObject();
        data.add("object", dataObject);
        event.add("data", data);
        event.addProperty("livemode", false);
        event.addProperty("pending_webhooks", 1);
        JsonObject request = new JsonObject();
        request.add("id", null);
        request.add("idempotency_key", null);
        event.add("request", request);
        event.addProperty("type", type);
        return event.toString();
    }

    /**
     * A {@code Stripe-Signature} header value for {@code payload}.
     *
     * @param payload          the exact body that will be sent
     * @param secret           the endpoint secret ({@code whsec_...})
     * @param timestampSeconds the signed timestamp, Unix seconds
     * @return {@code t=<timestamp>,v1=<hex hmac>}
     */
    public static String signatureHeader(String payload, String secret, long timestampSeconds) {
        try {
            String signature = Webhook.Util.computeHmacSha256(secret, timestampSeconds + "." + payload);
            return "t=" + timestampSeconds + ",v1=" + signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
