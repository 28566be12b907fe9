package dev.creditline.domain.alert;

import dev.creditline.domain.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The rules of events.md "Balance thresholds" and the auto top-up trigger, applied to one
 * balance change ({@code before} → {@code after}, credits) of a user whose row is locked, so
 * changes of one user are judged one after the other in commit order.
 *
 * <ul>
 *   <li>{@code credits.low} for a threshold {@code t} when the change goes from {@code before >= t}
 *       to {@code after < t} and {@code t} has not fired yet; it is then fired.</li>
 *   <li>{@code credits.recovered} for a fired threshold {@code t} once {@code after >= t}; it is
 *       then no longer fired (a threshold that never fired never recovers).</li>
 *   <li>{@code credits.depleted} when {@code after == 0} and depletion is not marked yet; the
 *       mark is cleared when the balance rises again ({@code after > before}).</li>
 *   <li>an auto top-up when the change takes the balance from {@code >= T} to {@code < T}.</li>
 * </ul>
 *
 * <p>Pure and allocation-free on the common path (nothing crossed): {@link #evaluate} returns
 * {@code null} then.
 */
public final class BalanceAlerts {

    /** At most this many thresholds per user. */
    public static final int MAX_THRESHOLDS = 20;
    /** The largest threshold accepted (credits). */
    public static final long MAX_THRESHOLD = 1_000_000_000_000L;

    private static final long[] NONE = new long[0];

    private BalanceAlerts() {
    }

    /**
     * What a change did.
     *
     * @param low       thresholds crossed downwards that fire {@code credits.low} (ascending)
     * @param recovered fired thresholds crossed back up that fire {@code credits.recovered} (ascending)
     * @param depleted  whether {@code credits.depleted} fires
     * @param fired     the fired thresholds after the change (ascending, distinct)
     * @param depletedMark the depletion mark after the change
     * @param topUp     whether the change crossed the auto top-up threshold downwards
     * @param marksChanged whether {@code fired} or {@code depletedMark} differ from before
     */
    public record Outcome(List<Long> low, List<Long> recovered, boolean depleted, long[] fired,
                          boolean depletedMark, boolean topUp, boolean marksChanged) {
    }

    /**
     * Judges one balance change.
     *
     * @param before         balance before the change (credits)
     * @param after          balance after it (credits)
     * @param thresholds     the user's thresholds (credits), any order
     * @param fired          thresholds that fired and have not recovered (null = none)
     * @param depletedMark   whether {@code credits.depleted} fired and the balance has not risen since
     * @param topUpThreshold the auto top-up threshold, or null when auto top-up is off
     * @return what to emit and the marks to store, or {@code null} when nothing happens
     */
    public static Outcome evaluate(long before, long after, long[] thresholds, long[] fired, boolean depletedMark,
                                   Long topUpThreshold) {
        long[] f = fired == null ? NONE : fired;
        boolean anyLow = false;
        for (long t : thresholds) {
            if (before >= t && after < t && !contains(f, t)) {
                anyLow = true;
                break;
            }
        }
        boolean anyRecovered = false;
        for (long t : f) {
            if (after >= t) {
                anyRecovered = true;
                break;
            }
        }
        boolean depleted = after == 0 && !depletedMark;
        boolean clearDepleted = depletedMark && after > before;
        boolean topUp = topUpThreshold != null && before >= topUpThreshold && after < topUpThreshold;
        if (!anyLow && !anyRecovered && !depleted && !clearDepleted && !topUp) {
            return null;
        }
        List<Long> low = new ArrayList<>();
        List<Long> recovered = new ArrayList<>();
        List<Long> stillFired = new ArrayList<>();
        for (long t : f) {
            if (after >= t) {
                recovered.add(t);
            } else {
                stillFired.add(t);
            }
        }
        for (long t : thresholds) {
            if (before >= t && after < t && !contains(f, t) && !low.contains(t)) {
                low.add(t);
                stillFired.add(t);
            }
        }
        low.sort(null);
        recovered.sort(null);
        long[] newFired = stillFired.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
        boolean newMark = depleted || (depletedMark && !clearDepleted);
        boolean changed = !low.isEmpty() || !recovered.isEmpty() || newMark != depletedMark;
        return new Outcome(List.copyOf(low), List.copyOf(recovered), depleted, newFired, newMark, topUp, changed);
    }

    /**
     * A user's thresholds as given to the API: distinct after sorting, each 1..{@value #MAX_THRESHOLD}
     * credits, at most {@value #MAX_THRESHOLDS}; an empty list switches the alerts off.
     *
     * @throws ValidationException field {@code thresholds} (or {@code thresholds[i]})
     */
    public static long[] validate(List<Long> thresholds) {
        if (thresholds == null) {
            throw new ValidationException("thresholds", "is required (a list of credits; [] switches alerts off)");
        }
        if (thresholds.size() > MAX_THRESHOLDS) {
            throw new ValidationException("thresholds", "must have at most " + MAX_THRESHOLDS + " values");
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Long t = thresholds.get(i);
            if (t == null || t < 1 || t > MAX_THRESHOLD) {
                throw new ValidationException("thresholds[" + i + "]",
                        "must be a whole number of credits from 1 to " + MAX_THRESHOLD);
            }
        }
        return thresholds.stream().mapToLong(Long::longValue).distinct().sorted().toArray();
    }

    /**
     * {@code LOW_BALANCE_THRESHOLDS}: comma-separated credits, e.g. {@code 1000} or {@code 5000,1000};
     * empty switches the default alerts off.
     *
     * @throws ValidationException field {@code LOW_BALANCE_THRESHOLDS}
     */
    public static long[] parse(String csv) {
        if (csv == null || csv.isBlank()) {
            return NONE;
        }
        List<Long> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            try {
                values.add(Long.parseLong(part.trim()));
            } catch (NumberFormatException e) {
                throw new ValidationException("LOW_BALANCE_THRESHOLDS", "must be comma-separated whole credits, got '"
                        + part.trim() + "'");
            }
        }
        try {
            return validate(values);
        } catch (ValidationException e) {
            throw new ValidationException("LOW_BALANCE_THRESHOLDS", e.getMessage());
        }
    }

    /** Whether the thresholds (ascending or not) contain {@code t}. */
    private static boolean contains(long[] values, long t) {
        for (long v : values) {
            if (v == t) {
                return true;
            }
        }
        return false;
    }

    /** A copy as a list (for JSON answers). */
    public static List<Long> asList(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
