INSERT INTO local_refresh_tokens (token_hash, sub, family, expires_at)
VALUES (%(token_hash)s, %(sub)s, %(family)s, now() + make_interval(secs => %(seconds)s))
