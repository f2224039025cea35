-- An operator sets a person's role. Their handle and role; no row when nobody has the handle.
UPDATE users SET role = %(role)s WHERE lower(handle) = lower(%(handle)s) RETURNING handle, role
