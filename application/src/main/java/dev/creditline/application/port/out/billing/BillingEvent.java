package dev.creditline.application.port.out.billing;

import dev.creditline.domain.billing.DisputeStatus;
import dev.creditline.domain.billing.InvoiceBillingReason;
import dev.creditline.domain.billing.InvoiceStatus;
import dev.creditline.domain.billing.PaymentIntentStatus;
import dev.creditline.domain.billing.SubscriptionStatus;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A verified payment-provider webhook event, typed by what Creditline does with it
 * (spec: billing.md "Webhook", the event table).
 *
 * <p>Every event carries the envelope: {@link #eventId()}, {@link #kind()} (what it means here,
 * mapped from the provider's type by the adapter), {@link #type()} (the provider's type as sent,
 * stored and echoed but never interpreted), {@link #created()} (the provider's creation time,
 * the per-subscription watermark, lessons.md 15) and {@link #payload()} (the raw verified JSON,
 * stored in {@code stripe_events}). Where the adapter reads each field of the provider's objects
 * is the adapter's knowledge (adapters-stripe, {@code StripeBillingEventVerifier}), not this port's.
 *
 * <p>Conventions for the typed fields: a field the provider did not send is {@code null};
 * metadata maps and lists are never {@code null} but empty, and immutable. Money amounts are
 * {@code Long} in the currency's minor unit (cents). Ids are the provider's ids as text
 * ({@code cs_…}, {@code in_…}, {@code sub_…}, {@code cus_…}, {@code ch_…}, {@code pi_…}), also
 * when it sent the object expanded. Metadata values are strings as the provider stores them
 * (e.g. {@code credits} = {@code "50000"}).
 */
public sealed interface BillingEvent {

    /** The provider's event id ({@code evt_…}); the dedupe key of {@code stripe_events}. */
    String eventId();

    /** What the event means to Creditline; {@link BillingEventKind#OTHER} for anything not acted on. */
    BillingEventKind kind();

    /** The provider's event type as sent: stored in the inbox and echoed, never interpreted here. */
    String type();

    /** When the provider created the event (whole seconds). */
    Instant created();

    /** The raw verified JSON body as received. */
    String payload();

    /** The three checkout session events share one shape: the session as it was. */
    sealed interface CheckoutSessionEvent extends BillingEvent {
        /** Session id ({@code cs_…}); grant ref {@code stripe_checkout_session/<id>}. */
        String sessionId();

        /** What the session sells; null when missing or unknown. */
        CheckoutMode mode();

        /** Whether it was paid; null when missing or unknown. */
        CheckoutPaymentStatus paymentStatus();

        /** Our user id as sent at creation (the client reference), unchecked text. */
        String clientReferenceId();

        /** The customer's id. */
        String customerId();

        /** The subscription's id, in subscription mode. */
        String subscriptionId();

        /** The payment intent's id, in payment mode. */
        String paymentIntentId();

        /** Total in cents. */
        Long amountTotal();

        /** Session metadata: packs {@code credits, pack_id, user_id}; plans {@code plan, user_id, checkout_attempt_id}. */
        Map<String, String> metadata();
    }

