-- The first statement of a debit (lots/debit.sql): locks the user's row and reads what decides
-- whether the debit may go ahead. 1 anchor cutoff (null: the free allowance is not asked about),
-- 2 free plan id, 3 anchor cutoff again, 4 user.
SELECT credits_balance, next_lot_expiry,
       ?::timestamptz IS NOT NULL AND plan = ? AND coalesce(monthly_credits_granted_at, created_at) <= ?::timestamptz
           AS allowance_due
FROM users
WHERE id = ?
FOR UPDATE
