package dev.creditline.application.port.out.topup;

/**
 * A user's auto top-up setting.
 *
 * @param enabled             whether a crossing of {@code threshold} starts a top-up
 * @param threshold           credits; a change taking the balance from ≥ it to below it starts one
 * @param packId              the credit pack bought (its credits and price)
 * @param monthlyLimit        top-ups per UTC calendar month
 * @param consecutiveFailures payment failures in a row (3 switch auto top-up off)
 */
public record AutoTopUpSettings(boolean enabled, long threshold, String packId, int monthlyLimit,
                                int consecutiveFailures) {
}
