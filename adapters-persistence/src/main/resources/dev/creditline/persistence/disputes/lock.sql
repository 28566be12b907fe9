-- Dispute :d row-locked, to decide its clawback or reinstatement once. columns: the adapter's COLUMNS.
SELECT <columns> FROM stripe_disputes WHERE dispute_id = :d FOR UPDATE
