package dev.creditline.application.port.in.analytics;

import dev.creditline.domain.analytics.ModelCallFilter;
import dev.creditline.domain.analytics.ModelCallPage;

/** {@code GET /api/user/model-calls}: a page of model calls newest first (analytics.md "Model calls"). */
public interface ListModelCallsUseCase {

    /**
     * @param page     page number ≥ 1
     * @param pageSize 1..100
     */
    ModelCallPage list(ModelCallFilter filter, int page, int pageSize);
}
