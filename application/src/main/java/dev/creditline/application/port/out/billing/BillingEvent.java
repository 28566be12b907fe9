package dev.creditline.application.port.out.billing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A verified payment-provider webhook event, typed by what Creditline does with it
 * (spec: billing.md "Webhook", the event table).
 *
 * <p>Every event carries the envelope: {@link #eventId()} ({@code evt_...}), {@link #kind()}
 * (what it means here, mapped from the provider's type by the adapter), {@link #type()} (the
 * provider's type as sent, stored and echoed but never interpreted), {@link #created()} (the
 * envelope's {@code created}, Unix seconds, used as the per-subscription watermark, lessons.md
 * 15) and {@link #payload()} (the raw verified JSON, stored in {@code stripe_events}). The
 * provider's wire names (event types, field paths) are the adapter's; the paths in the records'
 * parameters say where the Stripe adapter reads each field.
 *
 * <p>Conventions for the typed fields: a field absent from the payload (or JSON {@code null})
 * is {@code null}; metadata maps and lists are never {@code null} but empty, and immutable.
 * Money amounts are {@code Long} in the currency's minor unit (cents). Ids that Stripe may
 * send expanded (customer, subscription, payment intent, price) are reduced to the id string.
 * Metadata values are strings as Stripe stores them (e.g. {@code credits} = {@code "50000"}).
 */
public sealed interface BillingEvent {

    /** Stripe event id ({@code evt_...}); the dedupe key of {@code stripe_events}. */
    String eventId();

    /** What the event means to Creditline; {@link BillingEventKind#OTHER} for anything not acted on. */
    BillingEventKind kind();

    /** The provider's event type as sent: stored in the inbox and echoed, never interpreted here. */
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

        /** What the session sells ({@code mode}); null when missing or unknown. */
        CheckoutMode mode();

        /** Whether it was paid ({@code payment_status}); null when missing or unknown. */
        CheckoutPaymentStatus paymentStatus();

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
     * A completed checkout session. Payment mode: grant {@code metadata.credits} only if
     * {@code paymentStatus} is {@code paid} or {@code no_payment_required} (lessons.md 13).
     * Subscription mode: set the plan, never grant credits (lessons.md 1).
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}, mapped by the adapter; null when missing or unknown
     * @param paymentStatus     {@code data.object.payment_status}, mapped by the adapter; null when missing
     *                          or unknown
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionCompleted(String eventId, String type, Instant created, String payload,
                                    String sessionId, CheckoutMode mode, CheckoutPaymentStatus paymentStatus,
                                    String clientReferenceId, String customerId,
                                    String subscriptionId, String paymentIntentId,
                                    Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Always {@link BillingEventKind#CHECKOUT_COMPLETED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_COMPLETED;
        }

        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionCompleted {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * The delayed payment of a checkout session cleared: same grant
     * and same ref as a paid completion, so either order grants once. Fields as in
     * {@link CheckoutSessionCompleted}.
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}, mapped by the adapter; null when missing or unknown
     * @param paymentStatus     {@code data.object.payment_status}, mapped by the adapter; null when missing
     *                          or unknown
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionAsyncPaymentSucceeded(String eventId, String type, Instant created,
                                                String payload, String sessionId, CheckoutMode mode,
                                                CheckoutPaymentStatus paymentStatus, String clientReferenceId,
                                                String customerId, String subscriptionId,
                                                String paymentIntentId, Long amountTotal,
                                                Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Always {@link BillingEventKind#CHECKOUT_ASYNC_PAYMENT_SUCCEEDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_ASYNC_PAYMENT_SUCCEEDED;
        }

        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionAsyncPaymentSucceeded {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * A checkout session expired: mark the checkout attempt expired. Fields as in
     * {@link CheckoutSessionCompleted}.
     *
     * @param eventId           see {@link BillingEvent#eventId()}
     * @param type              see {@link BillingEvent#type()}
     * @param created           see {@link BillingEvent#created()}
     * @param payload           see {@link BillingEvent#payload()}
     * @param sessionId         {@code data.object.id}
     * @param mode              {@code data.object.mode}, mapped by the adapter; null when missing or unknown
     * @param paymentStatus     {@code data.object.payment_status}, mapped by the adapter; null when missing
     *                          or unknown
     * @param clientReferenceId {@code data.object.client_reference_id}
     * @param customerId        {@code data.object.customer}
     * @param subscriptionId    {@code data.object.subscription}
     * @param paymentIntentId   {@code data.object.payment_intent}
     * @param amountTotal       {@code data.object.amount_total}, cents
     * @param metadata          {@code data.object.metadata}
     */
    record CheckoutSessionExpired(String eventId, String type, Instant created, String payload,
                                  String sessionId, CheckoutMode mode, CheckoutPaymentStatus paymentStatus,
                                  String clientReferenceId, String customerId,
                                  String subscriptionId, String paymentIntentId,
                                  Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Always {@link BillingEventKind#CHECKOUT_EXPIRED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_EXPIRED;
        }

        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionExpired {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }

    /**
     * An invoice was paid (Stripe says so twice, in two event types: one effect). Grants the
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
        /** Always {@link BillingEventKind#INVOICE_PAID}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.INVOICE_PAID;
        }

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
     * A subscription invoice's payment failed: subscription status becomes {@code past_due}.
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
        /** Always {@link BillingEventKind#INVOICE_PAYMENT_FAILED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.INVOICE_PAYMENT_FAILED;
        }
    }

    /**
     * A subscription was created or changed: apply plan
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
     * @param kind              {@link BillingEventKind#SUBSCRIPTION_CREATED} or
     *                          {@link BillingEventKind#SUBSCRIPTION_UPDATED}
     */
    record SubscriptionChanged(String eventId, String type, Instant created, String payload,
                               String subscriptionId, String customerId, String status,
                               String priceId, Boolean cancelAtPeriodEnd, Instant cancelAt,
                               Instant currentPeriodEnd, Map<String, String> metadata,
                               BillingEventKind kind)
            implements BillingEvent {
        /**
         * Makes {@code metadata} an immutable, non-null map.
         *
         * @throws IllegalArgumentException when {@code kind} is not a subscription's creation or change
         */
        public SubscriptionChanged {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            requireKind(kind, BillingEventKind.SUBSCRIPTION_CREATED, BillingEventKind.SUBSCRIPTION_UPDATED);
        }

        /** Whether the event announces a new subscription (not a change of one). */
        public boolean newSubscription() {
            return kind == BillingEventKind.SUBSCRIPTION_CREATED;
        }
    }

    /**
     * A subscription ended: only if it is the user's current subscription,
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
        /** Always {@link BillingEventKind#SUBSCRIPTION_DELETED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.SUBSCRIPTION_DELETED;
        }
    }

    /**
     * A charge was refunded: for a credit-pack payment, claw back
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
        /** Always {@link BillingEventKind#CHARGE_REFUNDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHARGE_REFUNDED;
        }


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


    /**
     * A dispute was opened, changed or closed: a dispute of a payment
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
     * @param kind            {@link BillingEventKind#DISPUTE_OPENED_OR_UPDATED} or
     *                        {@link BillingEventKind#DISPUTE_CLOSED}
     */
    record ChargeDispute(String eventId, String type, Instant created, String payload, String disputeId,
                         String chargeId, String paymentIntentId, Long amount, String status, BillingEventKind kind)
            implements BillingEvent {
        /** @throws IllegalArgumentException when {@code kind} is not a dispute's */
        public ChargeDispute {
            requireKind(kind, BillingEventKind.DISPUTE_OPENED_OR_UPDATED, BillingEventKind.DISPUTE_CLOSED);
        }

        /** Whether the event says the dispute closed (its status is final). */
        public boolean closed() {
            return kind == BillingEventKind.DISPUTE_CLOSED;
        }
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
     * A payment intent succeeded, failed or needs the customer's action: the
     * outcome of an auto top-up (metadata {@code topup_attempt_id}); a succeeded pack payment made
     * with {@code setup_future_usage=off_session} also saves its payment method.
     *
     * @param eventId          see {@link BillingEvent#eventId()}
     * @param type             see {@link BillingEvent#type()}
     * @param kind             {@link BillingEventKind#PAYMENT_INTENT_SUCCEEDED},
     *                         {@link BillingEventKind#PAYMENT_INTENT_FAILED} or
     *                         {@link BillingEventKind#PAYMENT_INTENT_REQUIRES_ACTION}
     * @param created          see {@link BillingEvent#created()}
     * @param payload          see {@link BillingEvent#payload()}
     * @param paymentIntentId  {@code data.object.id} ({@code pi_...})
     * @param status           {@code data.object.status}
     * @param customerId       {@code data.object.customer}
     * @param paymentMethodId  {@code data.object.payment_method}
     * @param setupFutureUsage {@code data.object.setup_future_usage}
     * @param amount           {@code data.object.amount}, cents
     * @param failureCode      {@code last_payment_error.decline_code}, else {@code .code}
     * @param actionUrl        {@code next_action.redirect_to_url.url}
     * @param metadata         {@code data.object.metadata}
     */
    record PaymentIntentEvent(String eventId, String type, BillingEventKind kind, Instant created, String payload,
                              String paymentIntentId, String status, String customerId, String paymentMethodId,
                              String setupFutureUsage, Long amount, String failureCode, String actionUrl,
                              Map<String, String> metadata)
            implements BillingEvent {
        /**
         * Makes {@code metadata} an immutable, non-null map.
         *
         * @throws IllegalArgumentException when {@code kind} is not a payment intent's
         */
        public PaymentIntentEvent {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
            requireKind(kind, BillingEventKind.PAYMENT_INTENT_SUCCEEDED, BillingEventKind.PAYMENT_INTENT_FAILED,
                    BillingEventKind.PAYMENT_INTENT_REQUIRES_ACTION);
        }
    }

    /**
     * A payment method was saved by the {@code setup} mode Checkout Session.
     *
     * @param eventId         see {@link BillingEvent#eventId()}
     * @param type            see {@link BillingEvent#type()}
     * @param created         see {@link BillingEvent#created()}
     * @param payload         see {@link BillingEvent#payload()}
     * @param setupIntentId   {@code data.object.id} ({@code seti_...})
     * @param customerId      {@code data.object.customer}
     * @param paymentMethodId {@code data.object.payment_method}
     * @param metadata        {@code data.object.metadata} ({@code user_id})
     */
    record SetupIntentSucceeded(String eventId, String type, Instant created, String payload, String setupIntentId,
                                String customerId, String paymentMethodId, Map<String, String> metadata)
            implements BillingEvent {
        /** Always {@link BillingEventKind#SETUP_INTENT_SUCCEEDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.SETUP_INTENT_SUCCEEDED;
        }

        /** Makes {@code metadata} an immutable, non-null map. */
        public SetupIntentSucceeded {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
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
        /** Always {@link BillingEventKind#OTHER}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.OTHER;
        }
    }

    /** A record that carries one of several kinds refuses any other (an adapter's mapping error). */
    private static void requireKind(BillingEventKind kind, BillingEventKind... allowed) {
        for (BillingEventKind k : allowed) {
            if (k == kind) {
                return;
            }
        }
        throw new IllegalArgumentException("kind " + kind + " is not one of " + java.util.Arrays.toString(allowed));
    }
}
