package dev.creditline.domain.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * One model call as listed and exported (analytics.md "Model calls"), with its user's name and
 * email for the export.
 *
 * @param durationMs  duration in milliseconds, null when unknown
 * @param callTime    the call's start (UTC)
 */
public record ModelCallView(UUID id, UUID userId, String userName, String userEmail, String appId,
                            String providerId, String model, String type, String status, long inputTokens,
                            long outputTokens, long cacheCreationInputTokens, long cacheReadInputTokens,
                            long images, long mediaSeconds, long totalUsage, long credits, Long durationMs,
                            Instant callTime, String errorReason, String requestId) {
}
