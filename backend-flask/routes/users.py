"""People: the signed-in user's own profile."""

from flask import Blueprint, jsonify

from lib.cognito_jwt_token import auth_required

bp = Blueprint("users", __name__)


@bp.get("/api/profile")
@auth_required
def get_profile(current_user):
    return jsonify(current_user)
