-- Rollover terms of an allowance lot (lots.md "Plans, packs and rollover"): when the lot expires, up to
-- rollover_max of its unused credits move into a 'rollover' lot expiring at rollover_expires_at (the end of
-- the following period). Both null = nothing rolls over; set together, by the grant that makes the lot.
ALTER TABLE credit_lots
    ADD COLUMN rollover_max        bigint,
    ADD COLUMN rollover_expires_at timestamptz,
    ADD CONSTRAINT credit_lots_rollover_terms CHECK (
        (rollover_max IS NULL AND rollover_expires_at IS NULL)
        OR (rollover_max > 0 AND rollover_expires_at IS NOT NULL AND category = 'allowance'));
