-- Users whose lots break an invariant of lots.md: the remaining credits of active lots differ
-- from the cached balance, or a lot's remaining is not its amount minus its allocations, or a
-- lot that no longer counts (depleted, expired, voided) still holds credits. Allocations are read
-- from the lot_allocations view (rows and single-lot debits kept on their entry alike), so an entry
-- whose lot_id names the wrong lot leaves its real lot short of an allocation and is reported here.
SELECT u.id, coalesce(s.active_remaining, 0)::bigint AS active_remaining, s.first_bad
FROM users u
LEFT JOIN (
    SELECT l.user_id,
           sum(l.remaining) FILTER (WHERE l.status = 'active') AS active_remaining,
           min(l.id) FILTER (WHERE l.remaining <> l.amount - coalesce(a.allocated, 0)
                                OR (l.status <> 'active' AND l.remaining <> 0)) AS first_bad
    FROM credit_lots l
    LEFT JOIN (SELECT user_id, lot_id, sum(amount) AS allocated FROM lot_allocations GROUP BY user_id, lot_id) a
           ON a.user_id = l.user_id AND a.lot_id = l.id
    GROUP BY l.user_id
) s ON s.user_id = u.id
WHERE (coalesce(s.active_remaining, 0) <> u.credits_balance OR s.first_bad IS NOT NULL)
