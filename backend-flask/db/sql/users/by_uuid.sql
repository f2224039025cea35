SELECT uuid, handle, display_name
FROM users
WHERE uuid = %(uuid)s
