"""Tickets for the live stream, which the stream process serves (stream/)."""

from flask import Blueprint, jsonify

from routes.guards import auth_required, checked
from services import stream_tickets

bp = Blueprint("stream_tickets", __name__)


@bp.post("/api/stream/ticket")
@auth_required
def post_ticket(current_user):
    return jsonify(stream_tickets.issue(checked(current_user))), 201
