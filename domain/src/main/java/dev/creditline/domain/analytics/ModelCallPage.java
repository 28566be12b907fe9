package dev.creditline.domain.analytics;

import java.util.List;

/**
 * A page of calls and the number of matching calls.
 *
 * @param count       matching calls, at most the query's count limit
 * @param countCapped true when more than the count limit match ({@code count} is then a lower bound)
 */
public record ModelCallPage(List<ModelCallView> list, long count, boolean countCapped) {

    /** An exact count. */
    public ModelCallPage(List<ModelCallView> list, long count) {
        this(list, count, false);
    }
}
