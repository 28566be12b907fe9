-- Guests (domain.md "Guests"): usage counters per guest and action, and guest → user claims.
-- Guests have no row of their own: the signed guest token carries the guest id.

-- One row per (guest, action): the current window's start and how many were used in it.
-- Consuming is one conditional upsert (increment while used < limit, or restart the window when
-- it started 24 h or more ago), so the limit holds under any concurrency.
CREATE TABLE guest_usage (
    guest_id      uuid        NOT NULL,
    action        text        NOT NULL CHECK (action IN ('upload', 'chat')),
    window_start  timestamptz NOT NULL,
    used          integer     NOT NULL CHECK (used >= 1),
    PRIMARY KEY (guest_id, action)
);
-- For purging rows whose window is long over.
CREATE INDEX guest_usage_window_start_idx ON guest_usage (window_start);

-- A guest is claimed at most once (unique on the guest id).
CREATE TABLE guest_claims (
    guest_id    uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    claimed_at  timestamptz NOT NULL
);
CREATE INDEX guest_claims_user_idx ON guest_claims (user_id);
