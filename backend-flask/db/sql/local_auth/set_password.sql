UPDATE local_identities SET password_hash = %(password_hash)s WHERE sub = %(sub)s