    /**
     * A checkout session completed. Payment mode: grant {@code metadata.credits} only if the
     * payment status is settled (lessons.md 13). Subscription mode: set the plan, never grant
     * credits (lessons.md 1). Fields: {@link CheckoutSessionEvent}.
     */
    record CheckoutSessionCompleted(String eventId, String type, Instant created, String payload,
                                    String sessionId, CheckoutMode mode, CheckoutPaymentStatus paymentStatus,
                                    String clientReferenceId, String customerId,
                                    String subscriptionId, String paymentIntentId,
                                    Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionCompleted {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        /** Always {@link BillingEventKind#CHECKOUT_COMPLETED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_COMPLETED;
        }
    }

    /**
     * The delayed payment of a checkout session cleared: same grant and same ref as a paid
     * completion, so either order grants once. Fields: {@link CheckoutSessionEvent}.
     */
    record CheckoutSessionAsyncPaymentSucceeded(String eventId, String type, Instant created,
                                                String payload, String sessionId, CheckoutMode mode,
                                                CheckoutPaymentStatus paymentStatus, String clientReferenceId,
                                                String customerId, String subscriptionId,
                                                String paymentIntentId, Long amountTotal,
                                                Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionAsyncPaymentSucceeded {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        /** Always {@link BillingEventKind#CHECKOUT_ASYNC_PAYMENT_SUCCEEDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_ASYNC_PAYMENT_SUCCEEDED;
        }
    }

    /** A checkout session expired: mark the checkout attempt expired. Fields: {@link CheckoutSessionEvent}. */
    record CheckoutSessionExpired(String eventId, String type, Instant created, String payload,
                                  String sessionId, CheckoutMode mode, CheckoutPaymentStatus paymentStatus,
                                  String clientReferenceId, String customerId,
                                  String subscriptionId, String paymentIntentId,
                                  Long amountTotal, Map<String, String> metadata)
            implements CheckoutSessionEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public CheckoutSessionExpired {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        /** Always {@link BillingEventKind#CHECKOUT_EXPIRED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHECKOUT_EXPIRED;
        }
    }

    /**
     * An invoice was paid. Grants the plan's monthly allowance only when {@code billingReason} is
     * {@code subscription_create} or {@code subscription_cycle} and {@code status} is {@code paid}
     * (lessons.md 1, 2), ref {@code stripe_invoice/<invoiceId>}; the plan comes from
     * {@code recurringLinePriceIds}.
     *
     * @param invoiceId      the invoice's id ({@code in_…})
     * @param billingReason  why it was issued ({@link InvoiceBillingReason#SUBSCRIPTION_CREATE},
     *                       {@code SUBSCRIPTION_CYCLE}, {@code SUBSCRIPTION_UPDATE}, {@code MANUAL}, …;
     *                       {@code OTHER} for a reason the adapter does not know), or null
     * @param status         its status ({@link InvoiceStatus#PAID}, {@code OPEN}, …), or null
     * @param customerId     the customer's id
     * @param subscriptionId the subscription it bills
     * @param linePriceIds   the prices of its lines, in order, distinct (lines without one skipped)
     * @param recurringLinePriceIds the prices of its recurring subscription lines only (no proration,
     *                       no one-off item), in order, distinct: the plan comes from these
     * @param amountPaid     cents paid, or null
     * @param paymentIntentId the payment intent that paid it
     * @param chargeId       the charge that paid it
     * @param periodStart    start of the period the first recurring subscription line bills: the
     *                       period the allowance is for, or null
     * @param periodEnd      that line's period end: where an allowance lot with
     *                       {@code PLAN_<ID>_ALLOWANCE_EXPIRY=period_end} expires, or null (the
     *                       invoice's own period is the previous one for subscriptions)
     */
    record InvoicePaid(String eventId, String type, Instant created, String payload,
                       String invoiceId, InvoiceBillingReason billingReason, InvoiceStatus status, String customerId,
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
                           InvoiceBillingReason billingReason, InvoiceStatus status, String customerId,
                           String subscriptionId, List<String> linePriceIds, List<String> recurringLinePriceIds,
                           Long amountPaid,
                           String paymentIntentId, String chargeId) {
            this(eventId, type, created, payload, invoiceId, billingReason, status, customerId, subscriptionId,
                    linePriceIds, recurringLinePriceIds, amountPaid, paymentIntentId, chargeId, null, null);
        }

        /** The event without payment details (tests, older shapes). */
        public InvoicePaid(String eventId, String type, Instant created, String payload, String invoiceId,
                           InvoiceBillingReason billingReason, InvoiceStatus status, String customerId,
                           String subscriptionId, List<String> linePriceIds) {
            this(eventId, type, created, payload, invoiceId, billingReason, status, customerId, subscriptionId,
                    linePriceIds, linePriceIds, null, null, null, null, null);
        }

        /** Always {@link BillingEventKind#INVOICE_PAID}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.INVOICE_PAID;
        }
    }

    /**
     * A subscription invoice's payment failed: subscription status becomes {@code past_due}.
     *
     * @param invoiceId      the invoice's id
     * @param customerId     the customer's id
     * @param subscriptionId the subscription it bills
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
     * A subscription was created or changed: apply plan (from {@code priceId}), status and
     * cancel-at-period-end if newer than the watermark (lessons.md 15) and the subscription is the
     * user's (lessons.md 14). An unknown price is a recorded problem, never a guessed plan
     * (lessons.md 16).
     *
     * @param subscriptionId    the subscription's id ({@code sub_…})
     * @param customerId        the customer's id
     * @param status            its status ({@link SubscriptionStatus}; {@code UNKNOWN} for one the adapter
     *                          does not know), or null
     * @param priceId           the price of its first item
     * @param cancelAtPeriodEnd whether it ends at the end of the period
     * @param cancelAt          a scheduled end, set also when cancelling at period end
     * @param currentPeriodEnd  the end of the current period
     * @param metadata          its metadata ({@code plan, user_id, checkout_attempt_id} when created
     *                          by our checkout)
     * @param kind              {@link BillingEventKind#SUBSCRIPTION_CREATED} or
     *                          {@link BillingEventKind#SUBSCRIPTION_UPDATED}
     */
    record SubscriptionChanged(String eventId, String type, Instant created, String payload,
                               String subscriptionId, String customerId, SubscriptionStatus status,
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
     * A subscription ended: only if it is the user's current subscription, return to
     * {@code free} (lessons.md 14).
     *
     * @param subscriptionId the subscription's id
     * @param customerId     the customer's id
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
     * A charge was refunded: claw back {@code credits × refunded / amount} of the grant its
     * payment made (rounded down; docs/billing.md "Refunds and disputes").
     *
     * @param chargeId        the charge's id ({@code ch_…})
     * @param paymentIntentId its payment intent's id
     * @param amount          cents charged
     * @param amountRefunded  cents refunded so far in total
     * @param refunds         its refunds when the provider listed them (often not: then empty)
     * @param metadata        its metadata: a checkout payment's charge carries the payment's
     *                        ({@code credits, pack_id, user_id})
     * @param invoiceId       the invoice it paid, when the provider says (current API versions do not)
     */
    record ChargeRefunded(String eventId, String type, Instant created, String payload,
                          String chargeId, String paymentIntentId, Long amount,
                          Long amountRefunded, List<Refund> refunds, Map<String, String> metadata,
                          String invoiceId)
            implements BillingEvent {

        /** The event without an invoice id. */
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

        /** Always {@link BillingEventKind#CHARGE_REFUNDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.CHARGE_REFUNDED;
        }
    }

    /**
     * A dispute was opened, changed or closed: a dispute of a payment claws back like a full
     * refund of the disputed amount; closed as {@code won} (or an inquiry closed as
     * {@code warning_closed}) gives the credits back once.
     *
     * @param disputeId       the dispute's id ({@code dp_…})
     * @param chargeId        the disputed charge's id
     * @param paymentIntentId its payment intent's id
     * @param amount          cents disputed
     * @param status          its status ({@link DisputeStatus}; {@code UNKNOWN} for one the adapter does
     *                        not know), or null
     * @param kind            {@link BillingEventKind#DISPUTE_OPENED_OR_UPDATED} or
     *                        {@link BillingEventKind#DISPUTE_CLOSED}
     */
    record ChargeDispute(String eventId, String type, Instant created, String payload, String disputeId,
                         String chargeId, String paymentIntentId, Long amount, DisputeStatus status,
                         BillingEventKind kind)
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
     * @param id     refund id ({@code re_…}); clawback ref {@code stripe_refund/<id>}
     * @param amount refunded cents, or {@code null} if absent
     */
    record Refund(String id, Long amount) {
    }

    /**
     * A payment intent succeeded, failed or needs the customer's action: the outcome of an auto
     * top-up (metadata {@code topup_attempt_id}); a succeeded pack payment that saves its payment
     * method for later also saves it for auto top-up.
     *
     * @param kind            {@link BillingEventKind#PAYMENT_INTENT_SUCCEEDED},
     *                        {@link BillingEventKind#PAYMENT_INTENT_FAILED} or
     *                        {@link BillingEventKind#PAYMENT_INTENT_REQUIRES_ACTION}
     * @param paymentIntentId the payment intent's id ({@code pi_…})
     * @param status          its status ({@code UNKNOWN} for one the adapter does not know), or null
     * @param customerId      the customer's id
     * @param paymentMethodId the payment method it used
     * @param savesForLater   whether the payment also saves its payment method for off-session charges
     * @param amount          cents
     * @param failureCode     why it failed (the decline code, else the error code)
     * @param actionUrl       where the customer completes the required action
     * @param metadata        its metadata
     */
    record PaymentIntentEvent(String eventId, String type, BillingEventKind kind, Instant created, String payload,
                              String paymentIntentId, PaymentIntentStatus status, String customerId,
                              String paymentMethodId,
                              boolean savesForLater, Long amount, String failureCode, String actionUrl,
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
     * A payment method was saved by the {@code setup} mode checkout session.
     *
     * @param setupIntentId   the setup intent's id ({@code seti_…})
     * @param customerId      the customer's id
     * @param paymentMethodId the saved payment method
     * @param metadata        its metadata ({@code user_id})
     */
    record SetupIntentSucceeded(String eventId, String type, Instant created, String payload, String setupIntentId,
                                String customerId, String paymentMethodId, Map<String, String> metadata)
            implements BillingEvent {
        /** Makes {@code metadata} an immutable, non-null map. */
        public SetupIntentSucceeded {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        /** Always {@link BillingEventKind#SETUP_INTENT_SUCCEEDED}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.SETUP_INTENT_SUCCEEDED;
        }
    }

    /** Any other event: answered 200 and otherwise ignored (still recorded in {@code stripe_events}). */
    record Ignored(String eventId, String type, Instant created, String payload) implements BillingEvent {
        /** Always {@link BillingEventKind#OTHER}. */
        @Override
        public BillingEventKind kind() {
            return BillingEventKind.OTHER;
        }
    }

    /** A record that carries one of several kinds refuses any other (an adapter's mapping error). */
    private static void requireKind(BillingEventKind kind, BillingEventKind... allowed) {
        if (kind == null || !Arrays.asList(allowed).contains(kind)) {
            throw new IllegalArgumentException("kind " + kind + " is not one of " + Arrays.toString(allowed));
        }
    }
}
