package dev.creditline.bootstrap.analytics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** Inserts model_calls rows directly (the metering API is another feature). */
final class ModelCallRows {

    private ModelCallRows() {
    }

    static UUID insert(Jdbi jdbi, UUID user, Instant callTime, String model, String type, String status,
                       long totalUsage, long credits, String errorReason, String appId, String requestId) {
        UUID id = UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO model_calls (user_id, id, app_id, provider_id, model, type,"
                        + " status, input_tokens, output_tokens, total_usage, credits, duration_ms, request_id,"
                        + " error_reason, call_time, created_at) VALUES (:u, :id, :app, 'openai', :model, :type, :status,"
                        + " :usage, 0, :usage, :credits, 1500, :req, :err, :t, now())")
                .bind("u", user).bind("id", id).bind("app", appId).bind("model", model).bind("type", type)
                .bind("status", status).bind("usage", totalUsage).bind("credits", credits).bind("req", requestId)
                .bind("err", errorReason).bind("t", callTime.atOffset(ZoneOffset.UTC)).execute());
        return id;
    }

    static UUID insert(Jdbi jdbi, UUID user, Instant callTime, String model, long totalUsage, long credits) {
        return insert(jdbi, user, callTime, model, "chatCompletion", "success", totalUsage, credits, null, "app-1",
                "req-" + UUID.randomUUID());
    }
}
