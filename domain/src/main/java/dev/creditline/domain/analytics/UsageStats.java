package dev.creditline.domain.analytics;

/**
 * Totals over the user's model calls and ledger.
 *
 * @param totalDocuments    distinct {@code document_id} tags of the user's model calls
 * @param totalSessions     distinct {@code session_id} tags
 * @param totalMessages     distinct {@code message_id} tags
 * @param totalCreditsSpent credits spent on usage net of refunds: {@code −SUM(delta)} over the
 *                          ledger reasons {@code usage}, {@code hold}, {@code hold_release},
 *                          {@code hold_capture_adjustment}, never below 0
 * @param totalTokensUsed   sum of input and output tokens of the user's model calls
 */
public record UsageStats(long totalDocuments, long totalSessions, long totalMessages, long totalCreditsSpent,
                         long totalTokensUsed) {
}
