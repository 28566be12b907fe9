-- Maintained grant totals (analytics.md "Credits views"): GET /api/user/credit/balance and /info
-- read the user's row instead of summing every positive ledger entry on each read, so their
-- cost does not grow with the ledger.
--
-- A grant is a positive ledger entry that brings new credits: not the return of reserved
-- credits when a hold settles (hold_release, hold_capture_adjustment), which only gives back
-- what the hold took.
ALTER TABLE users
    ADD COLUMN credits_granted bigint NOT NULL DEFAULT 0 CHECK (credits_granted >= 0),
    ADD COLUMN grant_count     bigint NOT NULL DEFAULT 0 CHECK (grant_count >= 0);

UPDATE users u SET credits_granted = g.total, grant_count = g.n
    FROM (SELECT user_id, sum(delta) AS total, count(*) AS n FROM credit_ledger
          WHERE delta > 0 AND reason NOT IN ('hold_release', 'hold_capture_adjustment')
          GROUP BY user_id) g
    WHERE u.id = g.user_id;

-- Whoever appends, the totals move in the same transaction as the entry, under the user's row
-- lock the append already holds. The WHEN clause keeps the trigger off debits (the metering hot
-- path never runs it).
CREATE FUNCTION users_count_grant() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET credits_granted = credits_granted + NEW.delta, grant_count = grant_count + 1
        WHERE id = NEW.user_id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER credit_ledger_count_grant AFTER INSERT ON credit_ledger
    FOR EACH ROW WHEN (NEW.delta > 0 AND NEW.reason NOT IN ('hold_release', 'hold_capture_adjustment'))
    EXECUTE FUNCTION users_count_grant();
