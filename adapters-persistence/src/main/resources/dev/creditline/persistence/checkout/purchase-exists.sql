-- Whether Checkout session :s was granted as a pack purchase.
SELECT EXISTS (SELECT 1 FROM credit_pack_purchases WHERE stripe_session_id = :s)
