-- Guest limits over an exact rolling 24 h window (domain.md "Guests"). V20 kept one window per
-- (guest, action) that started at first use and restarted when 24 h old, so a guest could use
-- the limit just before the restart and again just after it. Now each row keeps the instants of
-- the uses still inside the window: a use counts until exactly 24 h after it. Consuming stays one
-- conditional upsert under the row lock (JdbiGuestRepository).
ALTER TABLE guest_usage ADD COLUMN uses timestamptz[];
-- Existing counts keep their old expiry: each use is taken to have happened at its window's start.
UPDATE guest_usage SET uses = array_fill(window_start, ARRAY[used]);
ALTER TABLE guest_usage
    ALTER COLUMN uses SET NOT NULL,
    ADD CONSTRAINT guest_usage_uses_present CHECK (cardinality(uses) >= 1),
    ADD COLUMN last_used_at timestamptz;
UPDATE guest_usage SET last_used_at = window_start;
ALTER TABLE guest_usage ALTER COLUMN last_used_at SET NOT NULL;
DROP INDEX guest_usage_window_start_idx;
ALTER TABLE guest_usage DROP COLUMN window_start, DROP COLUMN used;
-- For purging rows whose every use is long over.
CREATE INDEX guest_usage_last_used_idx ON guest_usage (last_used_at);
