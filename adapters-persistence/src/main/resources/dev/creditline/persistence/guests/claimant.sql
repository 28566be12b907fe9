SELECT user_id FROM guest_claims WHERE guest_id = :guest
