package dev.creditline.domain.analytics;

/**
 * A user's credit totals, all in credits.
 *
 * @param balance       the cached ledger balance
 * @param total         sum of all grants (positive entries other than hold settlements)
 * @param grantCount    number of grants
 * @param pendingCredit sum of the amounts of open holds
 */
public record CreditTotals(long balance, long total, long grantCount, long pendingCredit) {
}
