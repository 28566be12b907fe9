package dev.creditline.application.port.in;

import dev.creditline.domain.hold.HoldTtl;
import java.time.Instant;
import java.util.UUID;

/**
 * Heartbeat of a streamed call (api.md "Metering", {@code POST /holds/{id}/extend}): moves an open hold's
 * deadline to {@code now + ttl}, never past 24 h after its creation and never earlier than it was.
 */
public interface ExtendHoldUseCase {

    /**
     * @throws dev.creditline.domain.hold.HoldNotFoundException       (404)
     * @throws dev.creditline.domain.hold.HoldAlreadySettledException (409) captured or released
     * @throws dev.creditline.domain.hold.HoldExpiredException        (410) the deadline passed
     */
    HoldExtended extend(UUID holdId, HoldTtl ttl);

    /**
     * @param holdId    the hold
     * @param expiresAt its deadline now (UTC)
     * @param remaining credits it still reserves
     */
    record HoldExtended(UUID holdId, Instant expiresAt, long remaining) {
    }
}
