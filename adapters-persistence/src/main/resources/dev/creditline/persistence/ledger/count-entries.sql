-- How many of user :u's ledger entries match (filter as in entries.sql).
SELECT count(*) FROM credit_ledger WHERE user_id = :u <filter>
