-- The uuid of the person with a handle, whatever its case.
SELECT uuid
FROM users
WHERE lower(handle) = lower(%(handle)s)
