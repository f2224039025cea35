"""Cognito post-confirmation trigger: the confirmed person gets a row in users.

It runs the API's own `create_user` service (packaged beside this file with
the API's lib/, services/ and db/sql/, as bundle.toml says), so a Cognito
user and a local one become users the same way. It is idempotent, and it
raises on any failure so that Cognito reports the error instead of confirming
someone with no row.
"""

from pathlib import Path

from database_secret import database_url
from lib.db import db
from services.create_user import create_user

# The certificate authorities of Amazon RDS, packaged beside this file by
# bin/lambdas/package, so that the connection verifies the database; the URL
# comes from CONNECTION_URL or the secret DB_SECRET_ARN names (database_secret.py).
RDS_CA_BUNDLE = Path(__file__).with_name("rds-global-bundle.pem")


def connection_url() -> str:
    return database_url(RDS_CA_BUNDLE)


def lambda_handler(event, context):
    attributes = event["request"]["userAttributes"]
    handle = attributes["preferred_username"]
    db.configure(connection_url(), pool_size=1)
    create_user(
        cognito_user_id=attributes["sub"],
        handle=handle,
        email=attributes["email"],
        display_name=attributes.get("name") or handle,
    )
    return event
