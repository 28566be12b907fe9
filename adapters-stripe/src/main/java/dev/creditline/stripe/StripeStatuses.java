package dev.creditline.stripe;

import dev.creditline.application.port.out.billing.CheckoutSessionState;
import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import java.util.Map;

/**
 * Stripe's status and reason wire values and the enums the application and domain rules take.
 * Each table lists Stripe's documented values exactly (case-sensitive); a value Stripe adds later
 * maps to the enum's fallback ({@code UNKNOWN}, {@code OTHER}, or null where the port says so),
 * which the rules treat as an unrecognised string always was. A missing value (JSON null or
 * absent) stays null. Stripe's spellings end here, as the event types do in {@link StripeEventTypes}.
 */
public final class StripeStatuses {

    /** {@code subscription.status}. */
    static final Map<String, SubscriptionStatus> SUBSCRIPTION = Map.of(
            "incomplete", SubscriptionStatus.INCOMPLETE,
            "incomplete_expired", SubscriptionStatus.INCOMPLETE_EXPIRED,
            "trialing", SubscriptionStatus.TRIALING,
            "active", SubscriptionStatus.ACTIVE,
            "past_due", SubscriptionStatus.PAST_DUE,
            "unpaid", SubscriptionStatus.UNPAID,
            "paused", SubscriptionStatus.PAUSED,
            "canceled", SubscriptionStatus.CANCELED);

    /** {@code dispute.status}. */
    static final Map<String, DisputeStatus> DISPUTE = Map.of(
            "warning_needs_response", DisputeStatus.WARNING_NEEDS_RESPONSE,
            "warning_under_review", DisputeStatus.WARNING_UNDER_REVIEW,
            "warning_closed", DisputeStatus.WARNING_CLOSED,
            "needs_response", DisputeStatus.NEEDS_RESPONSE,
            "under_review", DisputeStatus.UNDER_REVIEW,
            "won", DisputeStatus.WON,
            "lost", DisputeStatus.LOST,
            "prevented", DisputeStatus.PREVENTED);

    /** {@code invoice.status}. */
    static final Map<String, InvoiceStatus> INVOICE = Map.of(
            "draft", InvoiceStatus.DRAFT,
            "open", InvoiceStatus.OPEN,
            "paid", InvoiceStatus.PAID,
            "uncollectible", InvoiceStatus.UNCOLLECTIBLE,
            "void", InvoiceStatus.VOID);

    /** {@code invoice.billing_reason}. */
    static final Map<String, InvoiceBillingReason> BILLING_REASON = Map.of(
            "subscription_create", InvoiceBillingReason.SUBSCRIPTION_CREATE,
            "subscription_cycle", InvoiceBillingReason.SUBSCRIPTION_CYCLE,
            "subscription_update", InvoiceBillingReason.SUBSCRIPTION_UPDATE,
            "subscription_threshold", InvoiceBillingReason.SUBSCRIPTION_THRESHOLD,
            "subscription", InvoiceBillingReason.SUBSCRIPTION,
            "manual", InvoiceBillingReason.MANUAL,
            "quote_accept", InvoiceBillingReason.QUOTE_ACCEPT,
            "upcoming", InvoiceBillingReason.UPCOMING,
            "automatic_pending_invoice_item_invoice", InvoiceBillingReason.AUTOMATIC_PENDING_INVOICE_ITEM_INVOICE);

    /** {@code payment_intent.status}. */
    static final Map<String, PaymentIntentStatus> PAYMENT_INTENT = Map.of(
            "requires_payment_method", PaymentIntentStatus.REQUIRES_PAYMENT_METHOD,
            "requires_confirmation", PaymentIntentStatus.REQUIRES_CONFIRMATION,
            "requires_action", PaymentIntentStatus.REQUIRES_ACTION,
            "processing", PaymentIntentStatus.PROCESSING,
            "requires_capture", PaymentIntentStatus.REQUIRES_CAPTURE,
            "canceled", PaymentIntentStatus.CANCELED,
            "succeeded", PaymentIntentStatus.SUCCEEDED);

    /** {@code checkout.session.status}. */
    static final Map<String, CheckoutSessionState> CHECKOUT_SESSION = Map.of(
            "open", CheckoutSessionState.OPEN,
            "complete", CheckoutSessionState.COMPLETE,
            "expired", CheckoutSessionState.EXPIRED);

    private StripeStatuses() {
    }

    /** A subscription's status; null for null; {@link SubscriptionStatus#UNKNOWN} for a value not above. */
    public static SubscriptionStatus subscription(String wire) {
        return wire == null ? null : SUBSCRIPTION.getOrDefault(wire, SubscriptionStatus.UNKNOWN);
    }

    /** A dispute's status; null for null; {@link DisputeStatus#UNKNOWN} for a value not above. */
    public static DisputeStatus dispute(String wire) {
        return wire == null ? null : DISPUTE.getOrDefault(wire, DisputeStatus.UNKNOWN);
    }

    /** An invoice's status; null for null; {@link InvoiceStatus#UNKNOWN} for a value not above. */
    public static InvoiceStatus invoice(String wire) {
        return wire == null ? null : INVOICE.getOrDefault(wire, InvoiceStatus.UNKNOWN);
    }

    /** An invoice's billing reason; null for null; {@link InvoiceBillingReason#OTHER} for a value not above. */
    public static InvoiceBillingReason billingReason(String wire) {
        return wire == null ? null : BILLING_REASON.getOrDefault(wire, InvoiceBillingReason.OTHER);
    }

    /** A payment intent's status; null for null; {@link PaymentIntentStatus#UNKNOWN} for a value not above. */
    public static PaymentIntentStatus paymentIntent(String wire) {
        return wire == null ? null : PAYMENT_INTENT.getOrDefault(wire, PaymentIntentStatus.UNKNOWN);
    }

    /** A checkout session's status; null for null and for a value not above (the port's convention). */
    public static CheckoutSessionState checkoutSession(String wire) {
        return wire == null ? null : CHECKOUT_SESSION.get(wire);
    }
}
