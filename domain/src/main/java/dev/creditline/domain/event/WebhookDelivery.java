package dev.creditline.domain.event;

import java.time.Instant;
import java.util.UUID;

/**
 * A delivery of one event to one endpoint, as the admin API lists it.
 *
 * @param status          {@code pending}, {@code delivered} or {@code failed}
 * @param attempts        attempts made so far
 * @param nextAttemptAt   when a pending delivery is attempted next (null otherwise)
 * @param lastStatusCode  the HTTP status of the last attempt, null when none answered
 * @param lastError       the last attempt's error (timeout, connection refused, non-2xx), or null
 */
public record WebhookDelivery(UUID id, UUID userId, String eventId, String eventType, long sequence, UUID endpointId,
                              String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                              Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt) {
}
