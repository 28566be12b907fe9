package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.events.EventData;
import dev.creditline.application.port.out.events.ExpiringLotNotices;
import dev.creditline.application.port.out.events.InMemoryEventOutbox;
import dev.creditline.domain.event.EventType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** lot.expiring with the in-memory outbox: once per lot, only within the notice period. */
class LotExpiryNoticeServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void each_lot_expiring_within_the_notice_period_is_told_once() {
        UUID user = UUID.randomUUID();
        List<EventData.LotJson> lots = new ArrayList<>(List.of(
                lot(1, NOW.plus(Duration.ofDays(2))), lot(2, NOW.plus(Duration.ofDays(8))), lot(3, NOW.minusSeconds(1))));
        List<Long> noticed = new ArrayList<>();
        ExpiringLotNotices port = new ExpiringLotNotices() {
            @Override
            public List<UUID> usersToNotice(Instant now, Instant until, int max) {
                return lots.stream().anyMatch(l -> due(l, now, until)) ? List.of(user) : List.of();
            }

            @Override
            public List<EventData.LotJson> markNoticed(UUID userId, Instant now, Instant until) {
                List<EventData.LotJson> due = lots.stream().filter(l -> due(l, now, until)).toList();
                due.forEach(l -> noticed.add(l.id()));
                return due;
            }

            private boolean due(EventData.LotJson l, Instant now, Instant until) {
                return !noticed.contains(l.id()) && l.expiresAt().isAfter(now) && !l.expiresAt().isAfter(until);
            }
        };
        InMemoryEventOutbox outbox = new InMemoryEventOutbox();
        TransactionPort tx = new TransactionPort() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
        LotExpiryNoticeService service = new LotExpiryNoticeService(tx, port, outbox, Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofDays(7));
        assertThat(service.noticeExpiringLots(10)).isEqualTo(1);
        assertThat(service.noticeExpiringLots(10)).isZero();
        assertThat(outbox.ofType(EventType.LOT_EXPIRING)).singleElement().satisfies(e -> {
            assertThat(e.userId()).isEqualTo(user);
            assertThat(((EventData.LotExpiring) e.data()).lot().id()).isEqualTo(1);
        });
    }

    private static EventData.LotJson lot(long id, Instant expiresAt) {
        return new EventData.LotJson(id, "promotion", 100, 100, 10, expiresAt, "active", NOW, "grant", "g" + id);
    }
}
