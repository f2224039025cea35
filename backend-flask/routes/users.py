"""People: the signed-in person's own profile, short cards of anyone, who
follows whom, and whom one blocks or mutes."""

from flask import Blueprint, jsonify, request

from lib.json_text import json_response
from lib.rate_limit import limit_writes
from routes.guards import auth_optional, auth_required
from services.blocks_and_mutes import blocked_people, mute, muted_people, set_blocking, unmute
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
@auth_optional
def get_user_short(current_user, handle):
    return json_response(user_short(handle, current_user))


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


@bp.route("/api/users/@<handle:handle>/block", methods=["POST", "DELETE"])
@auth_required
@limit_writes
def block(current_user, handle):
    return jsonify(set_blocking(current_user["uuid"], handle, on=request.method == "POST"))


@bp.post("/api/users/@<handle:handle>/mute")
@auth_required
@limit_writes
def post_mute(current_user, handle):
    return jsonify(mute(current_user["uuid"], handle, request.get_json(silent=True)))


@bp.delete("/api/users/@<handle:handle>/mute")
@auth_required
@limit_writes
def delete_mute(current_user, handle):
    return jsonify(unmute(current_user["uuid"], handle))


@bp.get("/api/blocks")
@auth_required
def get_blocks(current_user):
    return json_response(blocked_people(current_user, request.args))


@bp.get("/api/mutes")
@auth_required
def get_mutes(current_user):
    return json_response(muted_people(current_user, request.args))
