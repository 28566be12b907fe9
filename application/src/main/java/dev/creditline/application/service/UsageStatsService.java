package dev.creditline.application.service;

import dev.creditline.application.port.in.analytics.StatsCacheMaintenanceUseCase;
import dev.creditline.application.port.in.analytics.UsageStatsUseCase;
import dev.creditline.application.port.out.TransactionPort;
import dev.creditline.application.port.out.UserRepository;
import dev.creditline.application.port.out.analytics.StatRow;
import dev.creditline.application.port.out.analytics.UsageStatsRepository;
import dev.creditline.application.port.out.analytics.UsageStatsRepository.CachedRead;
import dev.creditline.domain.ValidationException;
import dev.creditline.domain.analytics.ComparisonPeriod;
import dev.creditline.domain.analytics.DayBucket;
import dev.creditline.domain.analytics.DayBuckets;
import dev.creditline.domain.analytics.HalfHourNetting;
import dev.creditline.domain.analytics.HalfHourNetting.Term;
import dev.creditline.domain.analytics.HourRange;
import dev.creditline.domain.analytics.StatsPiece;
import dev.creditline.domain.analytics.StatsPlan;
import dev.creditline.domain.analytics.UsageCounts;
import dev.creditline.domain.user.UserNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Usage stats over the stats cache (analytics.md "Hourly stats cache", "Usage stats",
 * "Comparisons"; lessons 19, 25). A range is planned into day roll-ups, whole past hours and live
 * pieces ({@link StatsPlan}); cached pieces are read in one statement, missing ones filled in one
 * transaction with batched grouped queries, live pieces computed in one grouped query. Summary,
 * days, models and trend all come from the same rows, so they agree.
 */
public final class UsageStatsService implements UsageStatsUseCase, StatsCacheMaintenanceUseCase {

    /** Longest accepted stats range. */
    public static final Duration MAX_RANGE = Duration.ofDays(400);
    /** Models listed in {@code modelStats}. */
    public static final int TOP_MODELS = 5;

    private final TransactionPort tx;
    private final UserRepository users;
    private final UsageStatsRepository stats;
    private final Clock clock;

