-- Who of the connected people hears of new cruds by these authors: those who
-- follow them and whose timelines show them (shown_person: not blocked either
-- way, not muted, not suspended). Only connected followers are looked at: an
-- author may have far more followers than a stream process holds people.
SELECT f.followed_uuid AS author_uuid, f.follower_uuid
FROM unnest(%(connected)s::uuid[]) AS connected (uuid)
JOIN follows f ON f.follower_uuid = connected.uuid
WHERE f.followed_uuid = ANY (%(authors)s::uuid[])
  AND EXISTS (SELECT FROM shown_person(f.follower_uuid, f.followed_uuid))
