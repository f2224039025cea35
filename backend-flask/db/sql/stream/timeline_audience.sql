-- Who hears of new cruds by these authors: their followers whose timelines
-- show them (shown_person: not blocked either way, not muted, not suspended).
SELECT f.followed_uuid AS author_uuid, f.follower_uuid
FROM follows f
WHERE f.followed_uuid = ANY (%(authors)s::uuid[])
  AND EXISTS (SELECT FROM shown_person(f.follower_uuid, f.followed_uuid))
