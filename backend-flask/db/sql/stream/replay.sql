-- What one person missed after an event they saw, oldest first: NULL when
-- that event is no longer in the log (the client must refetch instead).
-- The audience rules are timeline_audience.sql's, for one person.
SELECT CASE WHEN EXISTS (SELECT FROM stream_events WHERE id = %(after)s) THEN coalesce(json_agg(json_build_object(
    'id', e.id, 'kind', e.kind, 'recipients', e.recipients, 'author_uuid', e.author_uuid, 'data', e.data)
    ORDER BY e.id), '[]') END
FROM stream_events e
WHERE e.id > %(after)s
  AND (%(person)s::uuid = ANY (e.recipients)
       OR (e.recipients IS NULL AND e.author_uuid IS NULL)
       OR (e.author_uuid IS NOT NULL AND e.author_uuid <> %(person)s::uuid AND EXISTS (
             SELECT FROM follows f WHERE f.follower_uuid = %(person)s::uuid AND f.followed_uuid = e.author_uuid)
           AND EXISTS (SELECT FROM shown_person(%(person)s::uuid, e.author_uuid))))
