package dev.creditline.application.port.out.analytics;

import java.time.Instant;

/**
 * Aggregated model calls of one stats piece for one (provider, model, type) (analytics.md
 * "Hourly stats cache"): a cache row, or the same numbers computed live.
 *
 * @param periodStart  start of the piece the row belongs to (UTC)
 * @param providerId   provider id, {@code ""} when the calls had none
 * @param model        model name
 * @param type         call type wire name, e.g. {@code chatCompletion}
 * @param calls        number of model calls (any status)
 * @param successCalls calls with status {@code success}
 * @param totalUsage   sum of total usage (tokens, images or seconds by type)
 * @param inputTokens  sum of input tokens
 * @param outputTokens sum of output tokens
 * @param credits      sum of credits charged
 * @param durationMs   sum of durations in milliseconds
 */
public record StatRow(Instant periodStart, String providerId, String model, String type, long calls,
                      long successCalls, long totalUsage, long inputTokens, long outputTokens, long credits,
                      long durationMs) {
}
