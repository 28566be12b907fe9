package dev.creditline.domain.analytics;

/**
 * Period-over-period growth (analytics.md "Usage stats", {@code trendComparison.growth}).
 */
public final class Growth {

    private Growth() {
    }

    /**
     * {@code (current − previous) / previous} as a ratio (0.2 = +20 %); when
     * {@code previous == 0}: 1 if {@code current > 0}, else 0.
     *
     * @param current  this period's total (usage, credits or calls), ≥ 0
     * @param previous the previous period's total, ≥ 0
     */
    public static double ratio(long current, long previous) {
        if (previous == 0) {
            return current > 0 ? 1.0 : 0.0;
        }
        return ((double) current - (double) previous) / previous;
    }
}
