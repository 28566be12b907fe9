package dev.creditline.bootstrap;

import dev.creditline.application.port.out.events.WebhookSender;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@link WebhookSender} on the JDK's {@code java.net.http} client, in the Standard Webhooks format
 * (events.md "Delivery format"): {@code webhook-id}, {@code webhook-timestamp} (Unix seconds of
 * the attempt) and {@code webhook-signature} = space-separated {@code v1,<base64 HMAC-SHA256>} over
 * {@code <id>.<timestamp>.<body>}, one per secret, the key being the base64-decoded part of the
 * secret after {@code whsec_}. Redirects are never followed (a 3xx is a failed attempt); an
 * attempt gives up after the timeout (10 s).
 */
final class StandardWebhookSender implements WebhookSender {

    /** How long an attempt may take, connection and answer included. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final Duration timeout;

    StandardWebhookSender() {
        this(TIMEOUT);
    }

    StandardWebhookSender(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public Outcome send(String url, String eventId, String body, List<String> secrets, Instant at) {
        long timestamp = at.getEpochSecond();
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Creditline-Webhooks/1")
                    .header("webhook-id", eventId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signatureHeader(secrets, eventId, timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int code = response.statusCode();
            return new Outcome(code, code >= 200 && code < 300 ? null : "answered HTTP " + code, millisSince(start),
                    timestamp);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, "no answer within " + timeout.toSeconds() + " s", millisSince(start), timestamp);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, "connection failed: " + e, millisSince(start), timestamp);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted (service stopping)", millisSince(start), timestamp);
        }
    }

    /** The {@code webhook-signature} value: one {@code v1,<base64>} per secret, space-separated. */
    static String signatureHeader(List<String> secrets, String eventId, long timestamp, String body) {
        return secrets.stream().map(s -> sign(s, eventId, timestamp, body)).collect(Collectors.joining(" "));
    }

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code <id>.<timestamp>.<body>} under the secret's key. */
    static String sign(String secret, String eventId, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((eventId + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /**
     * The key of a {@code whsec_<base64>} secret.
     *
     * @throws IllegalArgumentException when the secret is not of that form
     */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a webhook secret starts with whsec_");
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        if (key.length == 0) {
            throw new IllegalArgumentException("a webhook secret's key is empty");
        }
        return key;
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
