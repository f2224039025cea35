"""People: the signed-in person's own profile, short cards of anyone, and
who follows whom."""

from flask import Blueprint, jsonify, request

from lib.json_text import json_response
from lib.rate_limit import limit_writes
from routes.guards import auth_optional, auth_required
from services.follows import people, set_following, suggested_people
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


@bp.route("/api/users/@<handle:handle>/follow", methods=["POST", "DELETE"])
@auth_required
@limit_writes
def follow(current_user, handle):
    return jsonify(set_following(current_user["uuid"], handle, on=request.method == "POST"))


@bp.get("/api/users/@<handle:handle>/<any(followers, following):side>")
@auth_optional
def get_people(current_user, handle, side):
    return json_response(people(side, handle, request.args, current_user))


@bp.get("/api/users/suggested")
@auth_optional
def get_suggested(current_user):
    return json_response(suggested_people(request.args, current_user))
