-- Whether user :u's Stripe customer is :c (empty when the user is gone).
SELECT stripe_customer_id = :c FROM users WHERE id = :u
