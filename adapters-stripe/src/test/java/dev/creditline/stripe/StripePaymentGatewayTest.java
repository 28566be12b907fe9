package dev.creditline.stripe;

import dev.creditline.application.port.out.billing.CheckoutPaymentStatus;
import dev.creditline.application.port.out.billing.CheckoutSessionState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.creditline.domain.billing.CheckoutSession;
import dev.creditline.application.port.out.billing.CheckoutSessionStatus;
import dev.creditline.application.port.out.billing.PackCheckoutRequest;
import dev.creditline.application.port.out.billing.PaymentGatewayException;
import dev.creditline.application.port.out.billing.SubscriptionCheckoutRequest;
import dev.creditline.stripe.testing.StripeStub;
import dev.creditline.stripe.testing.StripeStub.Failure;
import dev.creditline.stripe.testing.StripeStub.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec: billing.md "Outgoing calls"; lessons.md 8 and 12. */
class StripePaymentGatewayTest {

    private static final String KEY = "sk_test_51FakeKeyForTheStubOnly0123456789abcdef";
    private static final String FRONTEND = "https://app.example.com";

    private StripeStub stub;
    private StripePaymentGateway gateway;

    private final UUID userId = UUID.fromString("7b0f5a4e-3c1d-4d8e-9f21-0a1b2c3d4e5f");

    @BeforeEach
    void start() {
        stub = StripeStub.start();
        gateway = new StripePaymentGateway(StripeSettings.of(KEY, stub.baseUrl()).withMaxNetworkRetries(0));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private PackCheckoutRequest pack(String customerId, String frontendUrl) {
        return new PackCheckoutRequest(userId, "starter", 50_000, "price_starter", customerId, frontendUrl,
                "pack_checkout_11111111-2222-3333-4444-555555555555");
    }

    @Test
    void createCustomerSendsEmailUserIdMetadataApiKeyAndIdempotencyKey() {
        String customerId = gateway.createCustomer(userId, "ada@example.com", "customer_" + userId);

        assertThat(customerId).startsWith("cus_");
        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/customers");
        assertThat(r.param("email")).isEqualTo("ada@example.com");
        assertThat(r.param("metadata[user_id]")).isEqualTo(userId.toString());
        assertThat(r.idempotencyKey()).isEqualTo("customer_" + userId);
        assertThat(r.authorization()).isEqualTo("Bearer " + KEY);
    }

    @Test
    void packCheckoutIsPaymentModeWithOnePriceUserReferenceMetadataOnSessionAndPaymentIntentAndBillingUrls() {
        CheckoutSession session = gateway.createPackCheckout(pack(null, FRONTEND));

        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(r.param("mode")).isEqualTo("payment");
        assertThat(r.param("line_items[0][price]")).isEqualTo("price_starter");
        assertThat(r.param("line_items[0][quantity]")).isEqualTo("1");
        assertThat(r.param("client_reference_id")).isEqualTo(userId.toString());
        assertThat(r.param("metadata[credits]")).isEqualTo("50000");
        assertThat(r.param("metadata[pack_id]")).isEqualTo("starter");
        assertThat(r.param("metadata[user_id]")).isEqualTo(userId.toString());
        assertThat(r.param("payment_intent_data[metadata][credits]")).isEqualTo("50000");
        assertThat(r.param("payment_intent_data[metadata][pack_id]")).isEqualTo("starter");
        assertThat(r.param("payment_intent_data[metadata][user_id]")).isEqualTo(userId.toString());
        assertThat(r.param("success_url"))
                .isEqualTo("https://app.example.com/billing?success=1&session_id={CHECKOUT_SESSION_ID}");
        assertThat(r.param("cancel_url")).isEqualTo("https://app.example.com/billing?canceled=1");
        assertThat(r.params()).doesNotContainKey("customer");
        assertThat(r.idempotencyKey()).isEqualTo("pack_checkout_11111111-2222-3333-4444-555555555555");

        assertThat(session.id()).startsWith("cs_test_");
        assertThat(session.url()).isEqualTo("https://checkout.stripe.com/c/pay/" + session.id());
        assertThat(session.expiresAt()).isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(60));
    }

