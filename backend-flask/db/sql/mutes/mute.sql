-- Mute a person for a while (`lifetime`, an interval; NULL: until undone),
-- or change how long. The muted person's uuid and the mute's end; no row when
-- nobody has the handle.
WITH target AS (
  SELECT uuid FROM users WHERE lower(handle) = lower(%(handle)s)
),
muted AS (
  INSERT INTO mutes (muter_uuid, muted_uuid, until)
  SELECT %(user_uuid)s, uuid, now() + %(lifetime)s::interval FROM target WHERE uuid <> %(user_uuid)s
  ON CONFLICT (muter_uuid, muted_uuid) DO UPDATE SET until = excluded.until, created_at = now()
  RETURNING until
)
SELECT t.uuid, iso_time((SELECT until FROM muted)) AS until FROM target t
