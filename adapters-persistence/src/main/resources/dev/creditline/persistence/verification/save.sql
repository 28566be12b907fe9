INSERT INTO verification_tokens (identifier, token_hash, expires) VALUES (:i, :h, :e)
ON CONFLICT (identifier, token_hash) DO UPDATE SET expires = EXCLUDED.expires
