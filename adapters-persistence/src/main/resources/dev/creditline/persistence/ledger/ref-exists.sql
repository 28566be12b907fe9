-- Whether user :u has an entry with ref (:t, :i): a repeated idempotent ref was applied already.
SELECT EXISTS (SELECT 1 FROM credit_ledger WHERE user_id = :u AND ref_type = :t AND ref_id = :i)
