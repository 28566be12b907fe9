package dev.creditline.application.port.out.analytics;

import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.domain.analytics.ModelCallPage;
import dev.creditline.domain.analytics.ModelCallView;
import java.util.List;
import java.util.function.Consumer;

/** Read side of {@code model_calls} for history and export (analytics.md "Model calls"). */
public interface ModelCallQueryRepository {

    /**
     * Most matching calls a page counts ({@code count} of {@code GET /model-calls}): counting stops
     * there, so a page costs the same however many calls the filter matches (all users' history
     * for an admin's {@code allUsers=true}).
     */
    long COUNT_LIMIT = 10_000;

    /**
     * Matching calls newest first ({@code call_time DESC, id DESC}), with their count up to
     * {@link #COUNT_LIMIT} (beyond it the count is {@code COUNT_LIMIT} and {@code countCapped}).
     */
    ModelCallPage page(ModelCallFilter filter, int limit, long offset);

    /** Whether more than {@code n} calls match. */
    boolean moreThan(ModelCallFilter filter, int n);

    /**
     * Streams at most {@code limit} matching calls newest first to {@code sink} from a cursor
     * (bounded memory), in a read transaction of its own.
     */
    void stream(ModelCallFilter filter, int limit, Consumer<ModelCallView> sink);
}
