package dev.creditline.application.port.out.alerts;

/**
 * A user's alert settings and marks as the balance change's own statement returned them (no
 * extra read on the metering path).
 *
 * @param thresholds     the user's own thresholds (credits), or null for {@code LOW_BALANCE_THRESHOLDS}
 * @param fired          thresholds whose {@code credits.low} fired and that have not recovered (null = none)
 * @param depleted       {@code credits.depleted} fired and the balance has not risen since
 * @param topUpThreshold the enabled auto top-up threshold (credits), or null when auto top-up is off
 */
public record AlertMarks(long[] thresholds, long[] fired, boolean depleted, Long topUpThreshold) {
}
