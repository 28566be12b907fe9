package dev.creditline.application.port.out.events;

import dev.creditline.domain.event.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The stored webhook endpoints. */
public interface WebhookEndpointRepository {

    void insert(WebhookEndpoint endpoint);

    /** Every endpoint, oldest first. */
    List<WebhookEndpoint> list();

    Optional<WebhookEndpoint> find(UUID id);

    /** Replaces the endpoint's changeable fields with {@code endpoint}'s; false when it is gone. */
    boolean update(WebhookEndpoint endpoint);

    /** Deletes the endpoint and its deliveries; false when it did not exist. */
    boolean delete(UUID id);

    /**
     * Creates or rewrites the {@code config} endpoint {@code id} ({@code WEBHOOK_URL}): url and
     * secret from the configuration, every event type. A changed secret keeps the old one signing
     * until {@code previousUntil}. An endpoint disabled by failures stays disabled.
     */
    void upsertConfigured(UUID id, String url, String secret, Instant previousUntil, Instant now);

    /** Disables the {@code config} endpoint {@code id} (WEBHOOK_URL unset), if it exists. */
    void disableConfigured(UUID id, String reason, Instant now);
}
