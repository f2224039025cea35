"""People: the signed-in person's own profile, and short cards of anyone."""

from flask import Blueprint, request

from lib.json_text import json_response
from lib.rate_limit import limit_writes
from routes.guards import auth_required
from services.profile import own_profile, update_profile
from services.user_short import user_short

bp = Blueprint("users", __name__)


@bp.get("/api/profile")
@auth_required
def get_profile(current_user):
    return json_response(own_profile(current_user["uuid"]))


@bp.put("/api/profile")
@auth_required
@limit_writes
def put_profile(current_user):
    return json_response(update_profile(current_user["uuid"], request.get_json(silent=True)))


@bp.get("/api/users/@<handle:handle>/short")
def get_user_short(handle):
    return json_response(user_short(handle))
