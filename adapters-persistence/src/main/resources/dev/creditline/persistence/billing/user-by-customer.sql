-- The user a Stripe customer :c belongs to (unique on users); billing and top-up alike.
SELECT id FROM users WHERE stripe_customer_id = :c
