-- The primary's current WAL position (text), sampled to measure how far the standby lags.
SELECT CAST(pg_current_wal_lsn() AS text)
