-- The profile fields a user or the Auth.js adapter may change. :id, :name, :image, :emailVerified, :updatedAt.
UPDATE users SET name = :name, image = :image, email_verified = :emailVerified,
    updated_at = :updatedAt WHERE id = :id
