SELECT uuid, handle, display_name
FROM users
WHERE lower(handle) = lower(%(handle)s)
