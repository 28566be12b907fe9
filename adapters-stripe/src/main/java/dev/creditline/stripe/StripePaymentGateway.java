package dev.creditline.stripe;

import static dev.creditline.stripe.StripeJson.epochSeconds;
import static dev.creditline.stripe.StripeJson.first;
import static dev.creditline.stripe.StripeJson.listData;

import com.google.gson.JsonObject;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.CheckoutSessionStatus;
import dev.creditline.application.port.out.billing.PackCheckoutRequest;
import dev.creditline.application.port.out.billing.PaymentGateway;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.SubscriptionCheckoutRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentGateway} on stripe-java's {@link StripeClient} (spec: billing.md "Outgoing
 * calls"). Creating and changing calls always send {@link RequestOptions} with the caller's
 * idempotency key; stripe-java's own retries (see {@link StripeSettings#maxNetworkRetries()})
 * resend the same key. Any {@link StripeException} or unreadable answer becomes a
 * {@link PaymentGatewayException} whose message is scrubbed of keys and client secrets.
 *
 * <p>Thread-safe (the underlying client is).
 */
public final class StripePaymentGateway implements PaymentGateway {

    private static final Logger log = LoggerFactory.getLogger(StripePaymentGateway.class);

    /** Checkout success path below FRONTEND_URL; Stripe fills in {@code {CHECKOUT_SESSION_ID}}. */
    static final String SUCCESS_PATH = "/billing?success=1&session_id={CHECKOUT_SESSION_ID}";
    /** Checkout cancel path below FRONTEND_URL. */
    static final String CANCEL_PATH = "/billing?canceled=1";

    private static final Pattern SECRETS = Pattern.compile(
            "\\b(?:sk|rk|pk|whsec)_[A-Za-z0-9_*]+|\\b\\w+_secret_\\w+|Bearer\\s+\\S+");
    private static final int MAX_DETAIL_LENGTH = 300;

    private final StripeClient client;
    private final String secretKey;

    /**
     * Builds a client from the settings:
     * {@code StripeClient.builder().setApiKey(key).setApiBase(base)} (plus connect and files
     * base, retries and timeouts).
     *
     * @param settings key, API base, retries and timeouts
     */
    public StripePaymentGateway(StripeSettings settings) {
        this(buildClient(settings), settings.secretKey());
    }

    /**
     * Uses a ready client (for callers that configure stripe-java themselves).
     *
     * @param client the Stripe client
     */
    public StripePaymentGateway(StripeClient client) {
        this(client, null);
    }

