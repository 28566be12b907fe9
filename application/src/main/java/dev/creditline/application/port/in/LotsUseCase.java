package dev.creditline.application.port.in;

import dev.creditline.domain.lot.Lot;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A user's lots as shown to them (docs/lots.md {@code GET /api/credits/lots}). */
public interface LotsUseCase {

    /** Credits due to expire within this many days are "expiring soon". */
    int EXPIRING_SOON_DAYS = 7;

    /**
     * Applies due expiries first, then reads.
     *
     * @throws dev.creditline.domain.user.UserNotFoundException for an unknown user
     */
    LotsView lots(UUID userId);

    /**
     * The credits of active lots expiring within {@link #EXPIRING_SOON_DAYS} days, and the
     * earliest such expiry (null when none).
     */
    ExpiringSoon expiringSoon(UUID userId);

    /**
     * The lot each grant entry of the user made (any status), by entry id; an entry that made no
     * lot is absent (docs/lots.md: {@code /api/user/credit/grants} items).
     */
    Map<Long, Lot> lotsOfGrants(UUID userId, Collection<Long> entryIds);

    /**
     * @param lots         active lots in burn order
     * @param expiringSoon credits leaving within 7 days
     * @param debt         credits owed, &gt;= 0
     */
    record LotsView(List<Lot> lots, ExpiringSoon expiringSoon, long debt) {
    }

    /**
     * @param credits    credits of active lots expiring within 7 days
     * @param nextExpiry UTC instant of the earliest of those expiries, or null
     * @param debt       the user's debt in credits
     */
    record ExpiringSoon(long credits, Instant nextExpiry, long debt) {
    }
}
