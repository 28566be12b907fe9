-- A page of user :u's ledger entries, newest first (:limit, :offset). filter: empty, or the
-- optional conditions of a credits view (grants only, from, to) built by the adapter; columns:
-- JdbiLedgerRepository.ENTRY_COLUMNS, read by its one mapper.
SELECT <columns> FROM credit_ledger
WHERE user_id = :u <filter>
ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset
