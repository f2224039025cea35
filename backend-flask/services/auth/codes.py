"""One-time codes (confirm sign-up, reset password): issued, delivered,
checked. A code expires, allows a few tries, and is stored hashed; an
identity gets at most WRONG_CODES wrong tries an hour, however many codes it
asks for.

Delivery stands in for Cognito's email: in development the code is logged
and kept in the outbox; under test only kept in the outbox; in production
neither, so a code never reaches a log there."""

import logging

from lib.db import db
from lib.errors import ApiError
from lib.local_identity import code_hash, new_code
from services.auth.throttles import after_wrong_code, before_code_check

log = logging.getLogger("cruddur.local_identity")

LIFETIME_SECONDS = {"confirm": 24 * 3600, "reset": 3600}
ATTEMPTS = 5


def issue_code(identity: dict, purpose: str, env: str, conn=None):
    """Saves a new code for the identity and 'emails' it as the environment allows."""
    code = new_code()
    db.execute(
        "local_auth/save_code",
        {
            "sub": identity["sub"],
            "purpose": purpose,
            "code_hash": code_hash(identity["sub"], code),
            "attempts": ATTEMPTS,
            "seconds": LIFETIME_SECONDS[purpose],
        },
        conn,
    )
    if env == "development":
        log.info("%s code for %s: %s", purpose, identity["email"], code)
    else:
        log.info("%s code issued for %s", purpose, identity["email"])
    if env != "production":
        db.execute("local_auth/outbox_add", {"email": identity["email"], "purpose": purpose, "code": code}, conn)


def spend_code(identity: dict, purpose: str, code: str, conn) -> bool:
    """Checks the code inside the caller's transaction. A right code is used
    up (True); a wrong one costs a try (False), which the caller commits before
    it answers with `wrong_code()`."""
    key = {"sub": identity["sub"], "purpose": purpose}
    saved = db.query_one("local_auth/code_for_update", key, conn)
    if saved is None or not saved["live"] or saved["attempts_left"] <= 0:
        raise ApiError(400, "code_expired")
    # After the row lock: tries for one code are counted one at a time.
    before_code_check(identity["sub"])
    if saved["code_hash"] != code_hash(identity["sub"], code):
        db.execute("local_auth/spend_attempt", key, conn)
        after_wrong_code(identity["sub"])
        return False
    db.execute("local_auth/delete_code", key, conn)
    return True


def wrong_code() -> ApiError:
    return ApiError(400, "code_mismatch")
