package dev.creditline.application.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.alerts.AlertMarks;
import dev.creditline.application.port.out.alerts.BalanceAlertRepository;
import dev.creditline.application.port.out.events.InMemoryEventOutbox;
import dev.creditline.domain.event.EventType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link BalanceAlertService} with in-memory ports: what it stores and emits for a change. */
class BalanceAlertServiceTest {

    private static final UUID USER = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private final FakeMarks marks = new FakeMarks();
    private final InMemoryEventOutbox events = new InMemoryEventOutbox();
    private final List<Long> topUps = new ArrayList<>();
    private final BalanceAlertService service = new BalanceAlertService(new DirectTransactions(), marks, events,
            new long[] {1000}).withTopUps((u, balance, at) -> topUps.add(balance));

    @Test
    void nothing_crossed_stores_and_emits_nothing() {
        service.changed(USER, 5000, 4000, new AlertMarks(null, null, false, 2000L), NOW);
        assertThat(marks.stored).isEmpty();
        assertThat(events.emitted()).isEmpty();
        assertThat(topUps).isEmpty();
    }

    @Test
    void a_crossing_stores_the_mark_emits_low_and_starts_the_top_up() {
        service.changed(USER, 1010, 990, new AlertMarks(null, null, false, 1000L), NOW);
        assertThat(marks.stored).containsExactly("[1000] false");
        assertThat(events.ofType(EventType.CREDITS_LOW)).singleElement()
                .extracting(e -> e.data().toString()).isEqualTo("ThresholdEvent[threshold=1000, balance=990]");
        assertThat(topUps).containsExactly(990L);
    }

    @Test
    void a_refusal_marks_depletion_once() {
        service.refused(USER, 18, 10);
        service.refused(USER, 18, 10);
        assertThat(events.ofType(EventType.CREDITS_DEPLETED)).singleElement()
                .extracting(e -> (Map<?, ?>) e.data()).isEqualTo(Map.of("balance", 10L, "required", 18L));
    }

    /** Runs the work at once (no database). */
    private static final class DirectTransactions implements TransactionPort {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    private static final class FakeMarks implements BalanceAlertRepository {
        final List<String> stored = new ArrayList<>();
        boolean depleted;
        final Map<UUID, long[]> own = new HashMap<>();

        @Override
        public void storeMarks(UUID userId, long[] fired, boolean depleted) {
            stored.add(java.util.Arrays.toString(fired) + " " + depleted);
            this.depleted = depleted;
        }

        @Override
        public Optional<Long> markDepleted(UUID userId) {
            if (depleted) {
                return Optional.empty();
            }
            depleted = true;
            return Optional.of(10L);
        }

        @Override
        public Optional<Thresholds> thresholds(UUID userId) {
            return Optional.of(new Thresholds(own.get(userId)));
        }

        @Override
        public boolean setThresholds(UUID userId, long[] ownThresholds, long[] effective) {
            own.put(userId, ownThresholds);
            return true;
        }
    }
}
