package dev.creditline.application.port.out.billing;

/**
 * What a verified payment-provider event means to Creditline: the kinds the webhook acts on. The
 * payment adapter maps the provider's event type to a kind (Stripe: {@code StripeEventTypes} in
 * adapters-stripe); the provider's own type string is kept as sent only to be stored and echoed
 * ({@link BillingEvent#type()}), never interpreted here. Several provider types may share a kind
 * when their effect is the same.
 */
public enum BillingEventKind {
    /** A checkout session completed (paid, unpaid or a subscription's): {@link BillingEvent.CheckoutSessionCompleted}. */
    CHECKOUT_COMPLETED,
    /** The delayed payment of a checkout session cleared: {@link BillingEvent.CheckoutSessionAsyncPaymentSucceeded}. */
    CHECKOUT_ASYNC_PAYMENT_SUCCEEDED,
    /** A checkout session expired unpaid: {@link BillingEvent.CheckoutSessionExpired}. */
    CHECKOUT_EXPIRED,
    /** An invoice was paid (one effect whichever of the provider's paid events says so): {@link BillingEvent.InvoicePaid}. */
    INVOICE_PAID,
    /** A subscription invoice's payment failed: {@link BillingEvent.InvoicePaymentFailed}. */
    INVOICE_PAYMENT_FAILED,
    /** A subscription was created: {@link BillingEvent.SubscriptionChanged}, a new subscription. */
    SUBSCRIPTION_CREATED,
    /** A subscription changed (plan, status, scheduled cancel): {@link BillingEvent.SubscriptionChanged}. */
    SUBSCRIPTION_UPDATED,
    /** A subscription ended: {@link BillingEvent.SubscriptionDeleted}. */
    SUBSCRIPTION_DELETED,
    /** A charge was refunded, in part or in full: {@link BillingEvent.ChargeRefunded}. */
    CHARGE_REFUNDED,
    /** A dispute of a charge was opened or changed while open: {@link BillingEvent.ChargeDispute}. */
    DISPUTE_OPENED_OR_UPDATED,
    /** A dispute reached its final status: {@link BillingEvent.ChargeDispute}. */
    DISPUTE_CLOSED,
    /** A payment intent succeeded: {@link BillingEvent.PaymentIntentEvent}. */
    PAYMENT_INTENT_SUCCEEDED,
    /** A payment intent's payment failed: {@link BillingEvent.PaymentIntentEvent}. */
    PAYMENT_INTENT_FAILED,
    /** A payment intent needs the customer (e.g. 3-D Secure): {@link BillingEvent.PaymentIntentEvent}. */
    PAYMENT_INTENT_REQUIRES_ACTION,
    /** A payment method was saved for later off-session use: {@link BillingEvent.SetupIntentSucceeded}. */
    SETUP_INTENT_SUCCEEDED,
    /** Any other provider event: stored, answered 200 and otherwise ignored ({@link BillingEvent.Ignored}). */
    OTHER
}
