package dev.creditline.stripe;

import static dev.creditline.stripe.StripeJson.bool;
import static dev.creditline.stripe.StripeJson.epochSeconds;
import static dev.creditline.stripe.StripeJson.first;
import static dev.creditline.stripe.StripeJson.id;
import static dev.creditline.stripe.StripeJson.listData;
import static dev.creditline.stripe.StripeJson.metadata;
import static dev.creditline.stripe.StripeJson.text;
import static dev.creditline.stripe.StripeJson.whole;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.net.Webhook;
import dev.creditline.application.port.out.billing.BillingEvent;
import dev.creditline.application.port.out.billing.BillingEventKind;
import dev.creditline.application.port.out.billing.BillingEventVerifier;
import dev.creditline.application.port.out.billing.CheckoutMode;
import dev.creditline.application.port.out.billing.CheckoutPaymentStatus;
import dev.creditline.application.port.out.billing.MalformedEventException;
import dev.creditline.application.port.out.billing.WebhookSignatureException;
import dev.creditline.application.port.out.billing.WebhookSignatureException.Reason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link BillingEventVerifier} for Stripe webhooks (spec: billing.md "Webhook"; stack.md
 * gotcha 7).
 *
 * <p>Verification: the {@code Stripe-Signature} header is checked with stripe-java's
 * {@link Webhook.Signature#verifyHeader(String, String, String, long, Clock)} (HMAC-SHA256 of
 * {@code "<t>.<body>"} under the endpoint secret, any {@code v1} entry may match, so secret
 * rotation works) with a tolerance of {@value #TOLERANCE_SECONDS} s; stripe-java only refuses
 * old timestamps, so a timestamp more than {@value #TOLERANCE_SECONDS} s ahead of
 * {@code clock} is refused here as well.
 *
 * <p>Parsing: the verified body is read as raw JSON with Gson, never through stripe-java's
 * typed {@code Event} data deserializer (which yields nothing when the event's
 * {@code api_version} differs from the library's). Fields are read at their
 * {@code 2026-07-29.dahlia} location first and at their older location after (each read below
 * names its path: an invoice's subscription, line prices, recurring lines and payments have
 * several). The event's kind comes from its type through {@link StripeEventTypes}; a type it
 * does not map is {@link BillingEvent.Ignored}. Stripe's names (types, paths, {@code mode},
 * {@code payment_status}, {@code setup_future_usage}, and through {@link StripeStatuses} the
 * subscription, invoice, dispute and payment-intent statuses and billing reasons) end here; the
 * application sees kinds and enums.
 *
 * <p>Thread-safe; no I/O.
 */
public final class StripeBillingEventVerifier implements BillingEventVerifier {

    /** Allowed distance between the signed timestamp and our clock, both directions (seconds). */
    public static final long TOLERANCE_SECONDS = 300;

    private final String webhookSecret;
    private final Clock clock;

    /**
     * @param webhookSecret the endpoint's signing secret ({@code whsec_...}); must not be blank,
     *                      an empty secret would make signatures forgeable (lessons.md 24), so a
     *                      caller without a secret must not build a verifier (answer 503)
     * @param clock         the time source for the tolerance checks
     * @throws IllegalArgumentException when the secret is {@code null} or blank
     */
    public StripeBillingEventVerifier(String webhookSecret, Clock clock) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw new IllegalArgumentException("webhook secret must not be blank");
        }
        this.webhookSecret = webhookSecret;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * {@inheritDoc}
     *
     * <p>Stripe specifics: the timestamp is the header's {@code t} (Unix seconds); the envelope
     * must have a string {@code id}, a string {@code type} and a whole-number {@code created}.
     */
    @Override
    public BillingEvent verify(byte[] rawBody, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new WebhookSignatureException(Reason.MISSING_HEADER, "Stripe-Signature header is missing");
        }
        if (rawBody == null) {
            throw new WebhookSignatureException(Reason.UNPARSABLE_BODY, "request body is missing");
        }
        String payload = utf8(rawBody);
        long signedAt = signedTimestamp(signatureHeader);
        long now = clock.instant().getEpochSecond();
        try {
            Webhook.Signature.verifyHeader(payload, signatureHeader, webhookSecret, TOLERANCE_SECONDS, clock);
        } catch (SignatureVerificationException e) {
            if (now - signedAt > TOLERANCE_SECONDS) {
                throw new WebhookSignatureException(Reason.STALE_TIMESTAMP,
                        "signature timestamp is more than " + TOLERANCE_SECONDS + " s old");
            }
            throw new WebhookSignatureException(Reason.BAD_SIGNATURE, "signature does not match the body");
        }
        if (signedAt - now > TOLERANCE_SECONDS) {
            throw new WebhookSignatureException(Reason.FUTURE_TIMESTAMP,
                    "signature timestamp is more than " + TOLERANCE_SECONDS + " s in the future");
        }
        return parse(payload);
    }

    /** {@inheritDoc} */
    @Override
    public BillingEvent parseVerified(String verifiedPayload) {
        return parse(verifiedPayload);
    }

    /** Parses a verified body. Package-private for tests of the field mapping. */
    BillingEvent parse(String payload) {
        JsonObject envelope;
        String eventId;
        String type;
        Instant created;
        try {
            JsonElement root = JsonParser.parseString(payload);
            if (!root.isJsonObject()) {
                throw unparsable("body is not a JSON object");
            }
            envelope = root.getAsJsonObject();
            eventId = text(envelope, "id");
            type = text(envelope, "type");
        } catch (JsonParseException | StripeJson.BadField e) {
            throw unparsable("body is not a Stripe event envelope");
        }
        try {
            created = epochSeconds(envelope, "created");
        } catch (StripeJson.BadField e) {
            if (eventId == null || type == null) {
                throw unparsable("event envelope lacks id or type");
            }
            // Signed, so Stripe would retry a refusal for days: record it as a problem instead
            // (created unknown: the service stores the time of receipt).
            throw new MalformedEventException("event " + eventId + " (" + type + "): " + e.getMessage(),
                    eventId, type, null, payload);
        }
        if (eventId == null || type == null || created == null) {
            throw unparsable("event envelope lacks id, type or created");
        }
        BillingEventKind kind = StripeEventTypes.kindOf(type);
        try {
            return switch (kind) {
                case CHECKOUT_COMPLETED, CHECKOUT_ASYNC_PAYMENT_SUCCEEDED, CHECKOUT_EXPIRED ->
                        checkoutSession(eventId, type, kind, created, payload,
                                dataObject(envelope, "checkout.session"));
                case INVOICE_PAID -> invoicePaid(eventId, type, created, payload, dataObject(envelope, "invoice"));
                case INVOICE_PAYMENT_FAILED -> {
                    JsonObject o = dataObject(envelope, "invoice");
                    yield new BillingEvent.InvoicePaymentFailed(eventId, type, created, payload,
                            text(o, "id"), id(o, "customer"), invoiceSubscription(o));
                }
                case SUBSCRIPTION_CREATED, SUBSCRIPTION_UPDATED ->
                        subscriptionChanged(eventId, type, kind, created, payload,
                                dataObject(envelope, "subscription"));
                case SUBSCRIPTION_DELETED -> {
                    JsonObject o = dataObject(envelope, "subscription");
                    yield new BillingEvent.SubscriptionDeleted(eventId, type, created, payload,
                            text(o, "id"), id(o, "customer"));
                }
                case CHARGE_REFUNDED -> chargeRefunded(eventId, type, created, payload, dataObject(envelope, "charge"));
                case DISPUTE_OPENED_OR_UPDATED, DISPUTE_CLOSED ->
                        chargeDispute(eventId, type, kind, created, payload, dataObject(envelope, "dispute"));
                case PAYMENT_INTENT_SUCCEEDED, PAYMENT_INTENT_FAILED, PAYMENT_INTENT_REQUIRES_ACTION ->
                        StripeTopUpEvents.paymentIntent(eventId, type, kind, created, payload, envelope);
                case SETUP_INTENT_SUCCEEDED -> StripeTopUpEvents.setupIntent(eventId, type, created, payload, envelope);
                case OTHER -> new BillingEvent.Ignored(eventId, type, created, payload);
            };
        } catch (StripeJson.BadField e) {
            throw new MalformedEventException("event " + eventId + " (" + type + "): " + e.getMessage(),
                    eventId, type, created, payload);
        }
    }

    private static BillingEvent checkoutSession(String eventId, String type, BillingEventKind kind, Instant created,
                                                String payload, JsonObject o) {
        String sessionId = text(o, "id");
        CheckoutMode mode = checkoutMode(text(o, "mode"));
        CheckoutPaymentStatus paymentStatus = checkoutPaymentStatus(text(o, "payment_status"));
        String clientReferenceId = text(o, "client_reference_id");
        String customerId = id(o, "customer");
        String subscriptionId = id(o, "subscription");
        String paymentIntentId = id(o, "payment_intent");
        Long amountTotal = whole(o, "amount_total");
        var metadata = metadata(o, "metadata");
        return switch (kind) {
            case CHECKOUT_COMPLETED -> new BillingEvent.CheckoutSessionCompleted(
                    eventId, type, created, payload, sessionId, mode, paymentStatus, clientReferenceId,
                    customerId, subscriptionId, paymentIntentId, amountTotal, metadata);
            case CHECKOUT_ASYNC_PAYMENT_SUCCEEDED ->
                    new BillingEvent.CheckoutSessionAsyncPaymentSucceeded(
                            eventId, type, created, payload, sessionId, mode, paymentStatus, clientReferenceId,
                            customerId, subscriptionId, paymentIntentId, amountTotal, metadata);
            default -> new BillingEvent.CheckoutSessionExpired(
                    eventId, type, created, payload, sessionId, mode, paymentStatus, clientReferenceId,
                    customerId, subscriptionId, paymentIntentId, amountTotal, metadata);
        };
    }

    /** Stripe's {@code checkout.session.mode}; null when missing or a value we do not know. */
    static CheckoutMode checkoutMode(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "payment" -> CheckoutMode.PAYMENT;
            case "subscription" -> CheckoutMode.SUBSCRIPTION;
            case "setup" -> CheckoutMode.SETUP;
            default -> null;
        };
    }

    /** Stripe's {@code checkout.session.payment_status}; null when missing or a value we do not know. */
    static CheckoutPaymentStatus checkoutPaymentStatus(String wire) {
        if (wire == null) {
            return null;
        }
        return switch (wire) {
            case "paid" -> CheckoutPaymentStatus.PAID;
            case "unpaid" -> CheckoutPaymentStatus.UNPAID;
            case "no_payment_required" -> CheckoutPaymentStatus.NO_PAYMENT_REQUIRED;
            default -> null;
        };
    }

    private static BillingEvent invoicePaid(String eventId, String type, Instant created, String payload,
                                            JsonObject o) {
        Set<String> priceIds = new LinkedHashSet<>();
        Set<String> recurring = new LinkedHashSet<>();
        Instant periodStart = null;
        Instant periodEnd = null;
        for (JsonObject line : listData(o, "lines")) {
            String priceId = first(
                    () -> id(line, "pricing", "price_details", "price"), // 2025-03-31.basil and later
                    () -> id(line, "price"),                              // older: expanded price object
                    () -> id(line, "plan"));                              // oldest: plan object
            if (priceId != null) {
                priceIds.add(priceId);
                if (isRecurringSubscriptionLine(line)) {
                    recurring.add(priceId);
                    if (periodEnd == null) {
                        // the period the subscription line bills, i.e. the one the allowance is for
                        periodStart = epochSeconds(line, "period", "start");
                        periodEnd = epochSeconds(line, "period", "end");
                    }
                }
            }
        }
        String paymentIntent = null;
        String charge = null;
        for (JsonObject payment : listData(o, "payments")) { // basil and later, when included
            if (paymentIntent == null) {
                paymentIntent = id(payment, "payment", "payment_intent");
            }
            if (charge == null) {
                charge = id(payment, "payment", "charge");
            }
        }
        String pi = paymentIntent != null ? paymentIntent : id(o, "payment_intent");
        String ch = charge != null ? charge : id(o, "charge");
        return new BillingEvent.InvoicePaid(eventId, type, created, payload, text(o, "id"),
                StripeStatuses.billingReason(text(o, "billing_reason")), StripeStatuses.invoice(text(o, "status")),
                id(o, "customer"), invoiceSubscription(o),
                new ArrayList<>(priceIds), new ArrayList<>(recurring), whole(o, "amount_paid"), pi, ch, periodStart,
                periodEnd);
    }

    /**
     * A line that bills the subscription's recurring price (not a proration, not a one-off
     * invoice item): basil and later {@code parent.type = subscription_item_details} with
     * {@code parent.subscription_item_details.proration} not true; older versions
     * {@code type = subscription} with {@code proration} not true.
     */
    private static boolean isRecurringSubscriptionLine(JsonObject line) {
        String parentType = text(line, "parent", "type");
        if (parentType != null) {
            return parentType.equals("subscription_item_details")
                    && !Boolean.TRUE.equals(bool(line, "parent", "subscription_item_details", "proration"));
        }
        String lineType = text(line, "type");
        return "subscription".equals(lineType) && !Boolean.TRUE.equals(bool(line, "proration"));
    }

    /** Invoice subscription: dahlia's {@code parent.subscription_details}, then older places. */
    private static String invoiceSubscription(JsonObject invoice) {
        return first(
                () -> id(invoice, "parent", "subscription_details", "subscription"),
                () -> id(invoice, "subscription"),
                () -> {
                    for (JsonObject line : listData(invoice, "lines")) {
                        String sub = first(
                                () -> id(line, "parent", "subscription_item_details", "subscription"),
                                () -> id(line, "subscription"));
                        if (sub != null) {
                            return sub;
                        }
                    }
                    return null;
                });
    }

    private static BillingEvent subscriptionChanged(String eventId, String type, BillingEventKind kind,
                                                    Instant created, String payload, JsonObject o) {
        List<JsonObject> items = listData(o, "items");
        JsonObject firstItem = items.isEmpty() ? null : items.get(0);
        String priceId = first(
                () -> firstItem == null ? null : id(firstItem, "price"),
                () -> firstItem == null ? null : id(firstItem, "plan"),
                () -> id(o, "plan"));
        Instant currentPeriodEnd = first(
                () -> firstItem == null ? null : epochSeconds(firstItem, "current_period_end"), // basil and later
                () -> epochSeconds(o, "current_period_end"));                                    // older
        return new BillingEvent.SubscriptionChanged(eventId, type, created, payload, text(o, "id"),
                id(o, "customer"), StripeStatuses.subscription(text(o, "status")), priceId, bool(o, "cancel_at_period_end"),
                epochSeconds(o, "cancel_at"), currentPeriodEnd, metadata(o, "metadata"), kind);
    }

    private static BillingEvent chargeRefunded(String eventId, String type, Instant created, String payload,
                                               JsonObject o) {
        List<BillingEvent.Refund> refunds = new ArrayList<>();
        for (JsonObject refund : listData(o, "refunds")) {
            refunds.add(new BillingEvent.Refund(text(refund, "id"), whole(refund, "amount")));
        }
        return new BillingEvent.ChargeRefunded(eventId, type, created, payload, text(o, "id"),
                id(o, "payment_intent"), whole(o, "amount"), whole(o, "amount_refunded"), refunds,
                metadata(o, "metadata"), id(o, "invoice"));
    }

    private static BillingEvent chargeDispute(String eventId, String type, BillingEventKind kind, Instant created,
                                              String payload, JsonObject o) {
        return new BillingEvent.ChargeDispute(eventId, type, created, payload, text(o, "id"), id(o, "charge"),
                id(o, "payment_intent"), whole(o, "amount"), StripeStatuses.dispute(text(o, "status")), kind);
    }

    /**
     * {@code data.object}, which must be an object; if it names its kind ({@code "object"}),
     * the kind must be the one the event type carries.
     */
    private static JsonObject dataObject(JsonObject envelope, String expectedKind) {
        JsonObject o = StripeJson.object(envelope, "data", "object");
        if (o == null) {
            throw new StripeJson.BadField("data.object is missing");
        }
        String kind = text(o, "object");
        if (kind != null && !kind.equals(expectedKind)) {
            throw new StripeJson.BadField("data.object is a " + kind + ", expected " + expectedKind);
        }
        return o;
    }

    private static String utf8(byte[] rawBody) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(rawBody))
                    .toString();
        } catch (CharacterCodingException e) {
            throw unparsable("body is not UTF-8");
        }
    }

    /** The header's {@code t} value; a header without a readable one is a bad signature. */
    private static long signedTimestamp(String header) {
        for (String part : header.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                try {
                    return Long.parseLong(kv[1].trim());
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new WebhookSignatureException(Reason.BAD_SIGNATURE, "Stripe-Signature header has no timestamp");
    }

    private static WebhookSignatureException unparsable(String message) {
        return new WebhookSignatureException(Reason.UNPARSABLE_BODY, message);
    }
}
