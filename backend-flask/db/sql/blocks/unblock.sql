-- Unblock a person (whether or not they were blocked). Their uuid; no row
-- when nobody has the handle.
WITH target AS (
  SELECT uuid FROM users WHERE lower(handle) = lower(%(handle)s)
),
removed AS (
  DELETE FROM blocks WHERE blocker_uuid = %(user_uuid)s AND blocked_uuid IN (SELECT uuid FROM target)
)
SELECT uuid FROM target
