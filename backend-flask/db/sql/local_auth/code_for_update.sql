SELECT code_hash, attempts_left, expires_at > now() AS live
FROM local_codes
WHERE sub = %(sub)s AND purpose = %(purpose)s
FOR UPDATE
