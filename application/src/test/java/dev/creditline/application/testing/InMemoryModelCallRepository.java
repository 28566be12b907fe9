package dev.creditline.application.testing;

import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.domain.metering.ModelCall;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * {@link ModelCallRepository} on {@link InMemoryDatabase}; held to {@code UsageStatsRepositoryContractTest}.
 * As the foreign key and the stats trigger of {@code model_calls} do, an insert needs the user to
 * exist and forgets the user's cached stats periods that contain the call's hour.
 */
public final class InMemoryModelCallRepository implements ModelCallRepository {

    private final InMemoryDatabase db;

    public InMemoryModelCallRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public void insert(ModelCall call) {
        db.inTransaction(() -> {
            var t = db.tables();
            if (!t.users.containsKey(call.userId())) {
                throw new IllegalStateException("model_calls violates its foreign key: no user " + call.userId());
            }
            if (t.modelCalls.stream().anyMatch(c -> c.userId().equals(call.userId()) && c.id().equals(call.id()))) {
                throw new IllegalStateException("model_calls violates its primary key: " + call.id());
            }
            t.modelCalls.add(call);
            var hour = call.callTime().truncatedTo(ChronoUnit.HOURS);
            t.statPeriods.keySet().removeIf(p -> p.userId().equals(call.userId()) && !p.start().isAfter(hour)
                    && p.start().isAfter(hour.minus(Duration.ofHours(26))) && p.end().isAfter(hour));
        });
    }

    /** Test hook: the user's calls in insertion order. */
    public List<ModelCall> calls(UUID userId) {
        return db.inTransaction(() -> db.tables().modelCalls.stream().filter(c -> c.userId().equals(userId)).toList());
    }
}
