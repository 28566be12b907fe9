package dev.creditline.domain.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When a webhook delivery is attempted again (events.md "Delivery format"): the delay before each
 * further attempt, in order ({@code WEBHOOK_RETRY_SCHEDULE}, default
 * {@code 5s,5m,30m,2h,5h,10h,1d,1d}), with jitter, within a window (default 3 days) counted from
 * the delivery's first attempt. When the schedule is used up or the next attempt's undelayed time
 * falls outside the window, the delivery has failed; jitter never pushes an attempt past the
 * window's end.
 *
 * @param delays the delay before attempt 2, 3, …; not empty, each positive
 * @param window the longest time from the first attempt to the last
 * @param jitter the largest fraction added to or taken from a delay (0 ≤ jitter &lt; 1)
 */
public record RetrySchedule(List<Duration> delays, Duration window, double jitter) {

    /** {@code 5s,5m,30m,2h,5h,10h,1d,1d}. */
    public static final String DEFAULT = "5s,5m,30m,2h,5h,10h,1d,1d";
    /** Three days. */
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(3);
    /** ±10 %. */
    public static final double DEFAULT_JITTER = 0.1;

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty() || delays.stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("retry delays must be positive and at least one");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("retry window must be positive");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    /** The default schedule and window. */
    public static RetrySchedule defaults() {
        return new RetrySchedule(parse(DEFAULT), DEFAULT_WINDOW, DEFAULT_JITTER);
    }

    /**
     * Parses a comma-separated list of durations, each a whole number followed by {@code ms},
     * {@code s}, {@code m}, {@code h} or {@code d} (e.g. {@code 5s,5m,2h,1d}).
     *
     * @throws IllegalArgumentException naming the bad item
     */
    public static List<Duration> parse(String text) {
        List<Duration> out = new ArrayList<>();
        for (String raw : text.split(",", -1)) {
            String item = raw.strip().toLowerCase(Locale.ROOT);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)").matcher(item);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + raw.strip() + "' is not a duration like 500ms, 5s, 5m, 2h or 1d");
            }
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            if (d.isZero()) {
                throw new IllegalArgumentException("'" + raw.strip() + "' must be positive");
            }
            out.add(d);
        }
        return out;
    }

    /**
     * When to attempt again after the {@code failed}-th failed attempt of the current window.
     *
     * @param failed      failed attempts in the window so far, this one included (≥ 1)
     * @param windowStart when the window's first attempt was made
     * @param now         when this attempt failed
     * @param random      a uniform number in [0, 1) choosing the jitter
     * @return the next attempt's time, or empty when the delivery has failed for good
     */
    public Optional<Instant> nextAttempt(int failed, Instant windowStart, Instant now, double random) {
        if (failed < 1 || failed > delays.size()) {
            return Optional.empty();
        }
        Duration base = delays.get(failed - 1);
        long nanos = base.toNanos();
        long jittered = Math.max(1, Math.round(nanos * (1 + jitter * (2 * random - 1))));
        Instant end = windowStart.plus(window);
        if (now.plusNanos(nanos).isAfter(end)) {
            return Optional.empty();
        }
        // Jitter never pushes an attempt the schedule allows out of the window.
        Instant next = now.plusNanos(jittered);
        return Optional.of(next.isAfter(end) ? end : next);
    }
}
