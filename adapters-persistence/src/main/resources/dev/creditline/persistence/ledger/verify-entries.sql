-- Every user (filter: empty, or one user :u) with its entries in id order, streamed into the
-- domain verifier: the running balance_after and the cached balance must agree with the deltas.
-- A user without entries comes as one row with NULL entry columns.
SELECT u.id AS user_id, u.credits_balance, l.id, l.delta, l.balance_after
FROM users u LEFT JOIN credit_ledger l ON l.user_id = u.id
<filter>
ORDER BY u.id, l.id
