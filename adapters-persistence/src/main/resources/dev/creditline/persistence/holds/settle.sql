UPDATE holds SET status = :status, captured = :captured, released = :released,
    extra_debit = extra_debit + :extra, shortfall = shortfall + :shortfall, settled_at = :at
WHERE id = :id AND status = 'open'