    public UsageStatsService(TransactionPort tx, UserRepository users, UsageStatsRepository stats, Clock clock) {
        this.tx = tx;
        this.users = users;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public UsageReport usageStats(UUID userId, Instant from, Instant to, ZoneId zone) {
        checkRange(from, to);
        return report(Optional.of(userId), from, to, zone);
    }

    @Override
    public UsageReport allUsersStats(Instant from, Instant to, ZoneId zone) {
        checkRange(from, to);
        return report(Optional.empty(), from, to, zone);
    }

    @Override
    public Comparison weekly(UUID userId, ZoneId zone) {
        return compare(userId, ComparisonPeriod.week(clock.instant(), zone), zone);
    }

    @Override
    public Comparison monthly(UUID userId, ZoneId zone) {
        return compare(userId, ComparisonPeriod.month(clock.instant(), zone), zone);
    }

    @Override
    public RecalculateResult recalculate(UUID userId, Instant from, Instant to, boolean dryRun) {
        checkRange(from, to);
        users.findById(userId).orElseThrow(UserNotFoundException::new);
        Instant now = clock.instant();
        List<StatsPiece> hours = StatsPlan.of(from, to, java.time.ZoneOffset.UTC, now, false).stream()
                .filter(StatsPiece::cached).toList();
        if (dryRun) {
            return new RecalculateResult(true, stats.countRows(userId, from, to, false), hours.size(), 0);
        }
        return tx.inTransaction(() -> {
            long deleted = stats.delete(userId, from, to, false);
            stats.fill(userId, hours);
            return new RecalculateResult(false, deleted, hours.size(), 0);
        });
    }

    @Override
    public long cleanupDaily(UUID userId, Instant from, Instant to) {
        checkRange(from, to);
        return tx.inTransaction(() -> stats.delete(userId, from, to, true));
    }

    private Comparison compare(UUID userId, ComparisonPeriod p, ZoneId zone) {
        Instant now = p.end();
        List<StatsPiece> current = StatsPlan.of(p.start(), p.end(), zone, now, true);
        List<StatsPiece> previous = p.previousEnd().isAfter(p.previousStart())
                ? StatsPlan.of(p.previousStart(), p.previousEnd(), zone, now, true) : List.of();
        List<StatsPiece> all = new ArrayList<>(previous);
        all.addAll(current);
        List<StatRow> rows = rows(Optional.of(userId), all, now);
        Totals cur = totals(rows.stream().filter(r -> !r.periodStart().isBefore(p.start())).toList());
        Totals prev = totals(rows.stream().filter(r -> r.periodStart().isBefore(p.start())).toList());
        return new Comparison(cur, prev, GrowthView.of(cur, prev), new Span(p.start(), p.end()),
                new Span(p.previousStart(), p.previousEnd()));
    }

    private UsageReport report(Optional<UUID> userId, Instant from, Instant to, ZoneId zone) {
        Instant now = clock.instant();
        Instant previousFrom = from.minus(Duration.between(from, to));
        List<StatsPiece> all = new ArrayList<>();
        if (from.isAfter(previousFrom)) {
            all.addAll(StatsPlan.of(previousFrom, from, zone, now, true));
        }
        all.addAll(StatsPlan.of(from, to, zone, now, true));
        List<StatRow> rows = rows(userId, all, now);
        List<StatRow> current = rows.stream().filter(r -> !r.periodStart().isBefore(from)).toList();
        List<StatRow> previous = rows.stream().filter(r -> r.periodStart().isBefore(from)).toList();

        Map<String, TypeSum> byType = new TreeMap<>();
        Set<String> models = new HashSet<>();
        Map<ModelKey, ModelSum> byModel = new HashMap<>();
        for (StatRow r : current) {
            byType.merge(r.type(), TypeSum.of(r), TypeSum::plus);
            models.add(r.model());
            byModel.merge(new ModelKey(r.providerId(), r.model()), ModelSum.of(r), ModelSum::plus);
        }
        Totals cur = totals(current);
        Summary summary = new Summary(typeMap(byType), cur.totalCalls(), cur.totalCredits(), models.size(),
                cur.totalUsage());

        List<DayBucket> days = DayBuckets.of(from, to, zone);
        List<Totals> dayTotals = new ArrayList<>();
        List<Map<String, TypeSum>> dayTypes = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            dayTotals.add(new Totals(0, 0, 0));
            dayTypes.add(new TreeMap<>());
        }
        for (StatRow r : current) {
            int i = dayIndex(days, r.periodStart());
            Totals d = dayTotals.get(i);
            dayTotals.set(i, new Totals(d.totalUsage() + r.totalUsage(), d.totalCredits() + r.credits(),
                    d.totalCalls() + r.calls()));
            dayTypes.get(i).merge(r.type(), TypeSum.of(r), TypeSum::plus);
        }
        List<DailyStat> daily = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            DayBucket b = days.get(i);
            Totals d = dayTotals.get(i);
            daily.add(new DailyStat(b.date().toString(), b.start().getEpochSecond(), d.totalUsage(),
                    d.totalCredits(), d.totalCalls(), typeMap(dayTypes.get(i))));
        }

        List<ModelStat> modelStats = byModel.entrySet().stream()
                .map(e -> {
                    ModelSum m = e.getValue();
                    ModelKey k = e.getKey();
                    return new ModelStat(k.providerId().isEmpty() ? null : k.providerId(), k.model(), m.calls(),
                            m.usage(), m.credits(), m.calls() == 0 ? 0.0 : (double) m.successCalls() / m.calls());
                })
                .sorted(Comparator.comparingLong(ModelStat::totalCalls).reversed()
                        .thenComparing(Comparator.comparingLong(ModelStat::totalCredits).reversed())
                        .thenComparing(ModelStat::model))
                .limit(TOP_MODELS).toList();

