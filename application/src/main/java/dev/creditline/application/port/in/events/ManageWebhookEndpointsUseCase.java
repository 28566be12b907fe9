package dev.creditline.application.port.in.events;

import dev.creditline.domain.event.WebhookEndpoint;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The admin's webhook endpoints (docs/events.md "Admin API"). */
public interface ManageWebhookEndpointsUseCase {

    /**
     * A new endpoint.
     *
     * @param eventTypes wire names; null or empty = every type
     */
    record NewEndpoint(String url, List<String> eventTypes, String description) {
    }

    /**
     * A change; a null component leaves the field as it is.
     *
     * @param rotateSecret true makes a new secret; the old one keeps signing for the rotation grace period
     */
    record EndpointChange(String url, List<String> eventTypes, String description, Boolean enabled,
                          boolean rotateSecret) {
    }

    /**
     * An endpoint and, right after a create or a rotation, its new secret (shown once).
     */
    record EndpointAndSecret(WebhookEndpoint endpoint, Optional<String> newSecret) {
    }

    /**
     * Checks and stores a new endpoint with a fresh secret.
     *
     * @throws dev.creditline.domain.ValidationException naming {@code url}, {@code eventTypes} or
     *         {@code description}; nothing is stored
     */
    EndpointAndSecret create(NewEndpoint endpoint);

    List<WebhookEndpoint> list();

    /** @throws dev.creditline.domain.event.WebhookNotFoundException unknown id */
    WebhookEndpoint get(UUID id);

    /**
     * Applies a change; enabling resets the failure streak.
     *
     * @throws dev.creditline.domain.ValidationException as {@link #create}
     * @throws dev.creditline.domain.event.WebhookNotFoundException unknown id
     */
    EndpointAndSecret update(UUID id, EndpointChange change);

    /**
     * Deletes the endpoint and its deliveries.
     *
     * @throws dev.creditline.domain.event.WebhookNotFoundException unknown id
     */
    void delete(UUID id);
}
