INSERT INTO local_identities (email, handle, display_name, password_hash)
VALUES (%(email)s, %(handle)s, %(display_name)s, %(password_hash)s)
RETURNING sub
