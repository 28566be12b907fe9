UPDATE holds SET expires_at = :e WHERE id = :id AND status = 'open' AND expires_at > :now
