-- The transactional outbox of events.md "Outbox": one row per event, inserted in the
-- transaction of the change it describes. Keyed first by the user the event is about
-- (subject_id), deliberately WITHOUT a foreign key to users and not named user_id: a
-- user.deleted event is written just before the user's row goes and must survive it (and be
-- delivered), while every row keyed to the user by user_id goes with the user. At sharding time
-- the table is distributed by subject_id, co-located with users (docs/operations.md "Sharding").

-- Per-user event counter: bumped by the outbox insert under the user's row lock, so the
-- sequence increases with commit order.
ALTER TABLE users ADD COLUMN event_sequence bigint NOT NULL DEFAULT 0;

CREATE TABLE event_outbox (
    subject_id     uuid        NOT NULL,
    sequence       bigint      NOT NULL CHECK (sequence > 0),
    id             text        NOT NULL CHECK (id ~ '^evt_[0-9a-z]+$'),
    type           text        NOT NULL,
    -- The exact body delivered on every attempt (the signature covers these bytes).
    body           text        NOT NULL,
    created_at     timestamptz NOT NULL,
    -- Set when the dispatcher has created this event's deliveries (one per subscribed endpoint).
    fanned_out_at  timestamptz,
    PRIMARY KEY (subject_id, sequence),
    CONSTRAINT event_outbox_id_key UNIQUE (subject_id, id)
);
-- The dispatcher's queue: events not fanned out yet, oldest first.
CREATE INDEX event_outbox_pending_idx ON event_outbox (created_at) WHERE fanned_out_at IS NULL;
CREATE INDEX event_outbox_event_id_idx ON event_outbox (id);
