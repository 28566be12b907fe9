-- How many events the inbox holds (filter as in events.sql).
SELECT count(*) FROM stripe_events <filter>
