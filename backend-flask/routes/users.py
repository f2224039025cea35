"""People: the signed-in user's own profile."""

from flask import Blueprint, jsonify

from lib.cognito_jwt_token import auth_required
from lib.json_text import json_response
from services.user_short import user_short

bp = Blueprint("users", __name__)


@bp.get("/api/profile")
@auth_required
def get_profile(current_user):
    return jsonify(current_user)


@bp.get("/api/users/@<handle>/short")
def get_user_short(handle):
    return json_response(user_short(handle))
