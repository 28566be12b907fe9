package dev.creditline.application.service;

import dev.creditline.application.port.in.events.WebhookDeliveriesUseCase;
import dev.creditline.domain.event.WebhookDelivery;
import dev.creditline.application.port.out.events.WebhookDeliveryRepository;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.event.EventType;
import dev.creditline.domain.event.WebhookNotFoundException;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;

/** The admin's list of webhook deliveries and manual retry (docs/events.md "Admin API"). */
public final class WebhookDeliveryService implements WebhookDeliveriesUseCase {

    /** The delivery states. */
    public static final Set<String> STATUSES = Set.of("pending", "delivered", "failed");

    private final WebhookDeliveryRepository deliveries;
    private final Clock clock;

    public WebhookDeliveryService(WebhookDeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public DeliveryPage list(String status, UUID endpointId, String eventType, int limit, int offset) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ValidationException("status", "must be pending, delivered or failed");
        }
        if (eventType != null && EventType.fromWire(eventType).isEmpty()) {
            throw new ValidationException("eventType", "is not an event type (docs/events.md lists them)");
        }
        return new DeliveryPage(deliveries.list(status, endpointId, eventType, limit, offset),
                deliveries.count(status, endpointId, eventType));
    }

    @Override
    public WebhookDelivery retry(UUID id) {
        return deliveries.retry(id, clock.instant())
                .orElseThrow(() -> new WebhookNotFoundException("webhook delivery " + id));
    }
}
