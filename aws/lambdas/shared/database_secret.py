"""The database URL of a Lambda that connects to PostgreSQL, shared by the
functions that do (bin/lambdas/package puts this module at their zip's root,
as each one's bundle.toml asks).

CONNECTION_URL when it is set; otherwise the Secrets Manager secret that
DB_SECRET_ARN names, holding whichever the template gives: the URL itself
(the db stack's ConnectionUrlSecret), or RDS's JSON (username, password,
host, port, dbname, as Secrets Manager keeps a database's credentials). A
URL from a secret verifies the server (sslmode=verify-full) against the RDS
certificate authorities packaged beside the function's handler.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

from psycopg.conninfo import conninfo_to_dict, make_conninfo

DEFAULT_PORT = 5432
DEFAULT_DBNAME = "cruddur"
URL_SCHEMES = ("postgresql://", "postgres://")


class SecretError(Exception):
    """A database secret this module cannot use. The message never holds the secret."""


def database_url(
    ca_bundle: Path,
    environ: Mapping[str, str] | None = None,
    read_secret: Callable[[str], str] | None = None,
) -> str:
    environ = os.environ if environ is None else environ
    if environ.get("CONNECTION_URL"):
        return environ["CONNECTION_URL"]
    secret_arn = environ.get("DB_SECRET_ARN")
    if not secret_arn:
        raise SecretError("set CONNECTION_URL or DB_SECRET_ARN")
    return url_from_secret((read_secret or secret_string)(secret_arn), ca_bundle)


def secret_string(secret_arn: str) -> str:
    import boto3  # the Lambda runtime's own

    return boto3.client("secretsmanager").get_secret_value(SecretId=secret_arn)["SecretString"]


def url_from_secret(value: str, ca_bundle: Path) -> str:
    """The URL a secret's value gives: a postgresql:// URL as it is (its
    sslrootcert, the path in the API's image, pointed at ca_bundle), or RDS's
    JSON turned into a URL that verifies the server against ca_bundle."""
    value = value.strip()
    if value.startswith(URL_SCHEMES):
        return with_ca_bundle(value, ca_bundle)
    try:
        secret = json.loads(value)
    except json.JSONDecodeError:
        raise SecretError("the database secret is neither a postgresql:// URL nor RDS's JSON") from None
    if not isinstance(secret, dict):
        raise SecretError("the database secret's JSON is not an object")
    missing = [key for key in ("username", "password", "host") if not secret.get(key)]
    if missing:
        raise SecretError(f"the database secret's JSON has no {', '.join(missing)}")
    user, password = quote(str(secret["username"]), safe=""), quote(str(secret["password"]), safe="")
    host, port = secret["host"], secret.get("port") or DEFAULT_PORT
    dbname = quote(str(secret.get("dbname") or DEFAULT_DBNAME), safe="")
    return (
        f"postgresql://{user}:{password}@{host}:{port}/{dbname}?sslmode=verify-full&sslrootcert={quote(str(ca_bundle))}"
    )


def with_ca_bundle(url: str, ca_bundle: Path) -> str:
    """The URL with its sslrootcert, if it has one, pointed at ca_bundle."""
    if "sslrootcert" not in conninfo_to_dict(url):
        return url
    return make_conninfo(url, sslrootcert=str(ca_bundle))
