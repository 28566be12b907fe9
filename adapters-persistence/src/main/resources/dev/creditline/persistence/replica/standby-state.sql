-- The standby's own view of itself: whether it is in recovery (a standby), the WAL position it
-- replayed (text, compared with the primary's), and its own lag estimate in seconds (0 when it
-- replayed all it received; the age of the last replayed transaction otherwise).
SELECT pg_is_in_recovery(), CAST(pg_last_wal_replay_lsn() AS text),
       CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
            ELSE extract(epoch FROM now() - pg_last_xact_replay_timestamp()) END
