"""aws/lambdas/shared/database_secret.py: the one way both Lambdas find their
database. The secret holds a postgresql:// URL or RDS's JSON; either gives a
URL that verifies the server with the function's own CA bundle. Then each
Lambda's zip, unpacked, reads a secret from Secrets Manager (moto) with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import boto3
import pytest
from ops_stubs import REPO, aws_env, run, script_env
from psycopg.conninfo import conninfo_to_dict

sys.path.insert(0, str(REPO / "aws" / "lambdas" / "shared"))

from database_secret import SecretError, database_url, url_from_secret  # noqa: E402

CA = Path("/var/task/rds-global-bundle.pem")
RDS_SECRET = {
    "engine": "postgres",
    "username": "cruddur_app",
    "password": "p@ss/w:rd?&=#%",
    "host": "cruddur.abc123.us-east-1.rds.amazonaws.com",
    "port": 5432,
    "dbname": "cruddur",
    "dbInstanceIdentifier": "dev-cruddur",
}
VERIFIED = {"sslmode": "verify-full", "sslrootcert": str(CA)}


def test_rds_json_becomes_a_url_that_verifies_the_server():
    assert conninfo_to_dict(url_from_secret(json.dumps(RDS_SECRET), CA)) == {
        "user": "cruddur_app",
        "password": "p@ss/w:rd?&=#%",
        "host": "cruddur.abc123.us-east-1.rds.amazonaws.com",
        "port": "5432",
        "dbname": "cruddur",
        **VERIFIED,
    }


def test_rds_json_without_port_or_dbname_takes_the_defaults():
    secret = {"username": "u", "password": "p", "host": "db.internal"}
    assert conninfo_to_dict(url_from_secret(json.dumps(secret), CA)) == {
        "user": "u",
        "password": "p",
        "host": "db.internal",
        "port": "5432",
        "dbname": "cruddur",
        **VERIFIED,
    }


def test_a_plain_url_is_kept_and_its_ca_bundle_is_the_functions():
    plain = "postgresql://cruddur_app:secret@db.internal:5432/cruddur?sslmode=require"
    assert url_from_secret(plain + "\n", CA) == plain
    image = plain.replace("require", "verify-full&sslrootcert=/etc/ssl/certs/rds-global-bundle.pem")
    assert conninfo_to_dict(url_from_secret(image, CA)) == conninfo_to_dict(image) | VERIFIED


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("not a url", "neither a postgresql:// URL nor RDS's JSON"),
        ('["p@ss"]', "is not an object"),
        (json.dumps({"username": "u", "password": "p@ss"}), "has no host"),
        (json.dumps({"host": "h", "password": "p@ss"}), "has no username"),
    ],
)
def test_a_secret_it_cannot_use_is_named_without_its_value(value, message):
    with pytest.raises(SecretError, match=message) as refused:
        url_from_secret(value, CA)
    assert "p@ss" not in str(refused.value)


def test_connection_url_wins_and_one_of_the_two_is_needed():
    never = {"DB_SECRET_ARN": "arn:x"}

    def unread(arn):
        raise AssertionError("the secret was read")

    assert database_url(CA, {"CONNECTION_URL": "postgresql://a/b", **never}, unread) == "postgresql://a/b"
    assert database_url(CA, never, lambda arn: json.dumps(RDS_SECRET)).startswith("postgresql://cruddur_app:")
    with pytest.raises(SecretError, match="set CONNECTION_URL or DB_SECRET_ARN"):
        database_url(CA, {}, unread)


READ = """
import os, sys
import lambda_function
for arn in sys.argv[1:]:
    os.environ["DB_SECRET_ARN"] = arn
    print(lambda_function.database_url.__module__, lambda_function.connection_url())
"""


@pytest.mark.parametrize("name", ["cruddur-post-confirmation", "process-images"])
def test_each_lambda_reads_either_secret_from_its_zip(name, endpoint, tmp_path):
    secrets = boto3.client(
        "secretsmanager",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    url = "postgresql://cruddur_app:secret@db.internal:5432/cruddur?sslmode=verify-full&sslrootcert=/etc/x.pem"
    values = [json.dumps(RDS_SECRET), url]
    arns = [
        secrets.create_secret(Name=f"{name}-{number}", SecretString=value)["ARN"] for number, value in enumerate(values)
    ]
    out = tmp_path / f"{name}.zip"
    assert run("bin/lambdas/package", [name, "--no-deps", "--output", str(out)], script_env(tmp_path)).returncode == 0
    task = tmp_path / "task"
    with zipfile.ZipFile(out) as archive:
        archive.extractall(task)
    shown = subprocess.run(
        [sys.executable, "-c", READ, *arns],
        cwd=task,
        env=aws_env(tmp_path, endpoint, PYTHONPATH=str(task)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    bundle = task / "rds-global-bundle.pem"
    lines = shown.stdout.strip().splitlines()
    assert len(lines) == len(values)
    for line, value in zip(lines, values, strict=True):
        module, found = line.split(maxsplit=1)
        assert module == "database_secret"
        assert conninfo_to_dict(found) == conninfo_to_dict(url_from_secret(value, bundle))
        assert conninfo_to_dict(found)["sslrootcert"] == str(bundle)
