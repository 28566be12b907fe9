-- Links Stripe customer :c to user :u only when the user has none yet and no other user has :c
-- (a customer belongs to one user; the first link wins). The caller then reads whether :c is the
-- user's customer (customer-is.sql).
UPDATE users SET stripe_customer_id = :c
WHERE id = :u AND stripe_customer_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM users o WHERE o.stripe_customer_id = :c)
