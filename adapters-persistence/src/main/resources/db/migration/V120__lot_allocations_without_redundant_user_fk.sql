-- Every debit inserts lot allocations, and each foreign key is a lookup per inserted row. The key to
-- users is implied by the key to the allocation's ledger entry (same user_id, and credit_ledger's own
-- key to users), and deleting a user still removes its allocations through that entry's cascade, so
-- the third check bought nothing.
ALTER TABLE lot_allocations DROP CONSTRAINT lot_allocations_user_id_fkey;
