-- The billing columns of a user's row (BillingAccount). :u user id. The lock variant appends
-- FOR UPDATE (a webhook decides under the user's row lock).
SELECT id, email, plan, credits_balance, stripe_customer_id, stripe_subscription_id, subscription_status,
       subscription_cancel_at_period_end, subscription_period_end, monthly_credits_granted_at
FROM users WHERE id = :u
