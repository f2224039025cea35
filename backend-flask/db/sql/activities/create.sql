-- A new top-level crud, returned as the feeds show it.
WITH created AS (
  INSERT INTO activities (user_uuid, message, ttl, expires_at)
  VALUES (%(user_uuid)s, %(message)s, %(ttl)s, now() + %(lifetime)s::interval)
  RETURNING *
)
SELECT activity_json(c::activities, u, false, false)::text
FROM created c
JOIN users u ON u.uuid = c.user_uuid
