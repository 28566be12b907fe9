-- Settled spending only: usage debits and what settled holds kept. The reservation of an open
-- hold (its hold entry) is not spent yet, so what open holds still reserve (amount minus the
-- steps captured) is taken back out.
SELECT GREATEST(0, COALESCE(-sum(delta), 0)
       - (SELECT COALESCE(sum(amount - captured), 0) FROM holds WHERE user_id = :u AND status = 'open'))
FROM credit_ledger
WHERE user_id = :u AND reason IN ('usage', 'hold', 'hold_release', 'hold_capture_adjustment', 'hold_capture')
