-- A new code replaces the identity's previous one for the same purpose.
INSERT INTO local_codes (sub, purpose, code_hash, attempts_left, expires_at)
VALUES (%(sub)s, %(purpose)s, %(code_hash)s, %(attempts)s, now() + make_interval(secs => %(seconds)s))
ON CONFLICT (sub, purpose) DO UPDATE
SET code_hash = EXCLUDED.code_hash, attempts_left = EXCLUDED.attempts_left, expires_at = EXCLUDED.expires_at
