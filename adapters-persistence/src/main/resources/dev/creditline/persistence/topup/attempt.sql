-- Top-up attempt :id of user :u.
SELECT * FROM topup_attempts WHERE user_id = :u AND id = :id
