INSERT INTO guest_claims (guest_id, user_id, claimed_at)
SELECT :guest, u.id, :now FROM users u WHERE u.id = :user
ON CONFLICT (guest_id) DO NOTHING
