"""Sessions that end at once, whichever provider issued their tokens: a
person's cut-off time, against which every request compares its access
token's issue time (services/callers.py)."""

from lib.db import db


def end_sessions(cognito_user_id: str, conn=None):
    """Access tokens issued until now stop working; refreshed ones work."""
    db.execute("users/end_sessions", {"cognito_user_id": str(cognito_user_id)}, conn)
