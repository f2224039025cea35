"""A person's avatar: upload and process it (local storage), hand out an
upload form (S3 storage), and record a processed avatar (both; the
process-images Lambda calls `record_avatar` too)."""

import logging

from lib.db import db
from lib.errors import ApiError
from lib.images import CONTENT_TYPES, process_avatar
from lib.storage import LocalAvatars, S3Uploads, new_avatar_key
from lib.validation import RequestModel, parse
from services.profile import own_profile

log = logging.getLogger(__name__)


class UploadRequest(RequestModel):
    content_type: str


def record_avatar(user_uuid, avatar_key: str) -> str | None:
    """Points the user at a processed avatar; returns the key it replaced."""
    row = db.query_one("users/set_avatar", {"user_uuid": user_uuid, "avatar_key": avatar_key})
    if row is None:
        raise ApiError(404, "user_not_found")
    return row["old_key"]


def upload_avatar(user_uuid, data: bytes, storage: LocalAvatars) -> str:
    """Processes the upload and makes it the user's avatar; the profile as JSON
    text. Nothing is stored, and the old avatar stays, when the upload is refused."""
    images = process_avatar(data)
    key = new_avatar_key()
    storage.save(key, images)
    old_key = record_avatar(user_uuid, key)
    if old_key:
        storage.delete(old_key)
    return own_profile(user_uuid)


def avatar_upload_form(user_uuid, body, uploads: S3Uploads) -> dict:
    form = parse(UploadRequest, body)
    if form.content_type not in CONTENT_TYPES:
        raise ApiError(422, "avatar_unsupported_type")
    return uploads.presigned_post(user_uuid, form.content_type)
