package dev.creditline.application.port.out.events;

import dev.creditline.domain.event.WebhookDelivery;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The dispatcher's and the admin API's view of deliveries. Every method is one transaction (or
 * joins the caller's).
 */
public interface WebhookDeliveryRepository {

    /**
     * Takes up to {@code max} outbox events not fanned out yet ({@code FOR UPDATE SKIP LOCKED}),
     * creates one pending delivery per enabled endpoint subscribed to each event's type, due
     * {@code now}, and marks the events fanned out.
     *
     * @return the number of events fanned out
     */
    int fanOut(Instant now, int max);

    /**
     * Leases up to {@code max} pending deliveries due at {@code now} of enabled endpoints
     * ({@code FOR UPDATE SKIP LOCKED}, lease not held by anyone else) until {@code leaseUntil},
     * counting the attempt, earliest due first, so that no endpoint has more than
     * {@code perEndpoint} unexpired leases afterwards (those of every dispatcher count).
     */
    List<ClaimedDelivery> claimDue(Instant now, Instant leaseUntil, int max, int perEndpoint);

    /**
     * Records an attempt of a delivery still leased by {@code claim}: the attempt row, then the
     * delivery {@code delivered} (and the endpoint's failure streak reset), pending again at
     * {@code retryAt}, or {@code failed} when {@code retryAt} is empty (the endpoint's streak
     * grows; at {@code disableAfter} the endpoint is disabled).
     *
     * @return false when the lease was lost (nothing recorded)
     */
    boolean record(ClaimedDelivery claim, WebhookSender.Outcome outcome, Instant at, Optional<Instant> retryAt,
                   int disableAfter);

    /**
     * Deliveries newest first, filtered by the non-null arguments.
     */
    List<WebhookDelivery> list(String status, UUID endpointId, String eventType, int limit, int offset);

    /** How many deliveries the same filter matches. */
    long count(String status, UUID endpointId, String eventType);

    Optional<WebhookDelivery> find(UUID id);

    /**
     * Makes a delivery pending and due {@code now} with a fresh retry window.
     *
     * @return the delivery after the change; empty when it does not exist
     */
    Optional<WebhookDelivery> retry(UUID id, Instant now);
}
