"""The decorators that give a view its caller (services/callers.Caller) from
the request's bearer token."""

from functools import wraps

from flask import g, request

from lib.cognito_jwt_token import TokenRejected, bearer_token, verified_claims
from lib.errors import NotFound
from services.callers import Caller
from services.moderation import is_moderator


def checked(caller: Caller) -> Caller:
    """The caller, checked; its uuid goes into the request's log line and error reports."""
    g.user_uuid = caller.check()["uuid"]
    return caller


def answer_as(view, caller: Caller | None, args, kwargs):
    """Runs the view for `caller`. A write checks the caller first; a read
    (GET) may have its statement check them along, and whatever it did, the
    caller is checked before the answer goes: a bad token is a 401 whatever
    the view answered."""
    if caller is not None and request.method != "GET":
        checked(caller)
    try:
        return view(*args, current_user=caller, **kwargs)
    finally:
        if caller is not None:
            checked(caller)


def auth_required(view):
    """The view gets `current_user`, a Caller; 401 without a valid token."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            raise TokenRejected("token_missing")
        return answer_as(view, Caller(verified_claims(token)), args, kwargs)

    return wrapper


def auth_optional(view):
    """Like auth_required, but anonymous callers get `current_user=None`.
    A token that is present must still be valid."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        caller = None if token is None else Caller(verified_claims(token))
        return answer_as(view, caller, args, kwargs)

    return wrapper


def moderator_required(view):
    """Like auth_required, for moderators and admins only: to anyone else,
    signed in or not, the route does not exist (404 `not_found`)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        token = bearer_token()
        if token is None:
            raise NotFound()
        caller = checked(Caller(verified_claims(token)))
        if not is_moderator(caller["role"]):
            raise NotFound()
        return view(*args, current_user=caller, **kwargs)

    return wrapper


def signed_in_sub() -> str | None:
    """The subject of the request's access token, if it has one still valid
    and its person is still here."""
    try:
        token = bearer_token()
        if token is None:
            return None
        return checked(Caller(verified_claims(token))).claims["sub"]
    except TokenRejected:
        return None
