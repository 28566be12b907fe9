package dev.creditline.application.port.out.analytics;

import dev.creditline.domain.analytics.StatsPiece;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The stats cache over {@code model_calls} (analytics.md "Hourly stats cache"; tables
 * {@code model_call_stat_periods}, {@code model_call_stats}). Cached pieces are whole past hours
 * ({@code hour}) or day roll-ups ({@code day}); a database trigger on {@code model_calls} deletes
 * the cached periods a write touches, in the writer's transaction.
 */
public interface UsageStatsRepository {

    /**
     * Reads, in one statement (one snapshot), which of {@code pieces} are cached and their rows.
     *
     * @param pieces cached-kind pieces only (HOUR or DAY)
     */
    CachedRead readCached(UUID userId, Collection<StatsPiece> pieces);

    /**
     * Fills the cache for {@code pieces} and returns their rows. Must run inside a transaction:
     * takes the user's stats lock (so no write to the user's model calls commits meanwhile),
     * re-reads which pieces are cached, computes the rest with batched grouped queries and stores
     * them with upserts ({@code INSERT ... ON CONFLICT}).
     */
    List<StatRow> fill(UUID userId, Collection<StatsPiece> pieces);

    /**
     * Computes the rows of {@code pieces} directly from {@code model_calls}, storing nothing.
     *
     * @param userId the user, or empty for all users together
     */
    List<StatRow> compute(Optional<UUID> userId, Collection<StatsPiece> pieces);

    /** Number of cache rows ({@code model_call_stats}) of periods overlapping {@code [from, to)}. */
    long countRows(UUID userId, Instant from, Instant to, boolean daysOnly);

    /**
     * Deletes the cached periods (and their rows) overlapping {@code [from, to)}.
     *
     * @return the number of cache rows deleted
     */
    long delete(UUID userId, Instant from, Instant to, boolean daysOnly);

    /**
     * Cached pieces found and their rows.
     *
     * @param present the pieces that are cached (possibly with no rows: no calls)
     * @param rows    the rows of the present pieces
     */
    record CachedRead(Set<StatsPiece> present, List<StatRow> rows) {
    }
}
