"""S3 trigger on the avatar uploads bucket (AVATAR_STORAGE=s3).

Each upload (key `uploads/<user uuid>/<random>`) goes through the API's own
avatar processing (packaged beside this file with the API's lib/, services/
and db/sql/, as bundle.toml says): both sizes land in the assets bucket under
`avatars/`, then the user's avatar key is recorded and the upload deleted. An
upload that is refused leaves the previous avatar in place.
"""

import logging
import os
import re
import secrets
from pathlib import Path
from urllib.parse import unquote_plus

import boto3

from database_secret import database_url
from lib.db import db
from lib.errors import ApiError
from lib.images import check_size, process_avatar
from lib.storage import avatar_file_name
from services.avatars import record_avatar

log = logging.getLogger()
log.setLevel(logging.INFO)

UPLOAD_KEY = re.compile(r"^uploads/(?P<user>[0-9a-f-]{36})/[0-9a-f]{32}$")
YEAR = 365 * 24 * 3600
# The certificate authorities of Amazon RDS, packaged beside this file by
# bin/lambdas/package, so that the connection verifies the database; the URL
# comes from CONNECTION_URL or the secret DB_SECRET_ARN names (database_secret.py).
RDS_CA_BUNDLE = Path(__file__).with_name("rds-global-bundle.pem")


def connection_url() -> str:
    return database_url(RDS_CA_BUNDLE)


def process_upload(s3, bucket: str, key: str, assets_bucket: str) -> str:
    """Turns one upload into the user's avatar; returns the new avatar key."""
    match = UPLOAD_KEY.match(key)
    if match is None:
        raise ValueError(f"not an avatar upload: {key}")
    check_size(s3.head_object(Bucket=bucket, Key=key)["ContentLength"])
    images = process_avatar(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    avatar_key = f"avatars/{secrets.token_hex(16)}"
    for size, data in images.items():
        s3.put_object(
            Bucket=assets_bucket,
            Key=f"avatars/{avatar_file_name(avatar_key, size)}",
            Body=data,
            ContentType="image/webp",
            CacheControl=f"public, max-age={YEAR}, immutable",
        )
    old_key = record_avatar(match["user"], avatar_key)
    if old_key:
        s3.delete_objects(
            Bucket=assets_bucket,
            Delete={"Objects": [{"Key": f"avatars/{avatar_file_name(old_key, size)}"} for size in (512, 128)]},
        )
    return avatar_key


def lambda_handler(event, context):
    s3 = boto3.client("s3")
    db.configure(connection_url(), pool_size=1)
    assets_bucket = os.environ["ASSETS_BUCKET"]
    processed = []
    for record in event.get("Records", []):
        bucket = record["s3"]["bucket"]["name"]
        key = unquote_plus(record["s3"]["object"]["key"])
        try:
            processed.append(process_upload(s3, bucket, key, assets_bucket))
            log.info("avatar %s made from %s", processed[-1], key)
        except ApiError as refused:
            log.warning("upload %s refused: %s", key, ", ".join(refused.codes))
        # Done with, either way. Anything unexpected raises before this line, so
        # that the upload stays for the retry.
        s3.delete_object(Bucket=bucket, Key=key)
    return {"processed": processed}
