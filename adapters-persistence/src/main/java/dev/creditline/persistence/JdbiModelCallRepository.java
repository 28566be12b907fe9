package dev.creditline.persistence;

import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.domain.metering.ModelCall;

/** {@link ModelCallRepository} on table {@code model_calls} (migration V2). */
public final class JdbiModelCallRepository implements ModelCallRepository {

    private final JdbiTransactions tx;

    public JdbiModelCallRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    @Override
    public void insert(ModelCall c) {
        tx.withHandle(h -> h.createUpdate("""
                        INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type, status, input_tokens,
                            output_tokens, cache_creation_input_tokens, cache_read_input_tokens, images, media_seconds,
                            total_usage, credits, duration_ms, request_id, error_reason, document_id, session_id,
                            message_id, hold_id, call_time, created_at)
                        VALUES (:userId, :id, :appId, :providerId, :model, :type, :status, :in, :out, :cw, :cr, :images,
                            :seconds, :total, :credits, :duration, :requestId, :error, :documentId, :sessionId,
                            :messageId, :holdId, :callTime, :createdAt)""")
                .bind("userId", c.userId())
                .bind("id", c.id())
                .bind("appId", c.appId())
                .bind("providerId", c.providerId())
                .bind("model", c.model())
                .bind("type", c.type().wire())
                .bind("status", c.status().wire())
                .bind("in", c.usage().inputTokens())
                .bind("out", c.usage().outputTokens())
                .bind("cw", c.usage().cacheCreationInputTokens())
                .bind("cr", c.usage().cacheReadInputTokens())
                .bind("images", c.usage().numberOfImageGeneration())
                .bind("seconds", c.usage().mediaDurationSeconds())
                .bind("total", c.totalUsage())
                .bind("credits", c.credits())
                .bind("duration", c.durationMs())
                .bind("requestId", c.requestId())
                .bind("error", c.errorReason())
                .bind("documentId", c.documentId())
                .bind("sessionId", c.sessionId())
                .bind("messageId", c.messageId())
                .bind("holdId", c.holdId())
                .bind("callTime", Rows.ts(c.callTime()))
                .bind("createdAt", Rows.ts(c.createdAt()))
                .execute());
    }
}
