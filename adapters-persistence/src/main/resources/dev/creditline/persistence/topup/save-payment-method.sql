-- Keeps card :pm for off-session top-ups. The card belongs to customer :c: kept only for the
-- user's own customer, or when the user has none yet and no other user has :c (then :c becomes
-- the user's customer). :c NULL: the card of the user's current customer. :u user.
UPDATE users
    SET stripe_payment_method_id = :pm,
    stripe_customer_id = coalesce(stripe_customer_id, :c)
WHERE id = :u AND (:c IS NULL OR stripe_customer_id IS NULL OR stripe_customer_id = :c)
  AND (:c IS NULL OR stripe_customer_id = :c
       OR NOT EXISTS (SELECT 1 FROM users o WHERE o.stripe_customer_id = :c))
