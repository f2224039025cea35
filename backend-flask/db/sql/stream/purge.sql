-- Events past the replay window (with a minute's margin) and expired tickets.
WITH events AS (
  DELETE FROM stream_events WHERE created_at < now() - make_interval(secs => %(keep_seconds)s) RETURNING 1
), tickets AS (
  DELETE FROM stream_tickets WHERE expires_at < now() RETURNING 1
)
SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM tickets)
