package dev.creditline.application.port.out.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The lots {@code lot.expiring} has to tell about, each once. */
public interface ExpiringLotNotices {

    /** Users with an active lot with credits left expiring in {@code (now, until]} not noticed yet. */
    List<UUID> usersToNotice(Instant now, Instant until, int max);

    /**
     * In the caller's transaction: takes the user's row lock (skipping a user locked by someone
     * else, who is retried at the next pass), marks those lots noticed and returns them.
     */
    List<EventData.LotJson> markNoticed(UUID userId, Instant now, Instant until);
}
