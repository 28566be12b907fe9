package dev.creditline.application.port.in.events;

import dev.creditline.domain.event.WebhookDelivery;
import java.util.List;
import java.util.UUID;

/** The admin's view of webhook deliveries (docs/events.md "Admin API"). */
public interface WebhookDeliveriesUseCase {

    /** A page of deliveries, newest first, and how many match the filter. */
    record DeliveryPage(List<WebhookDelivery> items, long total) {
    }

    /**
     * Deliveries filtered by the non-null arguments.
     *
     * @param status    {@code pending}, {@code delivered} or {@code failed}
     * @param eventType a wire name of an event type
     * @throws dev.creditline.domain.ValidationException naming {@code status} or {@code eventType}
     */
    DeliveryPage list(String status, UUID endpointId, String eventType, int limit, int offset);

    /**
     * Attempts a delivery again now, whatever its status, with a fresh retry window (receivers
     * deduplicate by {@code webhook-id}).
     *
     * @throws dev.creditline.domain.event.WebhookNotFoundException unknown id
     */
    WebhookDelivery retry(UUID id);
}
