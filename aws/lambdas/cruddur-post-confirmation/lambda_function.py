"""Cognito post-confirmation trigger: the confirmed person gets a row in users.

It runs the API's own `create_user` service (packaged beside this file with
the API's lib/, services/ and db/sql/), so a Cognito user and a local one
become users the same way. It is idempotent, and it raises on any failure so
that Cognito reports the error instead of confirming someone with no row.
"""

import json
import os
from pathlib import Path
from urllib.parse import quote

import boto3
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from lib.db import db
from services.create_user import create_user

# The certificate authorities of Amazon RDS, packaged beside this file by
# bin/lambdas/package, so that the connection verifies the database.
RDS_CA_BUNDLE = Path(__file__).with_name("rds-global-bundle.pem")


def connection_url() -> str:
    """CONNECTION_URL, or the database secret in Secrets Manager: either the
    URL itself or RDS's JSON (username, password, host, port, dbname). A
    secret's URL verifies the server against the packaged RDS bundle."""
    if os.environ.get("CONNECTION_URL"):
        return os.environ["CONNECTION_URL"]
    secret_arn = os.environ.get("DB_SECRET_ARN")
    if not secret_arn:
        raise RuntimeError("set CONNECTION_URL or DB_SECRET_ARN")
    value = boto3.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"]
    if value.startswith(("postgresql://", "postgres://")):
        return with_packaged_ca(value)
    secret = json.loads(value)
    user, password = quote(secret["username"], safe=""), quote(secret["password"], safe="")
    host, port = secret["host"], secret.get("port", 5432)
    return (
        f"postgresql://{user}:{password}@{host}:{port}/{secret.get('dbname', 'cruddur')}"
        f"?sslmode=verify-full&sslrootcert={quote(str(RDS_CA_BUNDLE))}"
    )


def with_packaged_ca(url: str) -> str:
    """The URL with its sslrootcert (the path in the API's image) pointed at this function's copy."""
    if "sslrootcert" not in conninfo_to_dict(url):
        return url
    return make_conninfo(url, sslrootcert=str(RDS_CA_BUNDLE))


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