    @Test
    void packCheckoutIgnoresATrailingSlashOnTheFrontendUrlAndSendsAKnownCustomer() {
        gateway.createPackCheckout(pack("cus_known", FRONTEND + "/"));

        RecordedRequest r = stub.lastRequest();
        assertThat(r.param("success_url"))
                .isEqualTo("https://app.example.com/billing?success=1&session_id={CHECKOUT_SESSION_ID}");
        assertThat(r.param("cancel_url")).isEqualTo("https://app.example.com/billing?canceled=1");
        assertThat(r.param("customer")).isEqualTo("cus_known");
    }

    @Test
    void subscriptionCheckoutIsSubscriptionModeForTheCustomerWithMetadataOnSessionAndSubscriptionAndAttemptKey() {
        UUID attempt = UUID.fromString("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        CheckoutSession session = gateway.createSubscriptionCheckout(
                new SubscriptionCheckoutRequest(userId, "pro", "price_pro_monthly", "cus_123", attempt, FRONTEND));

        RecordedRequest r = stub.lastRequest();
        assertThat(r.path()).isEqualTo("/v1/checkout/sessions");
        assertThat(r.param("mode")).isEqualTo("subscription");
        assertThat(r.param("customer")).isEqualTo("cus_123");
        assertThat(r.param("line_items[0][price]")).isEqualTo("price_pro_monthly");
        assertThat(r.param("line_items[0][quantity]")).isEqualTo("1");
        assertThat(r.param("client_reference_id")).isEqualTo(userId.toString());
        assertThat(r.param("metadata[plan]")).isEqualTo("pro");
        assertThat(r.param("metadata[user_id]")).isEqualTo(userId.toString());
        assertThat(r.param("metadata[checkout_attempt_id]")).isEqualTo(attempt.toString());
        assertThat(r.param("subscription_data[metadata][plan]")).isEqualTo("pro");
        assertThat(r.param("subscription_data[metadata][user_id]")).isEqualTo(userId.toString());
        assertThat(r.param("subscription_data[metadata][checkout_attempt_id]")).isEqualTo(attempt.toString());
        assertThat(r.param("success_url"))
                .isEqualTo("https://app.example.com/billing?success=1&session_id={CHECKOUT_SESSION_ID}");
        assertThat(r.param("cancel_url")).isEqualTo("https://app.example.com/billing?canceled=1");
        assertThat(r.params()).doesNotContainKey("payment_intent_data[metadata][plan]");
        assertThat(r.idempotencyKey()).isEqualTo("checkout_attempt_aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        assertThat(session.url()).isNotBlank();
    }

    @Test
    void retryingTheSameSubscriptionCheckoutAttemptReusesTheKeyAndGetsTheSameSession() {
        UUID attempt = UUID.randomUUID();
        var request = new SubscriptionCheckoutRequest(userId, "pro", "price_pro_monthly", "cus_123", attempt, FRONTEND);

        CheckoutSession first = gateway.createSubscriptionCheckout(request);
        CheckoutSession second = gateway.createSubscriptionCheckout(request);

        assertThat(second).isEqualTo(first);
        assertThat(stub.requests("POST", "/v1/checkout/sessions"))
                .extracting(RecordedRequest::idempotencyKey)
                .containsExactly("checkout_attempt_" + attempt, "checkout_attempt_" + attempt);
    }

    @Test
    void portalSessionIsForTheCustomerWithTheReturnUrl() {
        String url = gateway.createPortalSession("cus_123", FRONTEND + "/billing");

        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/billing_portal/sessions");
        assertThat(r.param("customer")).isEqualTo("cus_123");
        assertThat(r.param("return_url")).isEqualTo("https://app.example.com/billing");
        assertThat(url).startsWith("https://billing.stripe.com/");
    }

    @Test
    void cancelAtPeriodEndSetsTheFlagWithTheKeyAndReturnsWhenItTakesEffect() {
        Instant periodEnd = Instant.now().plus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
        stub.subscriptionPeriodEnd(periodEnd);

        Instant effective = gateway.cancelAtPeriodEnd("sub_123", "cancel_sub_123_req_1");

        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/v1/subscriptions/sub_123");
        assertThat(r.param("cancel_at_period_end")).isEqualTo("true");
        assertThat(r.idempotencyKey()).isEqualTo("cancel_sub_123_req_1");
        assertThat(effective).isEqualTo(periodEnd);
    }

    @Test
    void cancelNowDeletesTheSubscriptionWithTheKey() {
        gateway.cancelNow("sub_123", "delete_account_" + userId);

        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("DELETE");
        assertThat(r.path()).isEqualTo("/v1/subscriptions/sub_123");
        assertThat(r.idempotencyKey()).isEqualTo("delete_account_" + userId);
    }

    @Test
    void cancelNowFailureIsNeverSwallowed() {
        stub.failNext(Failure.serverError());

        assertThatThrownBy(() -> gateway.cancelNow("sub_123", "delete_account_" + userId))
                .isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void retrieveCheckoutSessionReportsStatusAndPaymentStatus() {
        CheckoutSession created = gateway.createPackCheckout(pack(null, FRONTEND));

        CheckoutSessionStatus open = gateway.retrieveCheckoutSession(created.id());
        stub.completeCheckoutSession(created.id(), "paid");
        CheckoutSessionStatus complete = gateway.retrieveCheckoutSession(created.id());

        assertThat(open).isEqualTo(new CheckoutSessionStatus(created.id(), CheckoutSessionState.OPEN,
                CheckoutPaymentStatus.UNPAID));
        assertThat(open.isOpen()).isTrue();
        assertThat(complete).isEqualTo(new CheckoutSessionStatus(created.id(), CheckoutSessionState.COMPLETE,
                CheckoutPaymentStatus.PAID));
        assertThat(complete.isComplete()).isTrue();
        RecordedRequest r = stub.lastRequest();
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.path()).isEqualTo("/v1/checkout/sessions/" + created.id());
    }

    @Test
    void retrieveCheckoutSessionReportsExpiry() {
        CheckoutSession created = gateway.createPackCheckout(pack(null, FRONTEND));
        stub.expireCheckoutSession(created.id());

        assertThat(gateway.retrieveCheckoutSession(created.id()).isExpired()).isTrue();
    }

    @Test
    void unknownCheckoutSessionIsAGatewayFailureWithTheProviderCode() {
        PaymentGatewayException e = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.retrieveCheckoutSession("cs_test_unknown"));

        assertThat(e.providerStatus()).isEqualTo(404);
        assertThat(e.providerErrorCode()).isEqualTo("resource_missing");
    }

