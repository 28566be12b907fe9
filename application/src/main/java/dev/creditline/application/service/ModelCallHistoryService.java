package dev.creditline.application.service;

import dev.creditline.application.port.in.analytics.ExportModelCallsUseCase;
import dev.creditline.application.port.in.analytics.ListModelCallsUseCase;
import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.application.port.out.analytics.ModelCallQueryRepository;
import dev.creditline.domain.analytics.ModelCallPage;
import dev.creditline.domain.analytics.ModelCallView;
import dev.creditline.domain.ValidationException;
import java.util.function.Consumer;

/** Model-call history and export (analytics.md "Model calls"). */
public final class ModelCallHistoryService implements ListModelCallsUseCase, ExportModelCallsUseCase {

    /** Largest page. */
    public static final int MAX_PAGE_SIZE = 100;

    private final ModelCallQueryRepository calls;
    private final int exportMaxRows;

    /** @param exportMaxRows {@code EXPORT_MAX_ROWS} (default 10,000) */
    public ModelCallHistoryService(ModelCallQueryRepository calls, int exportMaxRows) {
        this.calls = calls;
        this.exportMaxRows = exportMaxRows;
    }

    /** @throws ValidationException {@code page} &lt; 1, {@code pageSize} outside 1..100 */
    @Override
    public ModelCallPage list(ModelCallFilter filter, int page, int pageSize) {
        if (page < 1) {
            throw new ValidationException("page", "must be at least 1");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new ValidationException("pageSize", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        return calls.page(filter, pageSize, (long) (page - 1) * pageSize);
    }

    @Override
    public int maxRows() {
        return exportMaxRows;
    }

    @Override
    public boolean truncated(ModelCallFilter filter) {
        return calls.moreThan(filter, exportMaxRows);
    }

    @Override
    public void export(ModelCallFilter filter, Consumer<ModelCallView> sink) {
        calls.stream(filter, exportMaxRows, sink);
    }
}
