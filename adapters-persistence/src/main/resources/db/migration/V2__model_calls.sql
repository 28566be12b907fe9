-- Metered model calls (analytics.md "Model calls"). Keyed by user first (product.md "Scale path").
CREATE TABLE model_calls (
    user_id                      uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    id                           uuid        NOT NULL,
    app_id                       text,
    provider_id                  text,
    model                        text        NOT NULL,
    type                         text        NOT NULL,
    status                       text        NOT NULL,
    input_tokens                 bigint      NOT NULL DEFAULT 0,
    output_tokens                bigint      NOT NULL DEFAULT 0,
    cache_creation_input_tokens  bigint      NOT NULL DEFAULT 0,
    cache_read_input_tokens      bigint      NOT NULL DEFAULT 0,
    images                       bigint      NOT NULL DEFAULT 0,
    media_seconds                bigint      NOT NULL DEFAULT 0,
    total_usage                  bigint      NOT NULL DEFAULT 0,
    credits                      bigint      NOT NULL DEFAULT 0,
    duration_ms                  bigint,
    request_id                   text,
    error_reason                 text,
    document_id                  text,
    session_id                   text,
    message_id                   text,
    hold_id                      uuid,
    call_time                    timestamptz NOT NULL,
    created_at                   timestamptz NOT NULL,
    PRIMARY KEY (user_id, id),
    CONSTRAINT model_calls_type_known CHECK (type IN
        ('chatCompletion', 'embedding', 'imageGeneration', 'audioGeneration', 'video', 'custom')),
    CONSTRAINT model_calls_status_known CHECK (status IN ('processing', 'success', 'failed')),
    CONSTRAINT model_calls_counts_non_negative CHECK (input_tokens >= 0 AND output_tokens >= 0
        AND cache_creation_input_tokens >= 0 AND cache_read_input_tokens >= 0 AND images >= 0
        AND media_seconds >= 0 AND total_usage >= 0 AND credits >= 0
        AND (duration_ms IS NULL OR duration_ms >= 0))
);
-- Per-user history and ranges (lesson 25): led by user, then time.
CREATE INDEX model_calls_user_time_idx ON model_calls (user_id, call_time DESC);
-- Admin views across all users.
CREATE INDEX model_calls_time_idx ON model_calls (call_time DESC);
