package dev.creditline.application.port.in.analytics;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Usage stats and period comparisons (analytics.md "Usage stats", "Comparisons"). Record
 * component names are the JSON field names.
 */
public interface UsageStatsUseCase {

    /**
     * Stats of one user over {@code [from, to)}, from the stats cache plus live pieces.
     *
     * @throws dev.creditline.domain.ValidationException {@code endTime} when {@code to < from} or
     *         the range exceeds the maximum
     */
    UsageReport usageStats(UUID userId, Instant from, Instant to, ZoneId zone);

    /** The same over all users, computed completely from {@code model_calls}. */
    UsageReport allUsersStats(Instant from, Instant to, ZoneId zone);

    /** Week to date (ISO weeks in {@code zone}) against the same span of last week. */
    Comparison weekly(UUID userId, ZoneId zone);

    /** Month to date against the same span of last month. */
    Comparison monthly(UUID userId, ZoneId zone);

    /** Usage and calls of one call type. */
    record TypeTotals(long totalUsage, long totalCalls) {
    }

    /** Range summary; {@code modelCount} counts distinct model names. */
    record Summary(Map<String, TypeTotals> byType, long totalCalls, long totalCredits, long modelCount,
                   long totalUsage) {
    }

    /**
     * One local calendar day.
     *
     * @param date      {@code YYYY-MM-DD} in the requested zone
     * @param timestamp Unix seconds of the day's local midnight
     */
    record DailyStat(String date, long timestamp, long totalUsage, long totalCredits, long totalCalls,
                     Map<String, TypeTotals> byType) {
    }

    /**
     * One (provider, model).
     *
     * @param successRate success calls / calls, 0..1
     */
    record ModelStat(String providerId, String model, long totalCalls, long totalUsage, long totalCredits,
                     double successRate) {
    }

    /** Totals of a period. */
    record Totals(long totalUsage, long totalCredits, long totalCalls) {
    }

    /** Growth ratios (dev.creditline.domain.analytics.Growth). */
    record GrowthView(double usageGrowth, double creditsGrowth, double callsGrowth) {

        /** Growth of {@code current} over {@code previous}. */
        public static GrowthView of(Totals current, Totals previous) {
            return new GrowthView(
                    dev.creditline.domain.analytics.Growth.ratio(current.totalUsage(), previous.totalUsage()),
                    dev.creditline.domain.analytics.Growth.ratio(current.totalCredits(), previous.totalCredits()),
                    dev.creditline.domain.analytics.Growth.ratio(current.totalCalls(), previous.totalCalls()));
        }
    }

    /** Current range against the same length immediately before. */
    record TrendComparison(Totals current, Totals previous, GrowthView growth) {
    }

    /** The {@code /usage-stats} answer. */
    record UsageReport(Summary summary, List<DailyStat> dailyStats, List<ModelStat> modelStats,
                       TrendComparison trendComparison) {
    }

    /** A half-open span {@code [start, end)} of UTC instants. */
    record Span(Instant start, Instant end) {
    }

    /** The {@code /weekly-comparison} and {@code /monthly-comparison} answer. */
    record Comparison(Totals current, Totals previous, GrowthView growth, Span period, Span previousPeriod) {
    }
}