    @Test
    void stripeServerErrorBecomesPaymentGatewayExceptionWithCodeStripeError() {
        stub.failNext(Failure.serverError());

        PaymentGatewayException e = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.createPackCheckout(pack(null, FRONTEND)));

        assertThat(e.code()).isEqualTo("STRIPE_ERROR");
        assertThat(e.providerStatus()).isEqualTo(500);
        assertThat(e.requestId()).startsWith("req_stub_");
        assertThat(e.getMessage()).contains("create pack checkout session").contains("HTTP 500");
    }

    @Test
    void cardErrorBecomesPaymentGatewayExceptionWithTheDeclineCode() {
        stub.failNext(Failure.cardDeclined());

        PaymentGatewayException e = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.createCustomer(userId, "ada@example.com", "customer_" + userId));

        assertThat(e.providerStatus()).isEqualTo(402);
        assertThat(e.providerErrorCode()).isEqualTo("card_declined");
        assertThat(e.getMessage()).contains("Your card was declined.");
    }

    @Test
    void everyCallFailsWhileStripeFails() {
        stub.failAlways(Failure.serverError());
        UUID attempt = UUID.randomUUID();

        assertThatThrownBy(() -> gateway.createCustomer(userId, null, "k1")).isInstanceOf(PaymentGatewayException.class);
        assertThatThrownBy(() -> gateway.createSubscriptionCheckout(
                new SubscriptionCheckoutRequest(userId, "pro", "price_pro", "cus_1", attempt, FRONTEND)))
                .isInstanceOf(PaymentGatewayException.class);
        assertThatThrownBy(() -> gateway.createPortalSession("cus_1", FRONTEND + "/billing"))
                .isInstanceOf(PaymentGatewayException.class);
        assertThatThrownBy(() -> gateway.cancelAtPeriodEnd("sub_1", "k2")).isInstanceOf(PaymentGatewayException.class);
        assertThatThrownBy(() -> gateway.retrieveCheckoutSession("cs_1")).isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void failureMessageNeverContainsTheSecretKey() {
        stub.failNext(Failure.invalidApiKey(KEY));

        PaymentGatewayException e = catchThrowableOfType(PaymentGatewayException.class,
                () -> gateway.createCustomer(userId, null, "customer_" + userId));

        assertThat(e.providerStatus()).isEqualTo(401);
        assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("sk_test_").contains("[redacted]");
        assertThat(e.getCause()).isNull();
        assertThat(e.toString()).doesNotContain(KEY);
    }

    @Test
    void scrubRemovesKeysWebhookSecretsAndClientSecrets() {
        assertThat(gateway.scrub("k sk_live_abc123 r rk_test_x w whsec_abc c cs_test_a1_secret_b2 t Bearer xyz"))
                .isEqualTo("k [redacted] r [redacted] w [redacted] c [redacted] t [redacted]");
    }

    @Test
    void unreadableAnswerIsAGatewayFailure() {
        stub.answerNext(200, "<html>not json</html>");

        assertThatThrownBy(() -> gateway.createPortalSession("cus_1", FRONTEND + "/billing"))
                .isInstanceOf(PaymentGatewayException.class);
    }

    @Test
    void checkoutAnswerWithoutUrlIsAGatewayFailure() {
        stub.answerNext(200, "{\"id\":\"cs_test_1\",\"object\":\"checkout.session\",\"url\":null}");

        assertThatThrownBy(() -> gateway.createPackCheckout(pack(null, FRONTEND)))
                .isInstanceOf(PaymentGatewayException.class)
                .hasMessageContaining("no url");
    }

    @Test
    void unreachableStripeIsAGatewayFailureWithoutStatus() {
        String base = stub.baseUrl();
        stub.close();
        StripePaymentGateway offline = new StripePaymentGateway(
                new StripeSettings(KEY, base, 0, Duration.ofSeconds(2), Duration.ofSeconds(2)));

        PaymentGatewayException e = catchThrowableOfType(PaymentGatewayException.class,
                () -> offline.createCustomer(userId, null, "k"));

        assertThat(e.providerStatus()).isNull();
        assertThat(e.getMessage()).doesNotContain(KEY);
        stub = StripeStub.start();
    }

    @Test
    void automaticRetryAfterAServerErrorResendsTheSameIdempotencyKey() {
        StripePaymentGateway retrying = new StripePaymentGateway(StripeSettings.of(KEY, stub.baseUrl())
                .withMaxNetworkRetries(1));
        stub.failNext(Failure.serverError().withShouldRetry(true));

        String customerId = retrying.createCustomer(userId, null, "customer_" + userId);

        assertThat(customerId).startsWith("cus_");
        assertThat(stub.requests("POST", "/v1/customers"))
                .extracting(RecordedRequest::idempotencyKey)
                .containsExactly("customer_" + userId, "customer_" + userId);
    }

    @Test
    void settingsNeverPrintTheSecretKey() {
        assertThat(StripeSettings.of(KEY, null).toString()).doesNotContain(KEY).doesNotContain("sk_test_51");
    }

    @Test
    void blankKeyIsRefused() {
        assertThatThrownBy(() -> StripeSettings.of(" ", null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static org.assertj.core.data.TemporalUnitOffset within(long seconds) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(seconds, ChronoUnit.SECONDS);
    }
}
