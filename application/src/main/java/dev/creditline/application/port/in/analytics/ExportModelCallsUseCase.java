package dev.creditline.application.port.in.analytics;

import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.domain.analytics.ModelCallView;
import java.util.function.Consumer;

/** {@code GET /api/user/model-calls/export}: the newest matching calls, streamed (analytics.md "Model calls"). */
public interface ExportModelCallsUseCase {

    /** Export row cap ({@code EXPORT_MAX_ROWS}). */
    int maxRows();

    /** Whether more calls match than {@link #maxRows()} (the export is then truncated). */
    boolean truncated(ModelCallFilter filter);

    /** Streams at most {@link #maxRows()} calls newest first to {@code sink}, memory bounded. */
    void export(ModelCallFilter filter, Consumer<ModelCallView> sink);
}
