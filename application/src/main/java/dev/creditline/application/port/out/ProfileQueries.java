package dev.creditline.application.port.out;

import java.util.List;
import java.util.UUID;

/**
 * Read-only figures for the user profile and usage breakdown (api.md "User endpoints").
 */
public interface ProfileQueries {

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
    record UsageStats(long totalDocuments, long totalSessions, long totalMessages, long totalCreditsSpent,
                      long totalTokensUsed) {
    }

    /**
     * Usage of one model.
     *
     * @param model        model name
     * @param totalCalls   number of calls
     * @param totalTokens  input + output tokens
     * @param totalCredits credits charged
     */
    record ModelUsage(String model, long totalCalls, long totalTokens, long totalCredits) {
    }

    /** The user's totals. */
    UsageStats stats(UUID userId);

    /** Usage per model, ordered by model name. */
    List<ModelUsage> usageByModel(UUID userId);
}
