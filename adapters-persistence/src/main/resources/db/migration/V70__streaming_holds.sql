-- Holds for streamed model calls (docs/metering.md "Streaming holds"): captured in steps, extended while
-- the stream runs, and an expiry policy chosen at creation.
--
-- captured / extra_debit / shortfall become running totals kept while the hold is open (they were set
-- only at settlement); capture_steps numbers the partial captures so each step has its own ledger ref.
UPDATE holds SET captured = 0 WHERE captured IS NULL;
UPDATE holds SET extra_debit = 0 WHERE extra_debit IS NULL;
UPDATE holds SET shortfall = 0 WHERE shortfall IS NULL;
ALTER TABLE holds
    ALTER COLUMN captured SET DEFAULT 0, ALTER COLUMN captured SET NOT NULL,
    ALTER COLUMN extra_debit SET DEFAULT 0, ALTER COLUMN extra_debit SET NOT NULL,
    ALTER COLUMN shortfall SET DEFAULT 0, ALTER COLUMN shortfall SET NOT NULL,
    ADD COLUMN capture_steps integer NOT NULL DEFAULT 0,
    ADD COLUMN on_expiry text NOT NULL DEFAULT 'release',
    ADD CONSTRAINT holds_on_expiry_known CHECK (on_expiry IN ('release', 'capture')),
    -- what was kept never exceeds what was reserved; the rest of the cost is extra_debit or shortfall
    ADD CONSTRAINT holds_captured_within_amount CHECK (captured >= 0 AND captured <= amount),
    ADD CONSTRAINT holds_running_totals_non_negative CHECK (extra_debit >= 0 AND shortfall >= 0 AND capture_steps >= 0),
    -- extend moves expires_at, never beyond 24 h after creation (domain.md "Holds")
    ADD CONSTRAINT holds_expiry_within_a_day CHECK (expires_at <= created_at + interval '24 hours');

-- The two new ledger reasons' entries: a capture step (reason hold_capture, ref hold_capture/<hold>:<n>)
-- and the return of those credits from the reservation (reason hold_release, ref
-- hold_capture_return/<hold>:<n>). Added to the reasons a ledger entry may have without naming the others,
-- so this migration composes with any other migration that extends the list.
DO $$
DECLARE
    def text;
BEGIN
    SELECT pg_get_constraintdef(oid) INTO def FROM pg_constraint
    WHERE conrelid = 'credit_ledger'::regclass AND conname = 'credit_ledger_reason_known';
    IF def IS NOT NULL AND position('''hold_capture''' IN def) = 0 THEN
        ALTER TABLE credit_ledger DROP CONSTRAINT credit_ledger_reason_known;
        EXECUTE 'ALTER TABLE credit_ledger ADD CONSTRAINT credit_ledger_reason_known '
            || regexp_replace(def, 'ARRAY\[', 'ARRAY[''hold_capture''::text, ');
    END IF;
END
$$;

-- The step refs are idempotent (one entry per (user, type, id)), like the types of
-- credit_ledger_idempotent_ref_key; a separate partial unique index so that other migrations may rebuild
-- that one without losing these. Keep in step with LedgerRef.IDEMPOTENT_TYPES.
CREATE UNIQUE INDEX credit_ledger_hold_step_ref_key ON credit_ledger (user_id, ref_type, ref_id)
    WHERE ref_type IN ('hold_capture', 'hold_capture_return');
