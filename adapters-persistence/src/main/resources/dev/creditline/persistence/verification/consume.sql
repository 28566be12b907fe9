DELETE FROM verification_tokens WHERE identifier = :i AND token_hash = :h RETURNING expires
