UPDATE holds SET captured = captured + :captured, extra_debit = extra_debit + :extra,
    shortfall = shortfall + :shortfall, capture_steps = :n
WHERE id = :id AND status = 'open' AND capture_steps = :n - 1
