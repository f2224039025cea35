-- depends: 0006.user-index-covers-expiry
-- Rate-limit windows shared by every API worker and task (lib/rate_limit.py).
-- UNLOGGED: counters are worth losing in a crash, not worth a WAL write per hit.
CREATE UNLOGGED TABLE rate_limit_windows (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  expires_at timestamptz NOT NULL
);
