"""Fixtures for the API tests: a migrated PostgreSQL database and a DynamoDB
Local table, both real, started by ./bin/test (TEST_DATABASE_URL and
TEST_DYNAMODB_URL name them). Each test starts from empty tables."""

import importlib.util
import os
import socket
import sys
import threading
import time
import uuid
from pathlib import Path

import psycopg
import psycopg_pool
import pytest
import requests
import uvicorn
from moto.server import ThreadedMotoServer
from sse import EventStream
from stream.app import create_stream_app
from yoyo import read_migrations

from app import create_app
from contract import ContractClient
from lib.db import db
from lib.ddb import TABLE_SCHEMA, create_client, ddb
from migrate import backend_for
from services.create_user import create_user

BACKEND_DIR = Path(__file__).resolve().parents[1]


def _required_env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        pytest.exit(f"{name} is not set: run the tests with ./bin/test, which starts the stores", returncode=2)
    return value


def reader_params(conn, cognito_user_id: str | None) -> dict:
    """The parameters services/callers.read_as adds to a read's own, for the
    person with this token subject (None: nobody signed in)."""
    row = conn.execute("SELECT uuid FROM users WHERE cognito_user_id = %s", (cognito_user_id,)).fetchone()
    return {"cognito_user_id": cognito_user_id, "viewer_uuid": row[0] if row else None}


@pytest.fixture(scope="session")
def database_url():
    """A fresh database, migrated to the latest version."""
    server = _required_env("TEST_DATABASE_URL").rstrip("/")
    name = f"cruddur_test_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    backend = backend_for(url)
    with backend.lock():
        backend.apply_migrations(backend.to_apply(read_migrations(str(BACKEND_DIR / "db" / "migrations"))))
    backend.connection.close()
    yield url
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def dynamodb_url():
    return _required_env("TEST_DYNAMODB_URL")


@pytest.fixture(scope="session")
def message_table(dynamodb_url):
    client = create_client("us-east-1", dynamodb_url)
    name = f"cruddur-messages-{uuid.uuid4().hex[:8]}"
    client.create_table(TableName=name, **TABLE_SCHEMA)
    yield name
    client.delete_table(TableName=name)


@pytest.fixture(scope="session")
def settings_overrides(database_url, dynamodb_url, message_table, tmp_path_factory):
    return {
        "cruddur_env": "test",
        "connection_url": database_url,
        "aws_endpoint_url": dynamodb_url,
        "ddb_message_table": message_table,
        "data_dir": str(tmp_path_factory.mktemp("data")),
        "frontend_url": "http://localhost:3000",
        "db_pool_size": 10,
        "write_rate_limit": "1000/minute",
        "report_rate_limit": "1000/minute",
    }


@pytest.fixture(scope="session")
def app(settings_overrides):
    app = create_app(settings_overrides)
    yield app
    db.close()


@pytest.fixture(autouse=True)
def _empty_tables(request):
    """Every test that touches the database starts from empty tables (rate-limit windows included)."""
    if "app" not in request.fixturenames and "database_url" not in request.fixturenames:
        yield
        return
    url = request.getfixturevalue("database_url")
    with psycopg.connect(url, autocommit=True) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT quote_ident(tablename) FROM pg_tables"
                " WHERE schemaname = 'public' AND tablename NOT LIKE '%yoyo%'"
            )
        ]
        if tables:
            conn.execute(f"TRUNCATE {', '.join(tables)} CASCADE")
    yield


@pytest.fixture
def make_client(app, settings_overrides):
    """Builds another app with some settings changed, and a contract-checking
    client for it. The process-wide stores are pointed back at the main app's
    settings afterwards."""

    def build(**changes):
        other = create_app({**settings_overrides, **changes})
        return ContractClient(other, other.response_class)

    yield build
    db.init_app(app)
    ddb.init_app(app)


@pytest.fixture
def postgres_down(app, monkeypatch):
    """The app's pool points at a port where no PostgreSQL listens."""
    pool = psycopg_pool.ConnectionPool(
        f"postgresql://postgres@127.0.0.1:{closed_port()}/cruddur", timeout=1, open=False
    )
    pool.open(wait=False)
    monkeypatch.setattr(db, "pool", pool)
    yield
    pool.close()


@pytest.fixture
def dynamodb_down(app, monkeypatch):
    """The app's DynamoDB client points at a port where nothing listens."""
    monkeypatch.setattr(ddb, "client", create_client("us-east-1", f"http://127.0.0.1:{closed_port()}"))


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def client(app):
    """A client whose every response is checked against openapi-3.0.yml."""
    return ContractClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def raw_client(app):
    """A client for requests the contract does not describe (unknown paths)."""
    return app.test_client()


