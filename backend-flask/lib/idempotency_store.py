"""Idempotency keys in PostgreSQL (migration 0008): the first answer to a keyed
write, kept KEY_LIFETIME per person and key, so that a retry gets that answer
back instead of writing again. Plain Python, for the services; the header is
read by lib/idempotency.py.

Two ways to keep an answer:
- a write in PostgreSQL keeps it in its own transaction (`transaction`, `keep`):
  the crud and its answer commit together or not at all. Two requests with one
  key serialise on the key's row; the second rolls its write back and replays.
- a write elsewhere (a message, in DynamoDB) claims the key first (`claim`) and
  writes what the claim names: the same time and uuid on every retry, so a retry
  of a write that got through, or one that races it, writes nothing new. The
  answer is kept afterwards (`answer_claim`).
"""

import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from lib.db import db
from lib.errors import ApiError

KEY_LIFETIME = timedelta(hours=24)
WRITE_NAMESPACE = uuid.UUID("0c7d3f5e-1a8b-4e62-b9f4-6d2e8a1c5b37")


@dataclass(frozen=True)
class IdempotencyKey:
    """A person's key for one request: `request_hash` is that request's digest."""

    user_uuid: uuid.UUID | str
    key: str
    request_hash: bytes

    def params(self, **more) -> dict:
        return {"user_uuid": self.user_uuid, "key": self.key, "lifetime": KEY_LIFETIME} | more


@dataclass(frozen=True)
class Claim:
    """What a claimed write creates: its time and uuid, the same for every retry."""

    created_at: datetime
    uuid: str


class Replay(Exception):
    """The answer first given under a key, to be sent again as it was."""

    def __init__(self, status: int, body: str):
        super().__init__(status)
        self.status = status
        self.body = body


class KeyProblem(ApiError):
    """An error about the key itself, never explained away by a kept answer."""


class _KeyTaken(Exception):
    """keep() found the key taken: the write's transaction must roll back."""


def kept(key: IdempotencyKey) -> dict | None:
    """Raises Replay when an answer to this same request is kept under the key,
    and 422 `idempotency_key_reused` when the key was used for another request;
    otherwise returns the key's unanswered claim, or None when it is free."""
    row = db.query_one("idempotency/live", key.params())
    if row is None:
        return None
    if bytes(row["request_hash"]) != key.request_hash:
        raise KeyProblem(422, "idempotency_key_reused")
    if row["status"] is not None:
        raise Replay(row["status"], row["response"])
    return row


@contextmanager
def transaction(key: IdempotencyKey | None):
    """The connection for a write that keeps its answer under `key` (with keep());
    without a key, None: each statement commits on its own, as without this."""
    if key is None:
        yield None
        return
    try:
        with db.transaction() as conn:
            yield conn
    except _KeyTaken:
        kept(key)
        raise KeyProblem(409, "idempotency_key_in_progress") from None


def keep(key: IdempotencyKey | None, status: int, body: str, conn) -> None:
    """Keeps the answer to a write under `key`, inside transaction(key). When the
    key is taken already (a retry, or a twin still in flight: this waits for it),
    the write is rolled back and the first answer replayed."""
    if key is None:
        return
    params = key.params(request_hash=key.request_hash, status=status, response=body)
    if db.query_value("idempotency/claim", params, conn) is None:
        raise _KeyTaken


def claim(key: IdempotencyKey) -> Claim:
    """Claims `key` before a write outside PostgreSQL, or takes up the unanswered
    claim of an earlier try of the same request (which may have got through)."""
    params = key.params(request_hash=key.request_hash, status=None, response=None)
    created_at = db.query_value("idempotency/claim", params)
    if created_at is None:
        pending = kept(key)
        if pending is None:  # purged between the two statements: only an operator's hand
            raise KeyProblem(409, "idempotency_key_in_progress")
        created_at = pending["created_at"]
    name = f"{key.user_uuid}|{key.key}|{created_at.astimezone(UTC).isoformat()}"
    return Claim(created_at, str(uuid.uuid5(WRITE_NAMESPACE, name)))


def answer_claim(key: IdempotencyKey, status: int, body: str) -> None:
    """Keeps the answer under a claimed key, once the write it claimed for is done."""
    db.execute("idempotency/answer_claim", key.params(status=status, response=body))
