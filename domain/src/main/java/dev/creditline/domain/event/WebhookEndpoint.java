package dev.creditline.domain.event;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A webhook endpoint (docs/events.md "Endpoints").
 *
 * @param eventTypes              subscribed types; empty = every type
 * @param secret                  {@code whsec_<base64>} signing secret
 * @param previousSecret          the secret before the last rotation, or null
 * @param previousSecretExpiresAt until when {@code previousSecret} still signs, or null
 * @param disabledReason          why it was disabled (null when enabled)
 * @param consecutiveFailures     deliveries that ended failed in a row
 * @param source                  {@code admin} or {@code config} ({@code WEBHOOK_URL})
 */
public record WebhookEndpoint(UUID id, String url, String description, Set<EventType> eventTypes, String secret,
                              String previousSecret, Instant previousSecretExpiresAt, boolean enabled,
                              String disabledReason, int consecutiveFailures, String source, Instant createdAt,
                              Instant updatedAt) {

    public WebhookEndpoint {
        eventTypes = Set.copyOf(eventTypes);
    }

    /** Whether events of {@code type} go to this endpoint. */
    public boolean subscribes(EventType type) {
        return eventTypes.isEmpty() || eventTypes.contains(type);
    }
}
