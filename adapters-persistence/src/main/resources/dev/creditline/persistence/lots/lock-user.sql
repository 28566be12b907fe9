-- A credit asked to wait for a due free grant (LedgerRepository.appendUnlessAllowanceDue): locks the
-- user's row and says whether the grant is due (debits decide this in lots/debit-current-lot.sql).
-- No row: the user is gone. 1 anchor cutoff, 2 free plan id, 3 anchor cutoff again, 4 user.
SELECT ?::timestamptz IS NOT NULL AND plan = ? AND coalesce(monthly_credits_granted_at, created_at) <= ?::timestamptz
           AS allowance_due
FROM users
WHERE id = ?
FOR UPDATE
