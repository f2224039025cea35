-- Unmute a person (whether or not they were muted). Their uuid; no row when
-- nobody has the handle.
WITH target AS (
  SELECT uuid FROM users WHERE lower(handle) = lower(%(handle)s)
),
removed AS (
  DELETE FROM mutes WHERE muter_uuid = %(user_uuid)s AND muted_uuid IN (SELECT uuid FROM target)
)
SELECT uuid FROM target
