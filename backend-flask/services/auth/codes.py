"""One-time codes (confirm sign-up, reset password): issued, delivered,
checked. A code expires, allows a few tries, and is stored hashed."""

import logging

from lib.db import db
from lib.errors import ApiError
from lib.local_identity import code_hash, new_code

log = logging.getLogger("cruddur.local_identity")

LIFETIME_SECONDS = {"confirm": 24 * 3600, "reset": 3600}
ATTEMPTS = 5


def issue_code(identity: dict, purpose: str, keep_in_outbox: bool, conn=None):
    """Saves a new code for the identity and 'emails' it: to the log, and in
    development to the outbox the browser tests read."""
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
    log.info("%s code for %s: %s", purpose, identity["email"], code)
    if keep_in_outbox:
        db.execute("local_auth/outbox_add", {"email": identity["email"], "purpose": purpose, "code": code}, conn)


def spend_code(identity: dict, purpose: str, code: str, conn) -> bool:
    """Checks the code inside the caller's transaction. A right code is used
    up (True); a wrong one costs a try (False), which the caller commits before
    it answers with `wrong_code()`."""
    key = {"sub": identity["sub"], "purpose": purpose}
    saved = db.query_one("local_auth/code_for_update", key, conn)
    if saved is None or not saved["live"] or saved["attempts_left"] <= 0:
        raise ApiError(400, "code_expired")
    if saved["code_hash"] != code_hash(identity["sub"], code):
        db.execute("local_auth/spend_attempt", key, conn)
        return False
    db.execute("local_auth/delete_code", key, conn)
    return True


def wrong_code() -> ApiError:
    return ApiError(400, "code_mismatch")
