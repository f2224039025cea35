"""Reports, and what moderators do with them."""

from flask import Blueprint, jsonify, request

from lib.json_text import json_response
from lib.rate_limit import limit_reports, limit_writes
from routes.guards import auth_required, moderator_required
from services import moderation
from services.reports import report

bp = Blueprint("moderation", __name__)


@bp.post("/api/reports")
@auth_required
@limit_reports
def post_report(current_user):
    return json_response(report(current_user["uuid"], request.get_json(silent=True)), 201)


@bp.get("/api/moderation/reports")
@moderator_required
def get_reports(current_user):
    return json_response(moderation.reports(request.args))


@bp.get("/api/moderation/reports/<uuid:report_uuid>")
@moderator_required
def get_report(current_user, report_uuid):
    return json_response(moderation.report(report_uuid))


@bp.post("/api/moderation/reports/<uuid:report_uuid>/actions")
@moderator_required
@limit_writes
def post_action(current_user, report_uuid):
    return json_response(moderation.act(current_user["uuid"], report_uuid, request.get_json(silent=True)))


@bp.delete("/api/moderation/users/@<handle:handle>/suspension")
@moderator_required
@limit_writes
def delete_suspension(current_user, handle):
    return jsonify(moderation.lift_suspension(current_user["uuid"], handle, request.get_json(silent=True)))


@bp.get("/api/moderation/log")
@moderator_required
def get_log(current_user):
    return json_response(moderation.log(request.args))
