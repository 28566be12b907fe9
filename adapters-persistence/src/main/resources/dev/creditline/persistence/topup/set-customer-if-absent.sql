-- Links Stripe customer :c to user :u only when the user has none yet (the first link wins).
UPDATE users SET stripe_customer_id = :c
WHERE id = :u AND stripe_customer_id IS NULL
