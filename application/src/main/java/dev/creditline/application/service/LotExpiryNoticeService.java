package dev.creditline.application.service;

import dev.creditline.application.port.in.events.NoticeExpiringLotsUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.EventOutbox;
import dev.creditline.application.port.out.events.ExpiringLotNotices;
import dev.creditline.domain.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * {@code lot.expiring} (events.md): a lot with credits left that expires within
 * {@code EXPIRY_NOTICE_DAYS} is told about once, in the transaction that marks it noticed.
 */
public final class LotExpiryNoticeService implements NoticeExpiringLotsUseCase {

    private final TransactionPort tx;
    private final ExpiringLotNotices lots;
    private final EventOutbox events;
    private final Clock clock;
    private final Duration notice;

    public LotExpiryNoticeService(TransactionPort tx, ExpiringLotNotices lots, EventOutbox events, Clock clock,
                                  Duration notice) {
        this.tx = tx;
        this.lots = lots;
        this.events = events;
        this.clock = clock;
        this.notice = notice;
    }

    @Override
    public int noticeExpiringLots(int maxUsers) {
        Instant now = clock.instant();
        Instant until = now.plus(notice);
        int noticed = 0;
        for (UUID user : lots.usersToNotice(now, until, maxUsers)) {
            noticed += tx.inTransaction(() -> {
                List<EventData.LotJson> marked = lots.markNoticed(user, now, until);
                marked.forEach(l -> events.emit(user, EventType.LOT_EXPIRING, new EventData.LotExpiring(l)));
                return marked.size();
            });
        }
        return noticed;
    }
}
