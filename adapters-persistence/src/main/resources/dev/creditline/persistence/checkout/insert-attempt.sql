-- A checkout attempt recorded before Stripe is called (status creating); refused (nothing
-- inserted) when the user has a live subscription attempt already. :id, :u, :kind, :item, :now.
INSERT INTO checkout_attempts (id, user_id, kind, item_id, status, created_at, updated_at)
VALUES (:id, :u, :kind, :item, 'creating', :now, :now)
ON CONFLICT DO NOTHING
