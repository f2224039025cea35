"""Where avatars go. AVATAR_STORAGE=local: processed files under DATA_DIR,
served by the API. AVATAR_STORAGE=s3: the browser uploads straight to the
uploads bucket with a presigned POST; the process-images Lambda does the rest."""

import os
import re
import secrets
from pathlib import Path

import boto3

from lib.images import MAX_BYTES

FILE_NAME = re.compile(r"^[0-9a-f]{32}-(512|128)\.webp$")
UPLOAD_SECONDS = 300


def new_avatar_key() -> str:
    """A fresh key for every upload, so that no cache can serve a stale avatar."""
    return f"avatars/{secrets.token_hex(16)}"


def avatar_file_name(key: str, size: int) -> str:
    return f"{key.removeprefix('avatars/')}-{size}.webp"


class LocalAvatars:
    def __init__(self, data_dir: Path):
        self.root = Path(data_dir) / "avatars"

    def save(self, key: str, images: dict[int, bytes]):
        self.root.mkdir(parents=True, exist_ok=True)
        for size, data in images.items():
            final = self.root / avatar_file_name(key, size)
            partial = final.with_suffix(".partial")
            partial.write_bytes(data)
            os.replace(partial, final)

    def delete(self, key: str, sizes=(512, 128)):
        for size in sizes:
            (self.root / avatar_file_name(key, size)).unlink(missing_ok=True)

    def path(self, file_name: str) -> Path | None:
        """The file behind an avatar URL; None for anything that is not one."""
        if not FILE_NAME.match(file_name):
            return None
        path = self.root / file_name
        return path if path.is_file() else None


class S3Uploads:
    def __init__(self, bucket: str, region: str):
        self.bucket = bucket
        # The standard chain: AWS_ENDPOINT_URL(_S3), task role, session tokens.
        self.client = boto3.client("s3", region_name=region)

    def presigned_post(self, user_uuid, content_type: str) -> dict:
        """A one-time upload form for the browser: this caller's key, an image
        type, at most 5 MB, valid for five minutes."""
        key = f"uploads/{user_uuid}/{secrets.token_hex(16)}"
        post = self.client.generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[{"Content-Type": content_type}, ["content-length-range", 1, MAX_BYTES]],
            ExpiresIn=UPLOAD_SECONDS,
        )
        return {"url": post["url"], "fields": post["fields"], "key": key}
