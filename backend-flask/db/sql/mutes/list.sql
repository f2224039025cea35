-- The people the caller mutes now, newest mute first, as one page of JSON.
SELECT keyset_page(
  array_agg(
    (person_json(p, f.follower_uuid IS NOT NULL, false)::jsonb
      || jsonb_build_object('muted_at', iso_time(m.created_at), 'muted_until', iso_time(m.until)))::json
    ORDER BY m.created_at DESC, m.muted_uuid DESC),
  %(limit)s, NULL,
  array_agg(m.created_at ORDER BY m.created_at DESC, m.muted_uuid DESC))::text
FROM (
  SELECT muted_uuid, created_at, until
  FROM mutes
  WHERE muter_uuid = %(viewer_uuid)s::uuid
    AND (until IS NULL OR until > now())
    AND (created_at, muted_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
  ORDER BY created_at DESC, muted_uuid DESC
  LIMIT %(limit)s + 1
) m
JOIN users p ON p.uuid = m.muted_uuid
LEFT JOIN follows f ON f.follower_uuid = %(viewer_uuid)s::uuid AND f.followed_uuid = p.uuid
