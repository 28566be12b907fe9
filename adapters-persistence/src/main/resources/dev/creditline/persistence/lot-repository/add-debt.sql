-- Adds :c credits to user :u's debt.
UPDATE users SET credits_debt = credits_debt + :c WHERE id = :u
