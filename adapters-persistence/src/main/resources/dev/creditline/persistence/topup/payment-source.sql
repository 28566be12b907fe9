-- What an off-session charge of user :u needs: email, Stripe customer and saved payment method.
SELECT email, stripe_customer_id, stripe_payment_method_id FROM users WHERE id = :u
