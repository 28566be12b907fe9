-- User :u's row with a key-share lock, taken before the cache lock: the order every writer takes
-- them in (a model call locks the user, then its trigger takes the cache lock). No row: deleted.
SELECT 1 FROM users WHERE id = :u FOR KEY SHARE
