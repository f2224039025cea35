-- One live crud or reply by its author's handle and its uuid, as JSON.
SELECT activity_json(a, u, l.user_uuid IS NOT NULL, r.user_uuid IS NOT NULL)::text
FROM activities a
JOIN users u ON u.uuid = a.user_uuid
LEFT JOIN likes l ON l.activity_uuid = a.uuid AND l.user_uuid = %(viewer_uuid)s::uuid
LEFT JOIN reposts r ON r.activity_uuid = a.uuid AND r.user_uuid = %(viewer_uuid)s::uuid
WHERE a.uuid = %(activity_uuid)s
  AND lower(u.handle) = lower(%(handle)s)
  AND a.expires_at > now()
