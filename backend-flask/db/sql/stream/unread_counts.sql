-- Each person's unread notifications, counted as their notifications page counts them.
SELECT p.uuid, (SELECT count(*) FROM shown_notifications(p.uuid) n WHERE n.read_at IS NULL) AS unread_count
FROM unnest(%(people)s::uuid[]) AS p(uuid)
