"""Who is calling: the person a verified token names, found in PostgreSQL.

A verified token (lib/cognito_jwt_token) says only who the identity provider
vouches for. Whether that person still exists here, and whether their sessions
were ended after the token was issued, is asked of the `users` row once a
request: by the read that carries it along (read_as), or else at the first
look at the caller (Caller.check).
"""

from collections.abc import Mapping

from lib.cognito_jwt_token import TokenRejected, VerifiedTokens
from lib.db import db
from services.suspensions import refuse_if_suspended

CALLER = "users/caller_by_cognito_user_id"
# Token subject -> users.uuid, as this process last read and checked it: a
# person's uuid never changes, so a read can use it before the check its own
# statement makes (Caller.known_uuid). Bounded like VerifiedTokens.
KNOWN_UUIDS: dict[str, object] = {}


class Caller(Mapping):
    """The person of a token's claims, as their users row (uuid, handle,
    display_name). Until the row is read and accepted nothing is known of
    them; whoever answers the request checks it before the answer goes."""

    def __init__(self, claims: dict):
        self.claims = claims
        self._row: dict | None = None
        self._rejected: str | None = None
        self._used_uuid = None  # what known_uuid() gave before the check

    def accept(self, row: dict | None):
        """Takes the users row read for the token: 401 `user_unknown` without
        one, `token_revoked` for a token issued before the person's sessions
        last ended, and 403 `account_suspended` while they are suspended."""
        person = dict(row) if row is not None else None
        ended_at = person.pop("sessions_ended_at") if person is not None else None
        suspended_until = person.pop("suspended_until") if person is not None else None
        if person is None:
            self._rejected = "user_unknown"
        elif ended_at is not None and self.claims["iat"] < ended_at:
            self._rejected = "token_revoked"
        elif self._used_uuid is not None and str(self._used_uuid) != str(person["uuid"]):
            self._rejected = "user_unknown"  # not the person this request has read for
        if self._rejected:
            KNOWN_UUIDS.pop(self.claims["sub"], None)
            raise TokenRejected(self._rejected)
        refuse_if_suspended(suspended_until)
        if len(KNOWN_UUIDS) >= VerifiedTokens.MAX_ENTRIES:
            KNOWN_UUIDS.clear()
        KNOWN_UUIDS[self.claims["sub"]] = person["uuid"]
        self._row = person

    def check(self) -> "Caller":
        """The caller, read and accepted (at most one read); TokenRejected otherwise."""
        if self._rejected:
            raise TokenRejected(self._rejected)
        if self._row is None:
            self.accept(db.query_one(CALLER, {"cognito_user_id": self.claims["sub"]}))
        return self

    def known_uuid(self):
        """The person's uuid for a read that checks the caller in its own
        statement later (read_as): what this process found for the token's
        subject before, or else read and checked now. Nothing may be answered
        before that check."""
        if self._row is None and self.claims["sub"] in KNOWN_UUIDS:
            self._used_uuid = KNOWN_UUIDS[self.claims["sub"]]
            return self._used_uuid
        return self.check()._row["uuid"]

    def __getitem__(self, key):
        return self.check()._row[key]

    def __iter__(self):
        return iter(self.check()._row)

    def __len__(self):
        return len(self.check()._row)


def read_as(viewer: Caller | None, name: str, params: dict):
    """The value of the read `name` for `viewer` (None: nobody signed in), in
    one statement with the viewer's users row, which its SQL finds as `caller`
    (no row for nobody); the row is checked as Caller.accept says. The SQL
    also has the viewer's uuid as `viewer_uuid` (NULL for nobody), which the
    visibility rules (visible_activities() and its kin) take."""
    sub = viewer.claims["sub"] if viewer is not None else None
    viewer_uuid = viewer.known_uuid() if viewer is not None else None
    params = params | {"cognito_user_id": sub, "viewer_uuid": viewer_uuid}
    value, row = db.query_value_beside(name, params, "caller", CALLER)
    if viewer is not None:
        viewer.accept(row)
    return value
