package dev.creditline.application.port.out.events;

import java.time.Instant;
import java.util.List;

/**
 * Sends one signed webhook request (Standard Webhooks). Never called inside a database transaction.
 */
public interface WebhookSender {

    /**
     * The outcome of one attempt.
     *
     * @param statusCode the HTTP status, or null when no answer came (timeout, connection error)
     * @param error      why it did not succeed, or null on a 2xx
     * @param durationMs how long the attempt took
     * @param timestamp  the {@code webhook-timestamp} sent (Unix seconds)
     */
    record Outcome(Integer statusCode, String error, long durationMs, long timestamp) {

        /** Whether the receiver accepted the event (2xx). */
        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * POSTs {@code body} to {@code url} with {@code webhook-id: eventId}, {@code webhook-timestamp: at}
     * and one {@code v1,} signature per secret; never follows redirects.
     */
    Outcome send(String url, String eventId, String body, List<String> secrets, Instant at);
}
