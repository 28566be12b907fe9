-- Whether the database answers (run with a short statement timeout).
SELECT 1
