-- The start of the free allowance period the user is in (:anchor), moved when a grant applies. :id, :at.
UPDATE users SET monthly_credits_granted_at = :anchor, updated_at = :at WHERE id = :id
