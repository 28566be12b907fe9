-- User :u's balance, granted total and grant count (kept on the row by the ledger, V56: the cost
-- does not grow with the ledger) and the credits held by open holds (a partial index).
SELECT u.credits_balance, u.credits_granted AS total, u.grant_count,
       (SELECT coalesce(sum(amount - captured), 0) FROM holds WHERE user_id = u.id AND status = 'open') AS pending
FROM users u WHERE u.id = :u
