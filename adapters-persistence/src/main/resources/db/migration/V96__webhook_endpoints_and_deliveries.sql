-- Webhook endpoints, deliveries and attempts (events.md "Delivery format", docs/events.md).
-- Deliveries and attempts are keyed like the outbox (subject_id first, not user_id: they outlive
-- the user whose user.deleted they deliver).

-- An endpoint is not keyed by user: a reference table at sharding time.
CREATE TABLE webhook_endpoints (
    id                          uuid        PRIMARY KEY,
    url                         text        NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
    description                 text        CHECK (length(description) <= 500),
    -- Wire names of the subscribed event types; empty = every type.
    event_types                 text[]      NOT NULL DEFAULT '{}',
    -- whsec_<base64>; previous_secret keeps signing (as a second signature) until it expires.
    secret                      text        NOT NULL CHECK (secret LIKE 'whsec\_%'),
    previous_secret             text,
    previous_secret_expires_at  timestamptz,
    enabled                     boolean     NOT NULL DEFAULT true,
    disabled_reason             text,
    -- Deliveries that ended failed in a row (reset by a delivered one); at the limit the endpoint is disabled.
    consecutive_failures        integer     NOT NULL DEFAULT 0 CHECK (consecutive_failures >= 0),
    -- 'config' = the endpoint of WEBHOOK_URL (rewritten at every start), 'admin' = made through the admin API.
    source                      text        NOT NULL DEFAULT 'admin' CHECK (source IN ('admin', 'config')),
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL
);

-- One delivery per (event, endpoint); the dispatcher claims due ones with FOR UPDATE SKIP LOCKED
-- and a lease, so one instance at a time attempts a delivery.
CREATE TABLE webhook_deliveries (
    subject_id         uuid        NOT NULL,
    id                 uuid        NOT NULL,
    event_sequence     bigint      NOT NULL,
    event_id           text        NOT NULL,
    event_type         text        NOT NULL,
    endpoint_id        uuid        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    status             text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    -- Attempts made so far (the next attempt's number is attempts + 1).
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Failed attempts since the retry window started (index into WEBHOOK_RETRY_SCHEDULE).
    step               integer     NOT NULL DEFAULT 0 CHECK (step >= 0),
    window_started_at  timestamptz NOT NULL,
    next_attempt_at    timestamptz NOT NULL,
    lease_token        uuid,
    lease_until        timestamptz,
    last_attempt_at    timestamptz,
    last_status_code   integer,
    last_error         text,
    delivered_at       timestamptz,
    created_at         timestamptz NOT NULL,
    PRIMARY KEY (subject_id, id),
    CONSTRAINT webhook_deliveries_event_endpoint_key UNIQUE (subject_id, event_sequence, endpoint_id),
    FOREIGN KEY (subject_id, event_sequence) REFERENCES event_outbox (subject_id, sequence) ON DELETE CASCADE
);
-- The admin API addresses deliveries by id alone (random UUID; not a unique index, see credit_lots_id_idx).
CREATE INDEX webhook_deliveries_id_idx ON webhook_deliveries (id);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_created_idx ON webhook_deliveries (created_at DESC, id);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at DESC);

-- Every HTTP attempt of a delivery, for the admin API and debugging.
CREATE TABLE webhook_attempts (
    subject_id         uuid        NOT NULL,
    delivery_id        uuid        NOT NULL,
    attempt            integer     NOT NULL CHECK (attempt > 0),
    -- The webhook-timestamp header of the attempt (Unix seconds).
    webhook_timestamp  bigint      NOT NULL,
    attempted_at       timestamptz NOT NULL,
    duration_ms        integer     NOT NULL,
    status_code        integer,
    error              text,
    PRIMARY KEY (subject_id, delivery_id, attempt),
    FOREIGN KEY (subject_id, delivery_id) REFERENCES webhook_deliveries (subject_id, id) ON DELETE CASCADE
);

-- lot.expiring is emitted once per lot: the notice's time.
ALTER TABLE credit_lots ADD COLUMN expiry_noticed_at timestamptz;
CREATE INDEX credit_lots_expiry_notice_idx ON credit_lots (expires_at)
    WHERE status = 'active' AND expiry_noticed_at IS NULL AND expires_at IS NOT NULL;
