-- A moderator lifts a person's suspension, with the reason in the audit log
-- (nothing happens, nor is logged, when they are not suspended). The person's
-- handle; no row when nobody has the handle.
WITH target AS (
  SELECT uuid, handle, suspended_until FROM users WHERE lower(handle) = lower(%(handle)s)
),
lifted AS (
  UPDATE users u SET suspended_until = NULL
  FROM target t
  WHERE u.uuid = t.uuid AND t.suspended_until > now()
  RETURNING u.uuid
),
logged AS (
  INSERT INTO moderation_actions (moderator_uuid, action, reason, target_user_uuid)
  SELECT %(moderator_uuid)s, 'unsuspend', %(reason)s, uuid FROM lifted
)
SELECT handle FROM target
