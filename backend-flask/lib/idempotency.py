"""The `Idempotency-Key` header of the routes that create (a crud, a reply, a
message): a retry with the same key and body from the same person gets the first
answer back (marked `Idempotent-Replayed: true`) and writes nothing; the same key
with another route or body is 422 `idempotency_key_reused`. A retry that arrives
while the first try is still in flight waits for it and replays its answer.
Without the header a route behaves as if this did not exist. The keys are kept
by lib/idempotency_store.py."""

import hashlib
import json
import re
from functools import wraps

from flask import request

from lib.errors import ApiError
from lib.idempotency_store import IdempotencyKey, KeyProblem, Replay, kept
from lib.json_text import json_response

HEADER = "Idempotency-Key"
VALID_KEY = re.compile(r"[ -~]{1,255}")  # printable ASCII


def request_hash() -> bytes:
    """The digest of what the request asks for: its route (with the path's
    values) and its JSON body, whatever the body's spacing or key order."""
    body = request.get_json(silent=True)
    canonical = {
        "route": request.endpoint,
        "args": {name: str(value) for name, value in (request.view_args or {}).items()},
        "body": {"json": body} if body is not None else {"raw": request.get_data().hex()},
    }
    return hashlib.sha256(json.dumps(canonical, sort_keys=True, separators=(",", ":")).encode()).digest()


def request_key(user_uuid) -> IdempotencyKey | None:
    value = request.headers.get(HEADER)
    if value is None:
        return None
    if not VALID_KEY.fullmatch(value):
        raise ApiError(400, "idempotency_key_invalid")
    return IdempotencyKey(user_uuid, value, request_hash())


def may_be_a_retry(error: ApiError) -> bool:
    """A refusal that a kept answer explains away: the first try succeeded, and
    what it relied on (a live crud, a person) may have gone since."""
    return 400 <= error.status < 500 and error.status != 429 and not isinstance(error, KeyProblem)


def idempotent(view):
    """For a write under auth_required: the view gets `idempotency_key` (None
    without the header) and passes it to its service, which keeps its answer."""

    @wraps(view)
    def wrapper(*args, current_user, **kwargs):
        key = request_key(current_user["uuid"])
        try:
            try:
                return view(*args, current_user=current_user, idempotency_key=key, **kwargs)
            except ApiError as error:
                if key is None or not may_be_a_retry(error):
                    raise
                kept(key)
                raise
        except Replay as replay:
            response = json_response(replay.body, replay.status)
            response.headers["Idempotent-Replayed"] = "true"
            return response

    return wrapper
