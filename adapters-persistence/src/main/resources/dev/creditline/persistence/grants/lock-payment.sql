-- The per-payment lock (:k = stripe_payment:<id>), held to the end of the transaction, so that a
-- grant, its refunds and its disputes are applied one at a time whatever the order they arrive in.
-- Transaction-scoped: nothing is left on a pooled server connection.
SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))) l
