package dev.creditline.stripe;

import static dev.creditline.stripe.StripeJson.first;
import static dev.creditline.stripe.StripeJson.id;
import static dev.creditline.stripe.StripeJson.metadata;
import static dev.creditline.stripe.StripeJson.text;
import static dev.creditline.stripe.StripeJson.whole;

import com.google.gson.JsonObject;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventKind;
import java.time.Instant;

/**
 * The auto top-up events' fields, read from a verified body's {@code data.object}. These types
 * were ignored before auto top-up: an event whose {@code data.object} is not the kind the type
 * carries is still {@link BillingEvent.Ignored} (nothing of ours to act on), not malformed.
 */
final class StripeTopUpEvents {

    private StripeTopUpEvents() {
    }

    /** {@code payment_intent.*}: see {@link BillingEvent.PaymentIntentEvent}. */
    static BillingEvent paymentIntent(String eventId, String type, BillingEventKind kind, Instant created,
                                      String payload, JsonObject envelope) {
        JsonObject o = dataObject(envelope, "payment_intent");
        if (o == null) {
            return new BillingEvent.Ignored(eventId, type, created, payload);
        }
        String failure = first(() -> text(o, "last_payment_error", "decline_code"),
                () -> text(o, "last_payment_error", "code"));
        return new BillingEvent.PaymentIntentEvent(eventId, type, kind, created, payload, text(o, "id"),
                StripeStatuses.paymentIntent(text(o, "status")),
                id(o, "customer"), id(o, "payment_method"), "off_session".equals(text(o, "setup_future_usage")),
                whole(o, "amount"),
                failure, text(o, "next_action", "redirect_to_url", "url"), metadata(o, "metadata"));
    }

    /** {@code setup_intent.succeeded}: see {@link BillingEvent.SetupIntentSucceeded}. */
    static BillingEvent setupIntent(String eventId, String type, Instant created, String payload,
                                    JsonObject envelope) {
        JsonObject o = dataObject(envelope, "setup_intent");
        if (o == null) {
            return new BillingEvent.Ignored(eventId, type, created, payload);
        }
        return new BillingEvent.SetupIntentSucceeded(eventId, type, created, payload, text(o, "id"),
                id(o, "customer"), id(o, "payment_method"), metadata(o, "metadata"));
    }

    /** {@code data.object} when it is an object of {@code kind} (or names no kind), else null. */
    private static JsonObject dataObject(JsonObject envelope, String kind) {
        com.google.gson.JsonElement e = StripeJson.at(envelope, "data", "object");
        if (e == null || !e.isJsonObject()) {
            return null;
        }
        JsonObject o = e.getAsJsonObject();
        com.google.gson.JsonElement named = o.get("object");
        boolean other = named != null && named.isJsonPrimitive() && !kind.equals(named.getAsString());
        return other ? null : o;
    }
}
