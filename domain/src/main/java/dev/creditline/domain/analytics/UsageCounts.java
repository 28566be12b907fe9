package dev.creditline.domain.analytics;

/**
 * Additive counts of model calls for one stats row (one period, provider, model and type): the
 * unit the half-hour netting adds and subtracts ({@link HalfHourNetting}).
 *
 * @param calls        calls
 * @param successCalls calls with status success
 * @param totalUsage   usage units (tokens, or the type's unit)
 * @param inputTokens  input tokens
 * @param outputTokens output tokens
 * @param credits      credits charged
 * @param durationMs   summed call duration, milliseconds
 */
public record UsageCounts(long calls, long successCalls, long totalUsage, long inputTokens, long outputTokens,
                          long credits, long durationMs) {

    /** Nothing counted. */
    public static final UsageCounts ZERO = new UsageCounts(0, 0, 0, 0, 0, 0, 0);

    /** These counts plus {@code sign} times {@code other} ({@code sign} is +1 or −1). */
    public UsageCounts plus(int sign, UsageCounts other) {
        return new UsageCounts(calls + sign * other.calls, successCalls + sign * other.successCalls,
                totalUsage + sign * other.totalUsage, inputTokens + sign * other.inputTokens,
                outputTokens + sign * other.outputTokens, credits + sign * other.credits,
                durationMs + sign * other.durationMs);
    }

    /** Whether no call is left (a row netted to no calls is dropped). */
    public boolean noCalls() {
        return calls == 0;
    }
}
