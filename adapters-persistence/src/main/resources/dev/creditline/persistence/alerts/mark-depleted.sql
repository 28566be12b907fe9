-- credits.depleted for a refused debit: set the mark unless it is set (one winner among
-- concurrent 402s); returns the balance when this statement set it.
UPDATE users SET depleted_alerted = true
WHERE id = :userId AND NOT depleted_alerted
RETURNING credits_balance
