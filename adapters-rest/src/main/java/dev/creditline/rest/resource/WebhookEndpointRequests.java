package dev.creditline.rest.resource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.EndpointAndSecret;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.EndpointChange;
import dev.creditline.application.port.in.events.ManageWebhookEndpointsUseCase.NewEndpoint;
import dev.creditline.domain.event.WebhookDelivery;
import dev.creditline.domain.event.WebhookEndpoint;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.EventType;
import dev.creditline.rest.json.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Request and response shapes of the webhook admin API (docs/events.md "Admin API"). Every parse
 * error names the field.
 */
final class WebhookEndpointRequests {

    /** Most event types one request may list. */
    static final int MAX_EVENT_TYPES = 50;

    private WebhookEndpointRequests() {
    }

    /** {@code POST /api/admin/webhook-endpoints {url, eventTypes?, description?}}. */
    record CreateEndpointRequest(String url, List<String> eventTypes, String description) {

        static CreateEndpointRequest parse(JsonNode body) {
            JsonFields f = JsonFields.of(body);
            String url = f.requireText("url");
            return new CreateEndpointRequest(url, eventTypesOf(body).orElse(List.of()),
                    f.optionalText("description").orElse(null));
        }

        NewEndpoint command() {
            return new NewEndpoint(url, eventTypes, description);
        }
    }

    /** {@code PATCH /api/admin/webhook-endpoints/{id} {url?, eventTypes?, description?, enabled?, rotateSecret?}}. */
    record UpdateEndpointRequest(String url, List<String> eventTypes, String description, Boolean enabled,
                                 boolean rotateSecret) {

        static UpdateEndpointRequest parse(JsonNode body) {
            JsonFields f = JsonFields.of(body);
            Optional<String> url = f.optionalText("url");
            if (body.has("url") && url.isEmpty()) {
                throw new ValidationException("url", "must be a URL (it cannot be removed)");
            }
            return new UpdateEndpointRequest(url.orElse(null), eventTypesOf(body).orElse(null),
                    body.has("description") ? f.optionalText("description").orElse("") : null,
                    bool(body, "enabled").orElse(null), bool(body, "rotateSecret").orElse(false));
        }

        EndpointChange command() {
            return new EndpointChange(url, eventTypes, description, enabled, rotateSecret);
        }
    }

    /** An endpoint without its secrets; {@code secret} only right after a create or a rotation. */
    record EndpointResponse(UUID id, String url, String description, List<String> eventTypes, boolean enabled,
                            String disabledReason, int consecutiveFailures, String source,
                            Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

        static EndpointResponse of(WebhookEndpoint e) {
            return of(e, Optional.empty());
        }

        static EndpointResponse of(EndpointAndSecret e) {
            return of(e.endpoint(), e.newSecret());
        }

        private static EndpointResponse of(WebhookEndpoint e, Optional<String> secret) {
            List<String> types = e.eventTypes().stream().sorted().map(EventType::wireName).toList();
            Instant previousUntil = e.previousSecret() == null ? null : e.previousSecretExpiresAt();
            return new EndpointResponse(e.id(), e.url(), e.description(), types, e.enabled(), e.disabledReason(),
                    e.consecutiveFailures(), e.source(), previousUntil, e.createdAt(), e.updatedAt(), secret.orElse(null));
        }
    }

    /** {@code {items, total}} of endpoints. */
    record EndpointList(List<EndpointResponse> items, int total) {
    }

    /** {@code {id, deleted}}. */
    record EndpointDeleted(UUID id, boolean deleted) {
    }

    /** A delivery of the admin list. */
    record DeliveryResponse(UUID id, String eventId, String eventType, long sequence, UUID userId, UUID endpointId,
                            String status, int attempts, Instant nextAttemptAt, Instant lastAttemptAt,
                            Integer lastStatusCode, String lastError, Instant deliveredAt, Instant createdAt) {

        static DeliveryResponse of(WebhookDelivery d) {
            return new DeliveryResponse(d.id(), d.eventId(), d.eventType(), d.sequence(), d.userId(), d.endpointId(),
                    d.status(), d.attempts(), d.nextAttemptAt(), d.lastAttemptAt(), d.lastStatusCode(), d.lastError(),
                    d.deliveredAt(), d.createdAt());
        }
    }

    /** {@code {items, total}} of deliveries. */
    record DeliveryList(List<DeliveryResponse> items, long total) {
    }

    /** {@code eventTypes}: absent or null → empty; else an array of strings. */
    private static Optional<List<String>> eventTypesOf(JsonNode body) {
        JsonNode v = body.get("eventTypes");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            throw new ValidationException("eventTypes", "must be an array of event type names");
        }
        if (v.size() > MAX_EVENT_TYPES) {
            throw new ValidationException("eventTypes", "must list at most " + MAX_EVENT_TYPES + " types");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode t : v) {
            if (!t.isTextual()) {
                throw new ValidationException("eventTypes", "must contain only event type names (strings)");
            }
            out.add(t.textValue());
        }
        return Optional.of(out);
    }

    private static Optional<Boolean> bool(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new ValidationException(name, "must be true or false");
        }
        return Optional.of(v.booleanValue());
    }
}
