-- The user with :email, compared case-insensitively (the unique index is on lower(email)).
SELECT <columns> FROM users WHERE lower(email) = lower(:email)
