package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A verified payment-provider webhook event, typed by what Creditline does with it
 * (spec: billing.md "Webhook", the event table).
 *
 * <p>Every event carries the envelope: {@link #eventId()} ({@code evt_...}), {@link #type()}
 * (e.g. {@code invoice.paid}), {@link #created()} (the envelope's {@code created}, Unix seconds,
 * used as the per-subscription watermark, lessons.md 15) and {@link #payload()} (the raw
 * verified JSON, stored in {@code stripe_events}).
 *
 * <p>Conventions for the typed fields: a field absent from the payload (or JSON {@code null})
 * is {@code null}; metadata maps and lists are never {@code null} but empty, and immutable.
 * Money amounts are {@code Long} in the currency's minor unit (cents). Ids that Stripe may
 * send expanded (customer, subscription, payment intent, price) are reduced to the id string.
 * Metadata values are strings as Stripe stores them (e.g. {@code credits} = {@code "50000"}).
 */
public sealed interface BillingEvent {

    /** {@code checkout.session.completed}. */
    String CHECKOUT_SESSION_COMPLETED = "checkout.session.completed";
    /** {@code checkout.session.async_payment_succeeded}. */
    String CHECKOUT_SESSION_ASYNC_PAYMENT_SUCCEEDED = "checkout.session.async_payment_succeeded";
    /** {@code checkout.session.expired}. */
    String CHECKOUT_SESSION_EXPIRED = "checkout.session.expired";
    /** {@code invoice.paid}. */
    String INVOICE_PAID = "invoice.paid";
    /** {@code invoice.payment_succeeded} (same effect as {@code invoice.paid}, granted once). */
    String INVOICE_PAYMENT_SUCCEEDED = "invoice.payment_succeeded";
    /** {@code invoice.payment_failed}. */
    String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";
    /** {@code customer.subscription.created}. */
    String SUBSCRIPTION_CREATED = "customer.subscription.created";
    /** {@code customer.subscription.updated}. */
    String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    /** {@code customer.subscription.deleted}. */
    String SUBSCRIPTION_DELETED = "customer.subscription.deleted";
    /** {@code charge.refunded}. */
    String CHARGE_REFUNDED = "charge.refunded";

    /** Stripe event id ({@code evt_...}); the dedupe key of {@code stripe_events}. */
    String eventId();

    /** Stripe event type as sent, e.g. {@code invoice.payment_succeeded}. */
    String type();

    /** Event creation time: the envelope's {@code created} (Unix seconds). */
    Instant created();

    /** The raw verified JSON body as received. */
    String payload();

    /**
     * The three Checkout Session events share one shape ({@code data.object} is a
     * {@code checkout.session}).
     */
    sealed interface CheckoutSessionEvent extends BillingEvent {
        /** Session id ({@code cs_...}); grant ref {@code stripe_checkout_session/<id>}. */
        String sessionId();

        /** {@code payment}, {@code subscription} or {@code setup}. */
        String mode();

        /** {@code paid}, {@code unpaid} or {@code no_payment_required}. */
        String paymentStatus();

        /** Our user id as sent at creation ({@code client_reference_id}), unchecked text. */
        String clientReferenceId();

        /** Customer id ({@code cus_...}). */
        String customerId();

        /** Subscription id ({@code sub_...}) in subscription mode. */
        String subscriptionId();

        /** Payment intent id ({@code pi_...}) in payment mode. */
        String paymentIntentId();

        /** Total in cents ({@code amount_total}). */
        Long amountTotal();

        /** Session metadata: packs {@code credits, pack_id, user_id}; plans {@code plan, user_id, checkout_attempt_id}. */
        Map<String, String> metadata();
    }

    /**
     * {@code checkout.session.completed}. Payment mode: grant {@code metadata.credits} only if
     * {@code paymentStatus} is {@code paid} or {@code no_payment_required} (lessons.md 13).
     * Subscription mode: set the plan, never grant credits (lessons.md 1).
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}
     * @param paymentStatus     {@code data.object.payment_status}
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionCompleted(String eventId, String type, Instant created, String payload,
                                    String sessionId, String mode, String paymentStatus,
                                    String clientReferenceId, String customerId,
                                    String subscriptionId, String paymentIntentId,
                                    Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionCompleted {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * {@code checkout.session.async_payment_succeeded}: the delayed payment cleared; same grant
     * and same ref as a paid completion, so either order grants once. Fields as in
     * {@link CheckoutSessionCompleted}.
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}
     * @param paymentStatus     {@code data.object.payment_status}
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionAsyncPaymentSucceeded(String eventId, String type, Instant created,
                                                String payload, String sessionId, String mode,
                                                String paymentStatus, String clientReferenceId,
                                                String customerId, String subscriptionId,
                                                String paymentIntentId, Long amountTotal,
                                                Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionAsyncPaymentSucceeded {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * {@code checkout.session.expired}: mark the checkout attempt expired. Fields as in
     * {@link CheckoutSessionCompleted}.
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}
     * @param paymentStatus     {@code data.object.payment_status}
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionExpired(String eventId, String type, Instant created, String payload,
                                  String sessionId, String mode, String paymentStatus,
                                  String clientReferenceId, String customerId,
                                  String subscriptionId, String paymentIntentId,
                                  Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionExpired {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * {@code invoice.paid} or {@code invoice.payment_succeeded} (see {@link #type()}). Grants the
     * plan's monthly allowance only when {@code billingReason} is {@code subscription_create} or
     * {@code subscription_cycle} and {@code status} is {@code paid} (lessons.md 1, 2), ref
     * {@code stripe_invoice/<invoiceId>}; the plan comes from {@code linePriceIds}.
     *
     * @param eventId        see {@link BillingEvent#eventId()}
     * @param type           see {@link BillingEvent#type()}
     * @param created        see {@link BillingEvent#created()}
     * @param payload        see {@link BillingEvent#payload()}
     * @param invoiceId      {@code data.object.id} ({@code in_...})
     * @param billingReason  {@code data.object.billing_reason}
     * @param status         {@code data.object.status} ({@code paid}, {@code open}, ...)
     * @param customerId     {@code data.object.customer}
     * @param subscriptionId {@code parent.subscription_details.subscription}, else the older
     *                       top-level {@code subscription}, else the first line's
     *                       {@code parent.subscription_item_details.subscription}
     * @param linePriceIds   per line, in order, distinct: {@code pricing.price_details.price},
     *                       else the older {@code price.id}, else {@code plan.id}; lines
     *                       without any are skipped
     * @param recurringLinePriceIds prices of the recurring subscription lines only (dahlia
     *                       {@code parent.type = subscription_item_details} without
     *                       {@code proration}; older {@code type = subscription} without
     *                       {@code proration}), in order, distinct: the plan comes from these
     * @param amountPaid     {@code data.object.amount_paid}, cents, or null
     * @param paymentIntentId the invoice's payment intent: {@code payments.data[].payment.payment_intent}
     *                       (basil and later, when included) or the older {@code payment_intent}
     * @param chargeId       {@code payments.data[].payment.charge} or the older {@code charge}
     * @param periodStart    {@code period.start} (Unix seconds) of the first recurring subscription
     *                       line: the start of the period the allowance is for, or null
     * @param periodEnd      that line's {@code period.end}: where an allowance lot with
     *                       {@code PLAN_<ID>_ALLOWANCE_EXPIRY=period_end} expires, or null (the
     *                       invoice's own {@code period_end} is the previous period for subscriptions)
     */
    record InvoicePaid(String eventId, String type, Instant created, String payload,
                       String invoiceId, String billingReason, String status, String customerId,
                       String subscriptionId, List<String> linePriceIds, List<String> recurringLinePriceIds,
                       Long amountPaid, String paymentIntentId, String chargeId, Instant periodStart,
                       Instant periodEnd) implements BillingEvent {
        /** Makes the lists immutable and non-null. */
        public InvoicePaid {
            linePriceIds = linePriceIds == null ? List.of() : List.copyOf(linePriceIds);
            recurringLinePriceIds = recurringLinePriceIds == null ? List.of() : List.copyOf(recurringLinePriceIds);
        }

        /** The event without the subscription line's period. */
        public InvoicePaid(String eventId, String type, Instant created, String payload, String invoiceId,
                           String billingReason, String status, String customerId, String subscriptionId,
                           List<String> linePriceIds, List<String> recurringLinePriceIds, Long amountPaid,
                           String paymentIntentId, String chargeId) {
            this(eventId, type, created, payload, invoiceId, billingReason, status, customerId, subscriptionId,
                    linePriceIds, recurringLinePriceIds, amountPaid, paymentIntentId, chargeId, null, null);
        }

        /** The event without payment details (tests, older shapes). */
        public InvoicePaid(String eventId, String type, Instant created, String payload, String invoiceId,
                           String billingReason, String status, String customerId, String subscriptionId,
                           List<String> linePriceIds) {
            this(eventId, type, created, payload, invoiceId, billingReason, status, customerId, subscriptionId,
                    linePriceIds, linePriceIds, null, null, null, null, null);
        }
    }

    /**
     * {@code invoice.payment_failed}: subscription status becomes {@code past_due}.
     *
     * @param eventId        see {@link BillingEvent#eventId()}
     * @param type           see {@link BillingEvent#type()}
     * @param created        see {@link BillingEvent#created()}
     * @param payload        see {@link BillingEvent#payload()}
     * @param invoiceId      {@code data.object.id}
     * @param customerId     {@code data.object.customer}
     * @param subscriptionId read as in {@link InvoicePaid}
     */
    record InvoicePaymentFailed(String eventId, String type, Instant created, String payload,
                                String invoiceId, String customerId, String subscriptionId)
            implements BillingEvent {
    }

    /**
     * {@code customer.subscription.updated} or {@code customer.subscription.created}: apply plan
     * (from {@code priceId}), status and cancel-at-period-end if newer than the watermark
     * (lessons.md 15) and the subscription is the user's (lessons.md 14). An unknown price is a
     * recorded problem, never a guessed plan (lessons.md 16).
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param subscriptionId    {@code data.object.id} ({@code sub_...})
     * @param customerId        {@code data.object.customer}
     * @param status            {@code data.object.status} ({@code active}, {@code past_due},
     *                          {@code canceled}, {@code incomplete}, {@code trialing}, ...)
     * @param priceId           first item's {@code items.data[0].price.id}, else the older
     *                          top-level {@code plan.id}
     * @param cancelAtPeriodEnd {@code data.object.cancel_at_period_end}
     * @param cancelAt          {@code data.object.cancel_at} (Unix seconds): a scheduled end,
     *                          set also when cancelling at period end
     * @param currentPeriodEnd  first item's {@code items.data[0].current_period_end} (current API
     *                          versions), else the older top-level {@code current_period_end}
     * @param metadata          {@code data.object.metadata} ({@code plan, user_id,
     *                          checkout_attempt_id} when created by our checkout)
     */
    record SubscriptionChanged(String eventId, String type, Instant created, String payload,
                               String subscriptionId, String customerId, String status,
                               String priceId, Boolean cancelAtPeriodEnd, Instant cancelAt,
                               Instant currentPeriodEnd, Map<String, String> metadata)
            implements BillingEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public SubscriptionChanged {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * {@code customer.subscription.deleted}: only if it is the user's current subscription,
     * return to {@code free} (lessons.md 14).
     *
     * @param eventId        see {@link BillingEvent#eventId()}
     * @param type           see {@link BillingEvent#type()}
     * @param created        see {@link BillingEvent#created()}
     * @param payload        see {@link BillingEvent#payload()}
     * @param subscriptionId {@code data.object.id}
     * @param customerId     {@code data.object.customer}
     */
    record SubscriptionDeleted(String eventId, String type, Instant created, String payload,
                               String subscriptionId, String customerId) implements BillingEvent {
    }

    /**
     * {@code charge.refunded}: for a credit-pack payment, claw back
     * {@code credits × amountRefunded / amount} (rounded down, capped at the balance).
     *
     * @param eventId         see {@link BillingEvent#eventId()}
     * @param type            see {@link BillingEvent#type()}
     * @param created         see {@link BillingEvent#created()}
     * @param payload         see {@link BillingEvent#payload()}
     * @param chargeId        {@code data.object.id} ({@code ch_...})
     * @param paymentIntentId {@code data.object.payment_intent}
     * @param amount          {@code data.object.amount}, cents charged
     * @param amountRefunded  {@code data.object.amount_refunded}, cents refunded so far in total
     * @param refunds         {@code data.object.refunds.data[]} when Stripe includes it
     *                        (current API versions include it only when expanded, so this is
     *                        often empty)
     * @param metadata        {@code data.object.metadata}: a Checkout payment's charge carries the
     *                        payment intent's metadata ({@code credits, pack_id, user_id})
     */
    record ChargeRefunded(String eventId, String type, Instant created, String payload,
                          String chargeId, String paymentIntentId, Long amount,
                          Long amountRefunded, List<Refund> refunds, Map<String, String> metadata,
                          String invoiceId)
            implements BillingEvent {

        /** The event without an invoice id (current API versions do not send it). */
        public ChargeRefunded(String eventId, String type, Instant created, String payload, String chargeId,
                              String paymentIntentId, Long amount, Long amountRefunded, List<Refund> refunds,
                              Map<String, String> metadata) {
            this(eventId, type, created, payload, chargeId, paymentIntentId, amount, amountRefunded, refunds,
                    metadata, null);
        }

        /** Makes {@code refunds} and {@code metadata} immutable and non-null. */
        public ChargeRefunded {
            refunds = refunds == null ? List.of() : List.copyOf(refunds);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /** {@code charge.dispute.created}. */
    String CHARGE_DISPUTE_CREATED = "charge.dispute.created";
    /** {@code charge.dispute.updated}. */
    String CHARGE_DISPUTE_UPDATED = "charge.dispute.updated";
    /** {@code charge.dispute.closed}. */
    String CHARGE_DISPUTE_CLOSED = "charge.dispute.closed";

    /**
     * {@code charge.dispute.created}, {@code .updated} or {@code .closed}: a dispute of a payment
     * claws back like a full refund of the disputed amount; closed as {@code won} (or an inquiry
     * closed as {@code warning_closed}) gives the credits back once.
     *
     * @param eventId         see {@link BillingEvent#eventId()}
     * @param type            see {@link BillingEvent#type()}
     * @param created         see {@link BillingEvent#created()}
     * @param payload         see {@link BillingEvent#payload()}
     * @param disputeId       {@code data.object.id} ({@code dp_...})
     * @param chargeId        {@code data.object.charge}
     * @param paymentIntentId {@code data.object.payment_intent}
     * @param amount          {@code data.object.amount}, cents disputed
     * @param status          {@code data.object.status} ({@code needs_response}, {@code won},
     *                        {@code lost}, {@code warning_closed}, ...)
     */
    record ChargeDispute(String eventId, String type, Instant created, String payload, String disputeId,
                         String chargeId, String paymentIntentId, Long amount, String status)
            implements BillingEvent {
    }

    /**
     * One refund of a charge.
     *
     * @param id     refund id ({@code re_...}); clawback ref {@code stripe_refund/<id>}
     * @param amount refunded cents, or {@code null} if absent
     */
    record Refund(String id, Long amount) {
    }

    /**
     * Any other event type: answered 200 and otherwise ignored (still recorded in
     * {@code stripe_events}).
     *
     * @param eventId see {@link BillingEvent#eventId()}
     * @param type    see {@link BillingEvent#type()}
     * @param created see {@link BillingEvent#created()}
     * @param payload see {@link BillingEvent#payload()}
     */
    record Ignored(String eventId, String type, Instant created, String payload)
            implements BillingEvent {
    }
}