@pytest.fixture
def make_user(app):
    """Creates a user (as a confirmed identity would) and returns it with an
    Authorization header carrying a valid local access token."""
    signer = app.extensions["local_signer"]
    counter = iter(range(1, 10_000))

    def make(handle: str | None = None, display_name: str | None = None) -> dict:
        handle = handle or f"user{next(counter)}_{uuid.uuid4().hex[:6]}"
        sub = str(uuid.uuid4())
        user = create_user(sub, handle, f"{handle}@example.com", display_name or handle.title())
        token = signer.access_token(sub, handle)
        return {**user, "sub": sub, "headers": {"Authorization": f"Bearer {token}"}}

    return make


@pytest.fixture
def make_moderator(make_user, sql):
    """A person with the moderator role (as bin/db/set-role gives it)."""

    def make(role: str = "moderator") -> dict:
        user = make_user()
        sql("UPDATE users SET role = %(role)s WHERE uuid = %(uuid)s", {"role": role, "uuid": user["uuid"]})
        return user

    return make


@pytest.fixture
def sql(database_url):
    """Runs SQL straight on the test database (to arrange what the API cannot, like the past)."""

    def run(statement: str, params: dict | None = None):
        with psycopg.connect(database_url, autocommit=True) as conn:
            cursor = conn.execute(statement, params or {})
            return cursor.fetchall() if cursor.description else None

    return run


@pytest.fixture
def expire(sql):
    """Moves a crud (and its replies) into the past, so that it has expired."""

    def run(activity_uuid):
        sql(
            "UPDATE activities SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'"
            " WHERE uuid = %(uuid)s OR reply_to_activity_uuid = %(uuid)s",
            {"uuid": activity_uuid},
        )

    return run


@pytest.fixture
def post_crud(client):
    """Posts a crud as `user` through the API and returns it."""

    def post(user: dict, message: str = "hello cruddur", ttl: str = "1-day") -> dict:
        response = client.post("/api/activities", json={"message": message, "ttl": ttl}, headers=user["headers"])
        assert response.status_code == 201, response.json
        return response.json

    return post


@pytest.fixture(scope="session")
def stream_url(app, settings_overrides):
    """The stream process (stream/), served by uvicorn on a thread, with a
    heartbeat every half second; its base URL."""
    server = uvicorn.Server(
        uvicorn.Config(
            create_stream_app(settings_overrides, heartbeat_seconds=0.5),
            host="127.0.0.1",
            port=closed_port(),
            loop="uvloop",
            http="httptools",  # as python -m stream runs it: the hub writes to this protocol's transport
            access_log=False,
            log_level="warning",
        )
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.config.port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{base}/api/stream/health", timeout=1).status_code == 200:
                break
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    yield base
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def open_stream(client, stream_url):
    """open_stream(user) opens the person's stream with a ticket from the API
    (as a browser does); `after` replays from that event id."""
    opened = []

    def open_(user: dict, after: int | None = None) -> EventStream:
        ticket = client.post("/api/stream/ticket", headers=user["headers"]).json["ticket"]
        query = f"ticket={ticket}" + (f"&last_event_id={after}" if after is not None else "")
        stream = EventStream(f"{stream_url}/api/stream?{query}")
        opened.append(stream)
        return stream

    yield open_
    for stream in opened:
        stream.close()


@pytest.fixture(scope="session")
def moto_url():
    """moto in server mode, standing in for the AWS services that cannot run here."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=closed_port(), verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def load_lambda(name: str):
    """A Lambda's handler module, from aws/lambdas/<name>/lambda_function.py,
    with the modules the functions share importable, as at the zip's root."""
    shared = str(BACKEND_DIR.parent / "aws" / "lambdas" / "shared")
    if shared not in sys.path:
        sys.path.append(shared)
    path = BACKEND_DIR.parent / "aws" / "lambdas" / name / "lambda_function.py"
    spec = importlib.util.spec_from_file_location(f"lambda_{name.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def lambda_handler():
    """lambda_handler("name") gives a function that runs that Lambda's handler
    on an event. A handler sets up the process-wide pool its own way, as in its
    own Lambda process, so it gets a pool of its own and the API's is put back."""

    def handler_of(name: str):
        handler = load_lambda(name).lambda_handler

        def run(event):
            api_pool, db.pool = db.pool, None
            try:
                return handler(event, None)
            finally:
                db.close()
                db.pool = api_pool

        return run

    return handler_of
