"""bin/cognito/list-users and bin/db/update-cognito-user-ids, against Cognito
emulated by moto in server mode and the real PostgreSQL that ./bin/test starts.

The module creates its own database in TEST_DATABASE_URL's server and migrates
it with backend-flask/db/migrate.py; each test starts from an empty users
table and its own user pool. The scripts run as subprocesses told where moto
is by AWS_ENDPOINT_URL, with dummy credentials.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

import boto3
import psycopg
import pytest
from ops_stubs import REPO, aws_env, run

LIST_USERS = "bin/cognito/list-users"
UPDATE_IDS = "bin/db/update-cognito-user-ids"


@pytest.fixture(scope="module")
def database_url():
    server = os.environ.get("TEST_DATABASE_URL", "").rstrip("/")
    if not server:
        pytest.fail("TEST_DATABASE_URL is not set: run these tests with ./bin/test ops, which starts PostgreSQL")
    name = f"cruddur_ops_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    try:
        migrate = subprocess.run(
            [sys.executable, str(REPO / "backend-flask" / "db" / "migrate.py"), "apply"],
            env={**os.environ, "CONNECTION_URL": url},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert migrate.returncode == 0, migrate.stderr
        yield url
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def db(database_url):
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("TRUNCATE users CASCADE")
        yield conn


@pytest.fixture
def cognito(endpoint):
    return boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


class Pool:
    def __init__(self, client):
        self.client = client
        self.id = client.create_user_pool(PoolName=f"cruddur-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]

    def add(self, email: str, handle: str) -> str:
        """A user with this email and preferred_username; returns its sub."""
        attributes = [{"Name": "email", "Value": email}, {"Name": "preferred_username", "Value": handle}]
        user = self.client.admin_create_user(
            UserPoolId=self.id, Username=handle, UserAttributes=attributes, MessageAction="SUPPRESS"
        )["User"]
        return next(item["Value"] for item in user["Attributes"] if item["Name"] == "sub")


@pytest.fixture
def pool(cognito):
    return Pool(cognito)


def add_row(db, email: str, handle: str, cognito_user_id: str):
    db.execute(
        "INSERT INTO users (cognito_user_id, handle, email, display_name) VALUES (%s, %s, %s, %s)",
        (cognito_user_id, handle, email, handle.title()),
    )


def ids(db) -> dict[str, str]:
    return dict(db.execute("SELECT handle, cognito_user_id FROM users ORDER BY handle").fetchall())


# --- bin/cognito/list-users ------------------------------------------------------------


def test_list_users_prints_sub_email_and_preferred_username(pool, endpoint, tmp_path):
    andrew = pool.add("andrew@example.com", "andrewbrown")
    bayko = pool.add("bayko@example.com", "bayko")
    result = run(LIST_USERS, [], aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["sub", "email", "preferred_username", "status"]
    assert [line.split()[:3] for line in lines[1:]] == [
        [andrew, "andrew@example.com", "andrewbrown"],
        [bayko, "bayko@example.com", "bayko"],
    ]
    assert pool.id in result.stderr  # says what it does, on stderr: stdout stays data
    assert "2 user(s)" in result.stderr


def test_list_users_as_json_with_the_pool_as_an_argument(pool, endpoint, tmp_path):
    sub = pool.add("londo@example.com", "londo")
    result = run(LIST_USERS, ["--json", "--pool-id", pool.id], aws_env(tmp_path, endpoint))
    assert result.returncode == 0, result.stderr
    (user,) = json.loads(result.stdout)
    assert {key: user[key] for key in ("sub", "email", "preferred_username", "username")} == {
        "sub": sub,
        "email": "londo@example.com",
        "preferred_username": "londo",
        "username": "londo",
    }


def test_list_users_of_an_empty_pool(pool, endpoint, tmp_path):
    result = run(LIST_USERS, ["--pool-id", pool.id], aws_env(tmp_path, endpoint))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["sub", "email", "preferred_username", "status"]


@pytest.mark.parametrize(
    ("pool_id", "message"),
    [("us-east-1_doesnotexist", "ResourceNotFoundException"), ("not-a-pool", "is not a user pool id")],
)
def test_list_users_of_a_bad_pool_fails_clearly(pool_id, message, endpoint, tmp_path):
    result = run(LIST_USERS, ["--pool-id", pool_id], aws_env(tmp_path, endpoint))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


# --- bin/db/update-cognito-user-ids -------------------------------------------------------


@pytest.fixture
def linked_world(db, pool):
    """Rows and pool users in every relation the script distinguishes."""
    subs = {
        "andrew": pool.add("andrew@example.com", "andrewbrown"),
        "bayko": pool.add("bayko@example.com", "bayko"),  # row's email differs in case
        "linked": pool.add("linked@example.com", "linked"),
        "stranger": pool.add("stranger@example.com", "stranger"),  # no row
    }
    add_row(db, "andrew@example.com", "andrewbrown", "00000000-0000-4000-8000-00000000a001")
    add_row(db, "Bayko@Example.COM", "bayko", "00000000-0000-4000-8000-00000000a002")
    add_row(db, "linked@example.com", "linked", subs["linked"])
    add_row(db, "londo@example.com", "londo", "00000000-0000-4000-8000-00000000a003")  # no pool user
    return subs


def test_update_sets_the_ids_by_email_and_says_what_changed(linked_world, db, pool, database_url, endpoint, tmp_path):
    subs = linked_world
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 0, result.stderr
    assert ids(db) == {
        "andrewbrown": subs["andrew"],
        "bayko": subs["bayko"],
        "linked": subs["linked"],
        "londo": "00000000-0000-4000-8000-00000000a003",
    }
    out = result.stdout
    assert f"andrew@example.com (@andrewbrown): 00000000-0000-4000-8000-00000000a001 -> {subs['andrew']}" in out
    assert f"Bayko@Example.COM (@bayko): 00000000-0000-4000-8000-00000000a002 -> {subs['bayko']}" in out
    assert "unchanged  linked@example.com (@linked)" in out
    assert "no row     stranger@example.com" in out
    assert "2 row(s) updated, 1 already linked, 1 Cognito user(s) without a users row." in out
    assert "1 users row(s) match no Cognito user by email." in out
    assert pool.id in out and database_url.rsplit("/", 1)[1] in out

    again = run(UPDATE_IDS, [], env)
    assert again.returncode == 0, again.stderr
    assert "0 row(s) updated, 3 already linked" in again.stdout
    assert ids(db)["andrewbrown"] == subs["andrew"]


def test_dry_run_changes_nothing(linked_world, db, pool, database_url, endpoint, tmp_path):
    before = ids(db)
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, ["--dry-run"], env)
    assert result.returncode == 0, result.stderr
    assert f"-> {linked_world['andrew']}" in result.stdout
    assert "2 row(s) would be updated (dry run: nothing was changed)" in result.stdout
    assert ids(db) == before


def test_two_rows_may_swap_their_ids(db, pool, database_url, endpoint, tmp_path):
    first = pool.add("first@example.com", "first")
    second = pool.add("second@example.com", "second")
    add_row(db, "first@example.com", "first", second)
    add_row(db, "second@example.com", "second", first)
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 0, result.stderr
    assert ids(db) == {"first": first, "second": second}


def test_a_sub_held_by_another_row_stops_everything(db, pool, database_url, endpoint, tmp_path):
    andrew = pool.add("andrew@example.com", "andrewbrown")
    bayko = pool.add("bayko@example.com", "bayko")
    add_row(db, "andrew@example.com", "andrewbrown", "old-andrew")
    add_row(db, "bayko@example.com", "bayko", "old-bayko")
    add_row(db, "moved@example.com", "moved", bayko)  # holds bayko's sub, no pool user of its own
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 1
    assert f"sub {bayko}" in result.stderr
    assert "@moved (moved@example.com)" in result.stderr
    assert "Nothing was changed." in result.stderr
    assert ids(db) == {"andrewbrown": "old-andrew", "bayko": "old-bayko", "moved": bayko}
    assert andrew not in ids(db).values()


def test_users_sharing_an_email_are_skipped(db, pool, database_url, endpoint, tmp_path):
    pool.add("twin@example.com", "twin1")
    pool.add("Twin@example.com", "twin2")
    add_row(db, "twin@example.com", "twin", "old-twin")
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("several Cognito users have this email") == 2
    assert ids(db) == {"twin": "old-twin"}


def test_an_unreachable_database_fails_clearly(pool, endpoint, tmp_path):
    pool.add("andrew@example.com", "andrewbrown")
    url = "postgresql://postgres@127.0.0.1:9/cruddur"  # the discard port: nothing listens
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID=pool.id, CONNECTION_URL=url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 1
    assert "could not connect to database 'cruddur'" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_pool_fails_before_touching_the_database(db, database_url, endpoint, tmp_path):
    add_row(db, "andrew@example.com", "andrewbrown", "old-andrew")
    env = aws_env(tmp_path, endpoint, AWS_COGNITO_USER_POOL_ID="us-east-1_missing", CONNECTION_URL=database_url)
    result = run(UPDATE_IDS, [], env)
    assert result.returncode == 1
    assert "ResourceNotFoundException" in result.stderr
    assert ids(db) == {"andrewbrown": "old-andrew"}
