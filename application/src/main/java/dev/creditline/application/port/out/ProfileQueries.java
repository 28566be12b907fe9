package dev.creditline.application.port.out;

import dev.creditline.domain.analytics.ModelUsage;
import dev.creditline.domain.analytics.UsageStats;
import java.util.List;
import java.util.UUID;

/**
 * Read-only figures for the user profile and usage breakdown (api.md "User endpoints").
 */
public interface ProfileQueries {

    /** The user's totals. */
    UsageStats stats(UUID userId);

    /** Usage per model, ordered by model name. */
    List<ModelUsage> usageByModel(UUID userId);
}
