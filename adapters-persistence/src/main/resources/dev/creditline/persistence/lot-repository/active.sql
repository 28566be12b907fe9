-- User :u's active lots in burn order: priority, then soonest expiry (never-expiring last), then
-- oldest. columns: the adapter's COLUMNS.
SELECT <columns> FROM credit_lots
WHERE user_id = :u AND status = 'active'
ORDER BY priority, expires_at NULLS LAST, created_at, id
