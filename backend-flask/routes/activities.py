"""Cruds: feeds, posting, replies, likes, reposts, search and notifications."""

from flask import Blueprint, jsonify, request

from lib.idempotency import idempotent
from lib.json_text import json_response
from lib.rate_limit import limit_writes
from routes.guards import auth_optional, auth_required
from services.create_activity import create_activity
from services.create_reply import create_reply
from services.delete_activity import delete_activity
from services.home_activities import home_activities, public_activities
from services.notifications import list_notifications, mark_notifications_read
from services.react_to_activity import react
from services.search_activities import search_activities
from services.show_activity import show_activity
from services.user_activities import user_activities

bp = Blueprint("activities", __name__, url_prefix="/api/activities")


@bp.get("/home")
@auth_optional
def get_home(current_user):
    return json_response(home_activities(request.args, current_user))


@bp.get("/public")
@auth_optional
def get_public(current_user):
    return json_response(public_activities(request.args, current_user))


@bp.post("")
@auth_required
@limit_writes
@idempotent
def post_activity(current_user, idempotency_key):
    activity = create_activity(current_user["uuid"], request.get_json(silent=True), idempotency_key)
    return json_response(activity, 201)


@bp.post("/<uuid:activity_uuid>/reply")
@auth_required
@limit_writes
@idempotent
def post_reply(current_user, activity_uuid, idempotency_key):
    reply = create_reply(current_user["uuid"], activity_uuid, request.get_json(silent=True), idempotency_key)
    return json_response(reply, 201)


@bp.delete("/<uuid:activity_uuid>")
@auth_required
@limit_writes
def delete(current_user, activity_uuid):
    delete_activity(current_user["uuid"], activity_uuid)
    return "", 204


@bp.get("/@<handle:handle>")
@auth_optional
def get_user_activities(current_user, handle):
    return json_response(user_activities(handle, request.args, current_user))


@bp.get("/@<handle:handle>/status/<uuid:activity_uuid>")
@auth_optional
def get_activity(current_user, handle, activity_uuid):
    return json_response(show_activity(handle, activity_uuid, request.args, current_user))


@bp.get("/search")
@auth_optional
def get_search(current_user):
    return json_response(search_activities(request.args, current_user))


@bp.get("/notifications")
@auth_required
def get_notifications(current_user):
    return json_response(list_notifications(current_user, request.args))


@bp.post("/notifications/read")
@auth_required
def post_notifications_read(current_user):
    return jsonify(mark_notifications_read(current_user["uuid"]))


def reaction_routes(kind: str):
    """POST to like (or repost), DELETE to take it back."""

    @auth_required
    @limit_writes
    def toggle(current_user, activity_uuid):
        return jsonify(react(kind, current_user["uuid"], activity_uuid, on=request.method == "POST"))

    bp.add_url_rule(f"/<uuid:activity_uuid>/{kind}", f"{kind}_activity", toggle, methods=["POST", "DELETE"])


reaction_routes("like")
reaction_routes("repost")
