package dev.creditline.stripe.testing;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Stripe's own published example objects (API version {@code 2026-07-29.dahlia}), copied
 * unchanged from {@code stripe/openapi} {@code fixtures3.json} into
 * {@code src/test/resources/stripe/} (see the README there). Each call returns a fresh,
 * mutable copy so a test can change ids, amounts, metadata, mode, status and so on.
 */
public final class StripeFixtures {

    private StripeFixtures() {
    }

    /** {@code checkout.session} object. */
    public static JsonObject checkoutSession() {
        return load("checkout_session");
    }

    /** {@code invoice} object. */
    public static JsonObject invoice() {
        return load("invoice");
    }

    /** {@code subscription} object. */
    public static JsonObject subscription() {
        return load("subscription");
    }

    /** {@code charge} object. */
    public static JsonObject charge() {
        return load("charge");
    }

    /** {@code refund} object. */
    public static JsonObject refund() {
        return load("refund");
    }

    /** {@code customer} object. */
    public static JsonObject customer() {
        return load("customer");
    }

    /** {@code billing_portal.session} object. */
    public static JsonObject billingPortalSession() {
        return load("billing_portal_session");
    }

    /**
     * Loads {@code /stripe/<name>.json} from the classpath.
     *
     * @param name file name without {@code .json}
     * @return a fresh parsed copy
     */
    public static JsonObject load(String name) {
        String resource = "/stripe/" + name + ".json";
        try (InputStream in = StripeFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return JsonParser.parseString(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
