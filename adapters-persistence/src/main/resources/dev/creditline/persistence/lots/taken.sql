-- What the entry with a given ref took from each lot and has not been given back yet.
-- 1 user, 2 user, 3 ref type, 4 ref id
SELECT a.lot_id, sum(a.amount)::bigint AS net, max(a.id) AS seq, l.status
FROM lot_allocations a
JOIN credit_lots l ON l.user_id = a.user_id AND l.id = a.lot_id
WHERE a.user_id = ?
  AND a.origin_entry_id = (SELECT id FROM credit_ledger WHERE user_id = ? AND ref_type = ? AND ref_id = ?
                           ORDER BY id LIMIT 1)
GROUP BY a.lot_id, l.status
