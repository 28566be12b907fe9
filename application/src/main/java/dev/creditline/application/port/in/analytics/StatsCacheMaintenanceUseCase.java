package dev.creditline.application.port.in.analytics;

import java.time.Instant;
import java.util.UUID;

/** Admin maintenance of the stats cache (analytics.md "Hourly stats cache"). */
public interface StatsCacheMaintenanceUseCase {

    /**
     * Deletes and recomputes the cached hours of {@code [from, to)} (or only reports on a dry run).
     *
     * @throws dev.creditline.domain.user.UserNotFoundException when the user does not exist
     * @throws dev.creditline.domain.ValidationException {@code endTime} for a reversed or too long range
     */
    RecalculateResult recalculate(UUID userId, Instant from, Instant to, boolean dryRun);

    /**
     * Deletes day roll-ups overlapping {@code [from, to)} (rebuilt on demand).
     *
     * @return the number of cache rows deleted
     */
    long cleanupDaily(UUID userId, Instant from, Instant to);

    /**
     * Outcome of a recalculation.
     *
     * @param willDeleteStats       cache rows in range (dry run) / deleted
     * @param willRecalculateHours  past whole hours in range that are (or would be) recomputed
     * @param failed                hours that could not be recomputed
     */
    record RecalculateResult(boolean dryRun, long willDeleteStats, long willRecalculateHours, long failed) {
    }
}
