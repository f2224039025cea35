INSERT INTO local_refresh_tokens (token_hash, sub, expires_at)
VALUES (%(token_hash)s, %(sub)s, now() + make_interval(secs => %(seconds)s))
