-- Up to :max users with a lot that is due to expire at :now (active or depleted: a depleted lot
-- expires too, closing it).
SELECT DISTINCT user_id FROM credit_lots
WHERE status IN ('active', 'depleted') AND expires_at <= :now LIMIT :max
