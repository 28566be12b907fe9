-- User :u's debt: credits consumed beyond the lots (repaid by the next grants).
SELECT credits_debt FROM users WHERE id = :u
