package dev.creditline.application.testing;

import dev.creditline.application.port.out.analytics.StatRow;
import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.application.testing.InMemoryDatabase.StatPeriod;
import dev.creditline.domain.analytics.StatsPiece;
import dev.creditline.domain.metering.ModelCall;
import dev.creditline.domain.pricing.CallStatus;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link UsageStatsRepository} on {@link InMemoryDatabase}: the cache is a map of periods to
 * their rows, computed from the model calls {@link InMemoryModelCallRepository} stores (which
 * forgets the periods a new call falls in). Held to {@code UsageStatsRepositoryContractTest}.
 */
public final class InMemoryUsageStatsRepository implements UsageStatsRepository {

    private final InMemoryDatabase db;

    public InMemoryUsageStatsRepository(InMemoryDatabase db) {
        this.db = db;
    }

    @Override
    public CachedRead readCached(UUID userId, Collection<StatsPiece> pieces) {
        return db.inTransaction(() -> {
            Set<StatsPiece> present = new HashSet<>();
            List<StatRow> rows = new ArrayList<>();
            for (StatsPiece p : pieces) {
                List<StatRow> cached = db.tables().statPeriods.get(period(userId, p));
                if (cached != null) {
                    present.add(p);
                    rows.addAll(cached);
                }
            }
            return new CachedRead(present, rows);
        });
    }

    @Override
    public List<StatRow> fill(UUID userId, Collection<StatsPiece> pieces) {
        return db.inTransaction(() -> {
            if (!db.tables().users.containsKey(userId)) {
                throw new UserNotFoundException();
            }
            List<StatRow> rows = new ArrayList<>();
            for (StatsPiece p : pieces) {
                List<StatRow> cached = db.tables().statPeriods.computeIfAbsent(period(userId, p),
                        k -> List.copyOf(rowsOf(Optional.of(userId), p)));
                rows.addAll(cached);
            }
            return rows;
        });
    }

    @Override
    public List<StatRow> compute(Optional<UUID> userId, Collection<StatsPiece> pieces) {
        return db.inTransaction(() -> {
            List<StatRow> rows = new ArrayList<>();
            pieces.forEach(p -> rows.addAll(rowsOf(userId, p)));
            return rows;
        });
    }

    @Override
    public long countRows(UUID userId, Instant from, Instant to, boolean daysOnly) {
        return db.inTransaction(() -> db.tables().statPeriods.entrySet().stream()
                .filter(e -> overlaps(e.getKey(), userId, from, to, daysOnly))
                .mapToLong(e -> e.getValue().size()).sum());
    }

    @Override
    public long delete(UUID userId, Instant from, Instant to, boolean daysOnly) {
        return db.inTransaction(() -> {
            long rows = countRows(userId, from, to, daysOnly);
            db.tables().statPeriods.keySet().removeIf(p -> overlaps(p, userId, from, to, daysOnly));
            return rows;
        });
    }

    private static boolean overlaps(StatPeriod p, UUID userId, Instant from, Instant to, boolean daysOnly) {
        return p.userId().equals(userId) && p.start().isBefore(to) && p.end().isAfter(from) && (!daysOnly || p.day());
    }

    private static StatPeriod period(UUID userId, StatsPiece p) {
        return new StatPeriod(userId, p.start(), p.end(), !Duration.between(p.start(), p.end()).equals(Duration.ofHours(1)));
    }

    /** The grouped aggregates of the calls in {@code [p.start, p.end)} by (provider or "", model, type). */
    private List<StatRow> rowsOf(Optional<UUID> userId, StatsPiece p) {
        Map<List<String>, long[]> groups = new LinkedHashMap<>();
        for (ModelCall c : db.tables().modelCalls) {
            if (userId.isPresent() && !userId.get().equals(c.userId())
                    || c.callTime().isBefore(p.start()) || !c.callTime().isBefore(p.end())) {
                continue;
            }
            long[] g = groups.computeIfAbsent(List.of(c.providerId() == null ? "" : c.providerId(), c.model(),
                    c.type().wire()), k -> new long[7]);
            g[0]++;
            g[1] += c.status() == CallStatus.SUCCESS ? 1 : 0;
            g[2] += c.totalUsage();
            g[3] += c.usage().inputTokens();
            g[4] += c.usage().outputTokens();
            g[5] += c.credits();
            g[6] += c.durationMs() == null ? 0 : c.durationMs();
        }
        List<StatRow> rows = new ArrayList<>();
        groups.forEach((k, g) -> rows.add(new StatRow(p.start(), k.get(0), k.get(1), k.get(2), g[0], g[1], g[2], g[3],
                g[4], g[5], g[6])));
        return rows;
    }
}
