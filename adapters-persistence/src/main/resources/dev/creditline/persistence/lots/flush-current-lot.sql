-- Writes the user's current lot back (V122): the lot row's remaining becomes the true remaining kept on
-- the user's row, and the user has no current lot until the next full debit in burn order sets one.
-- Runs first in every change to the user's lots other than a debit, under the user's row lock (so this
-- statement's snapshot has the row as it is). Nothing to do when there is no current lot.
-- 1 user
WITH old AS (
    SELECT id, current_lot_id, current_lot_remaining FROM users WHERE id = ? AND current_lot_id IS NOT NULL
), cleared AS (
    UPDATE users u SET current_lot_id = NULL, current_lot_remaining = 0 FROM old WHERE u.id = old.id
)
UPDATE credit_lot_rows l SET remaining = old.current_lot_remaining
FROM old
WHERE l.user_id = old.id AND l.id = old.current_lot_id
