-- The transactional outbox of events.md "Outbox": one row per event, inserted in the
-- transaction of the change it describes. Keyed by user first (docs/architecture.md "Tables are
-- keyed by user first"); deliberately WITHOUT a foreign key to users: a user.deleted event is
-- written just before the user's row goes and must survive it (and be delivered).

-- Per-user event counter: bumped by the outbox insert under the user's row lock, so the
-- sequence increases with commit order.
ALTER TABLE users ADD COLUMN event_sequence bigint NOT NULL DEFAULT 0;

CREATE TABLE event_outbox (
    user_id        uuid        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence > 0),
    id             text        NOT NULL CHECK (id ~ '^evt_[0-9a-z]+$'),
    type           text        NOT NULL,
    -- The exact body delivered on every attempt (the signature covers these bytes).
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL,
    -- Set when the dispatcher has created this event's deliveries (one per subscribed endpoint).
    fanned_out_at  timestamptz,
    PRIMARY KEY (user_id, sequence),
    CONSTRAINT event_outbox_id_key UNIQUE (user_id, id)
);
-- The dispatcher's queue: events not fanned out yet, oldest first.
CREATE INDEX event_outbox_pending_idx ON event_outbox (created_at) WHERE fanned_out_at IS NULL;
CREATE INDEX event_outbox_event_id_idx ON event_outbox (id);
