package dev.creditline.application.port.out.analytics;

import dev.creditline.application.port.in.analytics.ModelCallFilter;
import java.util.List;
import java.util.function.Consumer;

/** Read side of {@code model_calls} for history and export (analytics.md "Model calls"). */
public interface ModelCallQueryRepository {

    /** Matching calls newest first ({@code call_time DESC, id DESC}), with the total count. */
    ModelCallPage page(ModelCallFilter filter, int limit, long offset);

    /** Whether more than {@code n} calls match. */
    boolean moreThan(ModelCallFilter filter, int n);

    /**
     * Streams at most {@code limit} matching calls newest first to {@code sink} from a cursor
     * (bounded memory), in a read transaction of its own.
     */
    void stream(ModelCallFilter filter, int limit, Consumer<ModelCallView> sink);

    /** A page of calls and the number of all matching calls. */
    record ModelCallPage(List<ModelCallView> list, long count) {
    }
}
