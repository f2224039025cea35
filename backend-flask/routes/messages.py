"""Direct messages: the caller's conversations, one conversation, sending."""

from flask import Blueprint, jsonify, request

from lib.idempotency import idempotent
from lib.rate_limit import limit_writes
from routes.guards import auth_required
from services.messages import list_message_groups, list_messages, send_message

bp = Blueprint("messages", __name__)


@bp.get("/api/message_groups")
@auth_required
def get_message_groups(current_user):
    return jsonify(list_message_groups(current_user, request.args))


@bp.get("/api/messages/<message_group_uuid>")
@auth_required
def get_messages(current_user, message_group_uuid):
    return jsonify(list_messages(current_user, message_group_uuid, request.args))


@bp.post("/api/messages")
@auth_required
@limit_writes
@idempotent
def post_message(current_user, idempotency_key):
    return jsonify(send_message(current_user, request.get_json(silent=True), idempotency_key)), 201
