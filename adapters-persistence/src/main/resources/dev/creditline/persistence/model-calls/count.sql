-- How many calls match (where as in page.sql), counting at most :cap rows: a page costs the same
-- however long the history is.
SELECT count(*) FROM (SELECT 1 FROM model_calls c <where> LIMIT :cap) x
