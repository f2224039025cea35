"""Avatars: upload (local storage) or an upload form (S3), the processed
files (local storage), and the generated placeholders."""

from flask import Blueprint, Response, current_app, jsonify, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge

from lib.errors import ApiError, NotFound
from lib.json_text import json_response
from lib.rate_limit import limit_writes
from routes.guards import auth_required
from services.avatars import avatar_upload_form, upload_avatar
from services.placeholder_avatar import placeholder_svg

bp = Blueprint("avatars", __name__)
local_bp = Blueprint("avatars_local", __name__)
s3_bp = Blueprint("avatars_s3", __name__)

YEAR = 365 * 24 * 3600


@bp.get("/avatars/placeholder/<handle:handle>.svg")
def get_placeholder(handle):
    response = Response(placeholder_svg(handle.lower()), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@local_bp.post("/api/profile/avatar")
@auth_required
@limit_writes
def post_avatar(current_user):
    try:
        upload = request.files.get("avatar")
    except RequestEntityTooLarge:
        raise ApiError(413, "avatar_too_large") from None
    if upload is None:
        raise ApiError(422, "avatar_missing")
    storage = current_app.extensions["avatars"]
    return json_response(upload_avatar(current_user["uuid"], upload.read(), storage))


@local_bp.get("/avatars/<file_name>")
def get_avatar(file_name):
    path = current_app.extensions["avatars"].path(file_name)
    if path is None:
        raise NotFound()
    response = send_file(path, mimetype="image/webp", max_age=YEAR, conditional=True)
    response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    return response


@s3_bp.post("/api/profile/avatar/upload")
@auth_required
@limit_writes
def post_avatar_upload(current_user):
    uploads = current_app.extensions["avatars"]
    return jsonify(avatar_upload_form(current_user["uuid"], request.get_json(silent=True), uploads))
