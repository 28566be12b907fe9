-- Only the subscription's status. :u user, :s status, :now.
UPDATE users SET subscription_status = :s, updated_at = :now WHERE id = :u
