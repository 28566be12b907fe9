-- How many intents wait for Stripe (a health figure).
SELECT count(*) FROM stripe_intents WHERE status = 'pending'