    private StripePaymentGateway(StripeClient client, String secretKey) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretKey = secretKey;
    }

    static StripeClient buildClient(StripeSettings settings) {
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setApiKey(settings.secretKey())
                .setMaxNetworkRetries(settings.maxNetworkRetries())
                .setConnectTimeout(Math.toIntExact(settings.connectTimeout().toMillis()))
                .setReadTimeout(Math.toIntExact(settings.readTimeout().toMillis()));
        if (settings.apiBase() != null) {
            builder.setApiBase(settings.apiBase())
                    .setConnectBase(settings.apiBase())
                    .setFilesBase(settings.apiBase())
                    .setMeterEventsBase(settings.apiBase());
        }
        return builder.build();
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/customers} with {@code email} and {@code metadata[user_id]}.
     */
    @Override
    public String createCustomer(UUID userId, String email, String idempotencyKey) {
        Objects.requireNonNull(userId, "userId");
        requireText(idempotencyKey, "idempotencyKey");
        CustomerCreateParams.Builder params = CustomerCreateParams.builder()
                .putMetadata("user_id", userId.toString());
        if (email != null && !email.isBlank()) {
            params.setEmail(email);
        }
        Customer customer = call("create customer",
                () -> client.v1().customers().create(params.build(), withKey(idempotencyKey)));
        return requirePresent(customer.getId(), "create customer", "id");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/checkout/sessions}: {@code mode=payment},
     * {@code line_items[0][price]}, {@code line_items[0][quantity]=1},
     * {@code client_reference_id}, {@code metadata[credits|pack_id|user_id]},
     * {@code payment_intent_data[metadata][credits|pack_id|user_id]},
     * {@code payment_intent_data[setup_future_usage]=off_session} (saves the card for auto top-up), {@code success_url},
     * {@code cancel_url}, and {@code customer} when the request has one.
     */
    @Override
    public CheckoutSession createPackCheckout(PackCheckoutRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, String> metadata = Map.of(
                "credits", Long.toString(request.credits()),
                "pack_id", request.packId(),
                "user_id", request.userId().toString());
        SessionCreateParams.Builder params = sessionFor(SessionCreateParams.Mode.PAYMENT, request.priceId(),
                request.userId(), metadata, request.frontendUrl())
                .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                        .putAllMetadata(metadata)
                        // Saves the card for auto top-up (events.md "Auto top-up").
                        .setSetupFutureUsage(SessionCreateParams.PaymentIntentData.SetupFutureUsage.OFF_SESSION)
                        .build());
        if (request.customerId() != null && !request.customerId().isBlank()) {
            params.setCustomer(request.customerId());
        }
        Session session = call("create pack checkout session",
                () -> client.v1().checkout().sessions().create(params.build(), withKey(request.idempotencyKey())));
        return toCheckoutSession(session, "create pack checkout session");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/checkout/sessions}: {@code mode=subscription}, {@code customer},
     * {@code line_items[0][price]}, {@code line_items[0][quantity]=1},
     * {@code client_reference_id}, {@code metadata[plan|user_id|checkout_attempt_id]},
     * {@code subscription_data[metadata][plan|user_id|checkout_attempt_id]},
     * {@code success_url}, {@code cancel_url}; idempotency key
     * {@code checkout_attempt_<uuid>}.
     */
    @Override
    public CheckoutSession createSubscriptionCheckout(SubscriptionCheckoutRequest request) {
        Objects.requireNonNull(request, "request");
        Map<String, String> metadata = Map.of(
                "plan", request.planId(),
                "user_id", request.userId().toString(),
                "checkout_attempt_id", request.checkoutAttemptId().toString());
        SessionCreateParams params = sessionFor(SessionCreateParams.Mode.SUBSCRIPTION, request.priceId(),
                request.userId(), metadata, request.frontendUrl())
                .setCustomer(request.customerId())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putAllMetadata(metadata)
                        .build())
                .build();
        Session session = call("create subscription checkout session",
                () -> client.v1().checkout().sessions().create(params, withKey(request.idempotencyKey())));
        return toCheckoutSession(session, "create subscription checkout session");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/billing_portal/sessions} with {@code customer} and {@code return_url}
     * (no idempotency key of ours: a portal session is a short-lived link, creating two is
     * harmless; stripe-java adds its own key for retries).
     */
    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        requireText(customerId, "customerId");
        requireText(returnUrl, "returnUrl");
        com.stripe.param.billingportal.SessionCreateParams params =
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customerId)
                        .setReturnUrl(returnUrl)
                        .build();
        com.stripe.model.billingportal.Session session = call("create billing portal session",
                () -> client.v1().billingPortal().sessions().create(params));
        return requirePresent(session.getUrl(), "create billing portal session", "url");
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/subscriptions/{id}} with {@code cancel_at_period_end=true}. The
     * effective time is read from the answer: {@code cancel_at}, else
     * {@code items.data[0].current_period_end} (dahlia), else the older top-level
     * {@code current_period_end}.
     */
    @Override
    public Instant cancelAtPeriodEnd(String subscriptionId, String idempotencyKey) {
        requireText(subscriptionId, "subscriptionId");
        requireText(idempotencyKey, "idempotencyKey");
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(true).build();
        Subscription subscription = call("cancel subscription at period end",
                () -> client.v1().subscriptions().update(subscriptionId, params, withKey(idempotencyKey)));
        return effectiveEnd(subscription);
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code DELETE /v1/subscriptions/{id}} (no proration or final invoice).
     */
    @Override
    public void cancelNow(String subscriptionId, String idempotencyKey) {
        requireText(subscriptionId, "subscriptionId");
        requireText(idempotencyKey, "idempotencyKey");
        call("cancel subscription now", () -> client.v1().subscriptions()
                .cancel(subscriptionId, SubscriptionCancelParams.builder().build(), withKey(idempotencyKey)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code POST /v1/checkout/sessions/{id}/expire}.
     */
    @Override
    public void expireCheckoutSession(String sessionId, String idempotencyKey) {
        requireText(sessionId, "sessionId");
        requireText(idempotencyKey, "idempotencyKey");
        call("expire checkout session", () -> client.v1().checkout().sessions()
                .expire(sessionId, com.stripe.param.checkout.SessionExpireParams.builder().build(),
                        withKey(idempotencyKey)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>{@code GET /v1/checkout/sessions/{id}}; {@code status} and {@code payment_status} are
     * mapped to their enums ({@link StripeStatuses#checkoutSession},
     * {@link StripeBillingEventVerifier#checkoutPaymentStatus}; null when absent or unknown).
     */
    @Override
    public CheckoutSessionStatus retrieveCheckoutSession(String sessionId) {
        requireText(sessionId, "sessionId");
        Session session = call("retrieve checkout session", () -> client.v1().checkout().sessions().retrieve(sessionId));
        return new CheckoutSessionStatus(
                session.getId() != null ? session.getId() : sessionId,
                StripeStatuses.checkoutSession(session.getStatus()),
                StripeBillingEventVerifier.checkoutPaymentStatus(session.getPaymentStatus()));
    }

    /**
     * What every Checkout Session we create shares: one line item of {@code priceId}, the user as
     * {@code client_reference_id}, our metadata, and the front end's success and cancel URLs.
     */
    private static SessionCreateParams.Builder sessionFor(SessionCreateParams.Mode mode, String priceId, UUID userId,
                                                          Map<String, String> metadata, String frontendUrl) {
        String base = trimSlash(frontendUrl);
        return SessionCreateParams.builder()
                .setMode(mode)
                .addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(priceId)
                        .setQuantity(1L)
                        .build())
                .setClientReferenceId(userId.toString())
                .putAllMetadata(metadata)
                .setSuccessUrl(base + SUCCESS_PATH)
                .setCancelUrl(base + CANCEL_PATH);
    }

    private static CheckoutSession toCheckoutSession(Session session, String operation) {
        String id = requirePresent(session.getId(), operation, "id");
        String url = requirePresent(session.getUrl(), operation, "url");
        Instant expiresAt = session.getExpiresAt() == null ? null : Instant.ofEpochSecond(session.getExpiresAt());
        return new CheckoutSession(id, url, expiresAt);
    }

    private static Instant effectiveEnd(Subscription subscription) {
        JsonObject raw = null;
        try {
            raw = subscription.getRawJsonObject();
        } catch (RuntimeException e) {
            // fall back to the typed model below
        }
        if (raw != null) {
            JsonObject json = raw;
            try {
                Instant fromJson = first(
                        () -> epochSeconds(json, "cancel_at"),
                        () -> {
                            List<JsonObject> items = listData(json, "items");
                            return items.isEmpty() ? null : epochSeconds(items.get(0), "current_period_end");
                        },
                        () -> epochSeconds(json, "current_period_end"));
                if (fromJson != null) {
                    return fromJson;
                }
            } catch (StripeJson.BadField e) {
                throw new PaymentGatewayException("Stripe cancel subscription at period end: unreadable answer ("
                        + e.getMessage() + ")");
            }
        }
        if (subscription.getCancelAt() != null) {
            return Instant.ofEpochSecond(subscription.getCancelAt());
        }
        if (subscription.getItems() != null && subscription.getItems().getData() != null
                && !subscription.getItems().getData().isEmpty()
                && subscription.getItems().getData().get(0).getCurrentPeriodEnd() != null) {
            return Instant.ofEpochSecond(subscription.getItems().getData().get(0).getCurrentPeriodEnd());
        }
        return null;
    }

    @FunctionalInterface
    interface StripeCall<T> {
        T run() throws StripeException;
    }

    /** The client (for the auto top-up calls, {@link StripeTopUpGateway}). */
    StripeClient client() {
        return client;
    }

    /** Runs a Stripe call, translating failures to {@link PaymentGatewayException} (scrubbed, logged). */
    <T> T call(String operation, StripeCall<T> stripeCall) {
        T result;
        try {
            result = stripeCall.run();
        } catch (StripeException e) {
            PaymentGatewayException failure = translate(operation, e);
            log.warn("{}", failure.getMessage());
            throw failure;
        } catch (RuntimeException e) {
            // e.g. an answer stripe-java could not parse
            PaymentGatewayException failure = new PaymentGatewayException(
                    "Stripe " + operation + " failed: unreadable answer (" + e.getClass().getSimpleName() + ")");
            log.warn("{}", failure.getMessage());
            throw failure;
        }
        if (result == null) {
            throw new PaymentGatewayException("Stripe " + operation + " failed: empty answer");
        }
        return result;
    }

    private PaymentGatewayException translate(String operation, StripeException e) {
        String type = e.getStripeError() != null ? e.getStripeError().getType() : null;
        String code = e.getCode();
        String detail = e.getStripeError() != null && e.getStripeError().getMessage() != null
                ? e.getStripeError().getMessage()
                : e.getMessage();
        StringBuilder message = new StringBuilder("Stripe ").append(operation).append(" failed: ")
                .append(e.getClass().getSimpleName());
        if (e.getStatusCode() != null && e.getStatusCode() > 0) {
            message.append(", HTTP ").append(e.getStatusCode());
        }
        if (type != null) {
            message.append(", type ").append(type);
        }
        if (code != null) {
            message.append(", code ").append(code);
        }
        if (e.getRequestId() != null) {
            message.append(", request ").append(e.getRequestId());
        }
        if (detail != null && !detail.isBlank()) {
            message.append(": ").append(scrub(detail));
        }
        Integer status = e.getStatusCode() != null && e.getStatusCode() > 0 ? e.getStatusCode() : null;
        return new PaymentGatewayException(message.toString(), status, code, e.getRequestId());
    }

    /** Removes API keys, webhook secrets, client secrets and bearer tokens; caps the length. */
    String scrub(String text) {
        String out = text;
        if (secretKey != null) {
            out = out.replace(secretKey, "[redacted]");
        }
        out = SECRETS.matcher(out).replaceAll("[redacted]");
        if (out.length() > MAX_DETAIL_LENGTH) {
            out = out.substring(0, MAX_DETAIL_LENGTH) + "...";
        }
        return out;
    }

    static RequestOptions withKey(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static String requirePresent(String value, String operation, String field) {
        if (value == null || value.isBlank()) {
            throw new PaymentGatewayException("Stripe " + operation + " failed: answer has no " + field);
        }
        return value;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static String trimSlash(String url) {
        String out = url.strip();
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}
