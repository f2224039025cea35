-- Whom a person follows (found by handle regardless of case), newest follow first, as one
-- page of JSON, each with how they and the caller relate (only the people the caller may
-- see); null when nobody has the handle, or the caller may not see them.
SELECT keyset_page(
  array_agg(
    person_json(p, mine.follower_uuid IS NOT NULL, theirs.follower_uuid IS NOT NULL)
    ORDER BY f.created_at DESC, f.followed_uuid DESC) FILTER (WHERE p.uuid IS NOT NULL),
  %(limit)s, NULL,
  array_agg(f.created_at ORDER BY f.created_at DESC, f.followed_uuid DESC) FILTER (WHERE p.uuid IS NOT NULL))::text
FROM visible_people(%(viewer_uuid)s::uuid) t
LEFT JOIN LATERAL (
  SELECT followed_uuid, created_at
  FROM follows
  WHERE follower_uuid = t.uuid
    AND (created_at, followed_uuid) < (%(after_time)s::timestamptz, %(after_uuid)s::uuid)
    AND EXISTS (SELECT FROM visible_people(%(viewer_uuid)s::uuid) v WHERE v.uuid = followed_uuid)
  ORDER BY created_at DESC, followed_uuid DESC
  LIMIT %(limit)s + 1
) f ON true
LEFT JOIN users p ON p.uuid = f.followed_uuid
LEFT JOIN follows mine ON mine.follower_uuid = (SELECT uuid FROM caller) AND mine.followed_uuid = p.uuid
LEFT JOIN follows theirs ON theirs.follower_uuid = p.uuid AND theirs.followed_uuid = (SELECT uuid FROM caller)
WHERE lower(t.handle) = lower(%(handle)s)
GROUP BY t.uuid
