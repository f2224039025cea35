"""bin/ddb: create the table, seed the demo conversations once, and read it back
through the access patterns, against DynamoDB Local and PostgreSQL."""

import os
import subprocess
import uuid
from pathlib import Path

import psycopg
import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env():
    server, dynamodb = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_DYNAMODB_URL")
    if not server or not dynamodb:
        pytest.skip("run through ./bin/test, which starts PostgreSQL and DynamoDB Local")
    name = f"ddb_scripts_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = os.environ | {
        "CONNECTION_URL": f"{server}/{name}",
        "AWS_ENDPOINT_URL": dynamodb,
        "DDB_MESSAGE_TABLE": f"scripts-{uuid.uuid4().hex[:8]}",
    }
    yield env
    subprocess.run([REPO / "bin/ddb/drop"], env=env, capture_output=True)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def run(env, *command) -> str:
    result = subprocess.run([REPO / command[0], *command[1:]], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_schema_seed_and_patterns(env):
    run(env, "bin/db/migrate")
    run(env, "bin/db/seed")
    assert "created table" in run(env, "bin/ddb/schema-load")
    assert "already exists" in run(env, "bin/ddb/schema-load")
    assert env["DDB_MESSAGE_TABLE"] in run(env, "bin/ddb/list-tables")

    assert run(env, "bin/ddb/seed").count("seeded demo conversation") == 2
    assert run(env, "bin/ddb/seed").count("already there") == 2

    conversations = run(env, "bin/ddb/patterns/list-conversations", "andrewbrown").splitlines()
    assert len(conversations) == 2
    assert "@bayko: Ship it anyway." in conversations[0], "the newest conversation first"
    assert "@londo: Spoken like a true diplomat." in conversations[1]
    group = conversations[0].split()[1]

    conversation = run(env, "bin/ddb/patterns/get-conversation", group)
    assert conversation.count("summary GRP#") == 2
    assert conversation.splitlines()[-1].endswith("@andrewbrown: Ship it anyway.")
    assert len(run(env, "bin/ddb/scan", "100").splitlines()) == 2 * (3 + 2 + 1)  # messages, summaries, the group


def test_patterns_need_their_argument(env):
    result = subprocess.run([REPO / "bin/ddb/patterns/list-conversations"], env=env, capture_output=True, text=True)
    assert result.returncode == 2
    assert "usage:" in result.stderr


def test_set_role_makes_a_demo_person_a_moderator_and_back(env):
    run(env, "bin/db/migrate")
    run(env, "bin/db/seed")
    assert "@bayko is now moderator" in run(env, "bin/db/set-role", "BAYKO", "moderator")
    with psycopg.connect(env["CONNECTION_URL"]) as conn:
        assert conn.execute("SELECT role FROM users WHERE handle = 'bayko'").fetchone() == ("moderator",)
    assert "@bayko is now member" in run(env, "bin/db/set-role", "bayko", "member")
    nobody = subprocess.run([REPO / "bin/db/set-role", "nobody_here", "admin"], env=env, capture_output=True, text=True)
    assert nobody.returncode == 1 and "nobody has the handle" in nobody.stderr