        Totals prev = totals(previous);
        return new UsageReport(summary, daily, modelStats, new TrendComparison(cur, prev, GrowthView.of(cur, prev)));
    }

    /**
     * Rows of all pieces: cached ones from the cache (filling misses), live ones computed. For one
     * user, a live piece that is more than half of a whole past hour is answered as that hour
     * (cached) minus the rest of the hour (live), which reads at most half an hour of calls
     * (see {@link HalfHourNetting}). Each returned row belongs to the piece starting at its
     * {@code periodStart}; rows of a piece are netted per (provider, model, type) and rows with no
     * calls left dropped.
     */
    private List<StatRow> rows(Optional<UUID> userId, List<StatsPiece> pieces, Instant now) {
        if (userId.isEmpty()) {
            return stats.compute(Optional.empty(), pieces);
        }
        UUID user = userId.get();
        List<Term> terms = HalfHourNetting.terms(pieces, HourRange.floorHour(now));
        Map<Instant, List<Term>> cachedTerms = new HashMap<>();
        Map<Instant, List<Term>> liveTerms = new HashMap<>();
        Set<StatsPiece> cached = new LinkedHashSet<>();
        Set<StatsPiece> live = new LinkedHashSet<>();
        for (Term t : terms) {
            (t.piece().cached() ? cached : live).add(t.piece());
            (t.piece().cached() ? cachedTerms : liveTerms).computeIfAbsent(t.piece().start(), k -> new ArrayList<>(2))
                    .add(t);
        }
        List<StatRow> cachedRows = new ArrayList<>();
        if (!cached.isEmpty()) {
            CachedRead read = stats.readCached(user, cached);
            cachedRows.addAll(read.rows());
            List<StatsPiece> missing = cached.stream().filter(p -> !read.present().contains(p)).toList();
            if (!missing.isEmpty()) {
                cachedRows.addAll(tx.inTransaction(() -> stats.fill(user, missing)));
            }
        }
        List<StatRow> liveRows = live.isEmpty() ? List.of() : stats.compute(userId, live);
        Map<RowKey, UsageCounts> net = new LinkedHashMap<>();
        attribute(cachedRows, cachedTerms, net);
        attribute(liveRows, liveTerms, net);
        List<StatRow> rows = new ArrayList<>(net.size());
        net.forEach((k, v) -> {
            if (!v.noCalls()) {
                rows.add(new StatRow(k.periodStart(), k.providerId(), k.model(), k.type(), v.calls(), v.successCalls(),
                        v.totalUsage(), v.inputTokens(), v.outputTokens(), v.credits(), v.durationMs()));
            }
        });
        return rows;
    }

    private static void attribute(List<StatRow> rows, Map<Instant, List<Term>> terms, Map<RowKey, UsageCounts> net) {
        for (StatRow r : rows) {
            UsageCounts counts = new UsageCounts(r.calls(), r.successCalls(), r.totalUsage(), r.inputTokens(),
                    r.outputTokens(), r.credits(), r.durationMs());
            for (Term t : terms.get(r.periodStart())) {
                net.merge(new RowKey(t.anchor(), r.providerId(), r.model(), r.type()),
                        UsageCounts.ZERO.plus(t.sign(), counts), (a, b) -> a.plus(1, b));
            }
        }
    }

    private record RowKey(Instant periodStart, String providerId, String model, String type) {
    }

    /** Usage and calls of one type. */
    private record TypeSum(long usage, long calls) {

        static TypeSum of(StatRow r) {
            return new TypeSum(r.totalUsage(), r.calls());
        }

        TypeSum plus(TypeSum o) {
            return new TypeSum(usage + o.usage, calls + o.calls);
        }
    }

    private record ModelKey(String providerId, String model) {
    }

    /** Calls, usage, credits and successful calls of one model. */
    private record ModelSum(long calls, long usage, long credits, long successCalls) {

        static ModelSum of(StatRow r) {
            return new ModelSum(r.calls(), r.totalUsage(), r.credits(), r.successCalls());
        }

        ModelSum plus(ModelSum o) {
            return new ModelSum(calls + o.calls, usage + o.usage, credits + o.credits, successCalls + o.successCalls);
        }
    }

    private static int dayIndex(List<DayBucket> days, Instant t) {
        int lo = 0;
        int hi = days.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (days.get(mid).start().isAfter(t)) {
                hi = mid - 1;
            } else {
                lo = mid;
            }
        }
        return lo;
    }

    private static Totals totals(List<StatRow> rows) {
        long usage = 0;
        long credits = 0;
        long calls = 0;
        for (StatRow r : rows) {
            usage += r.totalUsage();
            credits += r.credits();
            calls += r.calls();
        }
        return new Totals(usage, credits, calls);
    }

    private static Map<String, TypeTotals> typeMap(Map<String, TypeSum> m) {
        Map<String, TypeTotals> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new TypeTotals(v.usage(), v.calls())));
        return out;
    }

    private static void checkRange(Instant from, Instant to) {
        if (from == null) {
            throw new ValidationException("startTime", "is required");
        }
        if (to == null) {
            throw new ValidationException("endTime", "is required");
        }
        if (to.isBefore(from)) {
            throw new ValidationException("endTime", "must not be before startTime");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new ValidationException("endTime", "range must be at most " + MAX_RANGE.toDays() + " days");
        }
    }
}
