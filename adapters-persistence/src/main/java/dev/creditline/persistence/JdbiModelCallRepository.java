package dev.creditline.persistence;

import dev.creditline.application.port.out.ModelCallRepository;
import dev.creditline.domain.metering.ModelCall;

/** {@link ModelCallRepository} on table {@code model_calls} (migration V2). */
public final class JdbiModelCallRepository implements ModelCallRepository {

    private final JdbiTransactions tx;

    public JdbiModelCallRepository(JdbiTransactions tx) {
        this.tx = tx;
    }

    private static final String INSERT_SQL = """
            INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type, status, input_tokens,
                output_tokens, cache_creation_input_tokens, cache_read_input_tokens, images, media_seconds,
                total_usage, credits, duration_ms, request_id, error_reason, document_id, session_id,
                message_id, hold_id, call_time, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Plain JDBC on the transaction's connection ({@link Jdbc}): it runs for every metered request. */
    @Override
    public void insert(ModelCall c) {
        tx.withHandle(h -> Jdbc.update(h, INSERT_SQL, c.userId(), c.id(), c.appId(), c.providerId(), c.model(),
                c.type().wire(), c.status().wire(), c.usage().inputTokens(), c.usage().outputTokens(),
                c.usage().cacheCreationInputTokens(), c.usage().cacheReadInputTokens(),
                c.usage().numberOfImageGeneration(), c.usage().mediaDurationSeconds(), c.totalUsage(), c.credits(),
                c.durationMs(), c.requestId(), c.errorReason(), c.documentId(), c.sessionId(), c.messageId(),
                c.holdId(), Rows.ts(c.callTime()), Rows.ts(c.createdAt())));
    }
}
