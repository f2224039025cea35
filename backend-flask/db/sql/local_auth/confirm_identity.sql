UPDATE local_identities SET confirmed_at = now() WHERE sub = %(sub)s AND confirmed_at IS NULL
