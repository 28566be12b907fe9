-- Whether more than :n calls match (where as in page.sql). Ordering by the index column alone
-- lets PostgreSQL answer on the (user_id, call_time) index, without a sort.
SELECT EXISTS (SELECT 1 FROM model_calls c <where> ORDER BY c.call_time DESC OFFSET :n LIMIT 1)
