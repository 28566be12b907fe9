package dev.creditline.stripe;

import dev.creditline.application.port.out.billing.BillingEventKind;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Stripe's event types (the envelope's {@code type}) and the {@link BillingEventKind} each means
 * to Creditline. The webhook endpoint subscribes to exactly {@link #SUBSCRIBED} (docs/billing.md
 * "Setting up a real Stripe account"); any other type maps to {@link BillingEventKind#OTHER}:
 * stored, answered 200 and otherwise ignored.
 */
public final class StripeEventTypes {

    /** The event types the webhook endpoint subscribes to, in the order docs/billing.md lists them, with their kinds. */
    private static final Map<String, BillingEventKind> KINDS;

    static {
        Map<String, BillingEventKind> m = new LinkedHashMap<>();
        m.put("checkout.session.completed", BillingEventKind.CHECKOUT_COMPLETED);
        m.put("checkout.session.async_payment_succeeded", BillingEventKind.CHECKOUT_ASYNC_PAYMENT_SUCCEEDED);
        m.put("checkout.session.expired", BillingEventKind.CHECKOUT_EXPIRED);
        m.put("invoice.paid", BillingEventKind.INVOICE_PAID);
        // Stripe sends both for one payment; the grant's ref makes them one effect.
        m.put("invoice.payment_succeeded", BillingEventKind.INVOICE_PAID);
        m.put("invoice.payment_failed", BillingEventKind.INVOICE_PAYMENT_FAILED);
        m.put("customer.subscription.created", BillingEventKind.SUBSCRIPTION_CREATED);
        m.put("customer.subscription.updated", BillingEventKind.SUBSCRIPTION_UPDATED);
        m.put("customer.subscription.deleted", BillingEventKind.SUBSCRIPTION_DELETED);
        m.put("charge.refunded", BillingEventKind.CHARGE_REFUNDED);
        m.put("charge.dispute.created", BillingEventKind.DISPUTE_OPENED_OR_UPDATED);
        m.put("charge.dispute.updated", BillingEventKind.DISPUTE_OPENED_OR_UPDATED);
        m.put("charge.dispute.closed", BillingEventKind.DISPUTE_CLOSED);
        m.put("payment_intent.succeeded", BillingEventKind.PAYMENT_INTENT_SUCCEEDED);
        m.put("payment_intent.payment_failed", BillingEventKind.PAYMENT_INTENT_FAILED);
        m.put("payment_intent.requires_action", BillingEventKind.PAYMENT_INTENT_REQUIRES_ACTION);
        m.put("setup_intent.succeeded", BillingEventKind.SETUP_INTENT_SUCCEEDED);
        KINDS = Collections.unmodifiableMap(m);
    }

    /** Every Stripe event type the webhook acts on (and the endpoint should subscribe to), in a stable order. */
    public static final Set<String> SUBSCRIBED = Collections.unmodifiableSet(KINDS.keySet());

    private StripeEventTypes() {
    }

    /**
     * The kind of a Stripe event type.
     *
     * @param type the envelope's {@code type}, as sent; null reads as unknown
     * @return its kind; {@link BillingEventKind#OTHER} for a type the webhook does not act on
     */
    public static BillingEventKind kindOf(String type) {
        return type == null ? BillingEventKind.OTHER : KINDS.getOrDefault(type, BillingEventKind.OTHER);
    }
}
