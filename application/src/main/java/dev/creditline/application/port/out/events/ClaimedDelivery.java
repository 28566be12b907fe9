package dev.creditline.application.port.out.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A delivery a dispatcher leased for one attempt: only the holder of {@code leaseToken} may record
 * its outcome.
 *
 * @param attempt     this attempt's number (1 = first)
 * @param step        failed attempts in the current retry window before this one
 * @param windowStart when the current retry window started
 * @param secrets     the endpoint's signing secrets ({@code whsec_…}), current first
 * @param body        the exact body to send
 */
public record ClaimedDelivery(UUID userId, UUID id, UUID leaseToken, int attempt, int step, Instant windowStart,
                              UUID endpointId, String url, List<String> secrets, String eventId, String body) {

    public ClaimedDelivery {
        secrets = List.copyOf(secrets);
    }
}
