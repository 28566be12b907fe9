package dev.creditline.stripe;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link StripePaymentGateway} reaches Stripe (spec: billing.md, {@code STRIPE_SECRET_KEY},
 * {@code STRIPE_API_BASE}).
 *
 * @param secretKey         {@code STRIPE_SECRET_KEY} ({@code sk_...} or {@code rk_...}); not blank.
 *                          Never printed: {@link #toString()} masks it.
 * @param apiBase           {@code STRIPE_API_BASE}, e.g. {@code http://127.0.0.1:PORT} for a test
 *                          stub; {@code null} or blank means Stripe's own
 *                          ({@code https://api.stripe.com}). Also used as the connect and
 *                          files base so no call escapes to the internet in tests.
 * @param maxNetworkRetries stripe-java's automatic retries of failed calls (connection errors,
 *                          409, 429/5xx that Stripe marks retryable); retries reuse the same
 *                          idempotency key. 0 disables.
 * @param connectTimeout    TCP connect timeout
 * @param readTimeout       read timeout per attempt
 */
public record StripeSettings(String secretKey, String apiBase, int maxNetworkRetries,
                             Duration connectTimeout, Duration readTimeout) {

    /** Defaults: 2 retries, 10 s connect timeout, 30 s read timeout. */
    public static final int DEFAULT_MAX_NETWORK_RETRIES = 2;

    /** Validates the settings. */
    public StripeSettings {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Stripe secret key must not be blank");
        }
        if (maxNetworkRetries < 0) {
            throw new IllegalArgumentException("maxNetworkRetries must not be negative");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (apiBase != null && apiBase.isBlank()) {
            apiBase = null;
        }
        if (apiBase != null && apiBase.endsWith("/")) {
            apiBase = apiBase.substring(0, apiBase.length() - 1);
        }
    }

    /**
     * Settings with default retries and timeouts.
     *
     * @param secretKey the secret key, not blank
     * @param apiBase   API base URL or {@code null} for Stripe's
     * @return the settings
     */
    public static StripeSettings of(String secretKey, String apiBase) {
        return new StripeSettings(secretKey, apiBase, DEFAULT_MAX_NETWORK_RETRIES,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * The same settings with another retry count.
     *
     * @param retries automatic retries, 0 disables
     * @return a copy
     */
    public StripeSettings withMaxNetworkRetries(int retries) {
        return new StripeSettings(secretKey, apiBase, retries, connectTimeout, readTimeout);
    }

    /** Masks the secret key: only the mode prefix is shown. */
    @Override
    public String toString() {
        String prefix = secretKey.startsWith("sk_live") || secretKey.startsWith("rk_live") ? "live" : "test";
        return "StripeSettings[secretKey=<" + prefix + " key, hidden>, apiBase=" + apiBase
                + ", maxNetworkRetries=" + maxNetworkRetries + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + "]";
    }
}
