-- A new user with a zero balance; an email taken already (unique on lower(email)) inserts nothing
-- and returns no row (answered 409). Returns the row as stored (columns: the adapter's COLUMNS).
INSERT INTO users (id, email, name, image, email_verified, plan, credits_balance, role,
    signup_bonus_granted_at, monthly_credits_granted_at, created_at, updated_at)
VALUES (:id, :email, :name, :image, :emailVerified, :plan, 0, :role,
    :signupBonusAt, :monthlyAt, :createdAt, :updatedAt)
ON CONFLICT DO NOTHING
RETURNING <columns>
