package dev.creditline.application.port.in;

import dev.creditline.domain.analytics.ModelUsage;
import java.util.List;
import java.util.UUID;

/** Usage per model (api.md {@code GET /api/users/usage-breakdown}). */
public interface GetUsageBreakdownUseCase {

    /** Calls, tokens and credits per model, ordered by model. */
    List<ModelUsage> usageBreakdown(UUID userId);
}
