"""Rate limits count in PostgreSQL, so the configured number holds across
workers and processes; limited answers say what is left."""

import os
import subprocess
import sys
import time
from contextlib import ExitStack, contextmanager

import requests

from conftest import BACKEND_DIR, closed_port


@contextmanager
def api_process(settings: dict, workers: int):
    """The API under gunicorn, as it runs in production, on a free port."""
    port = closed_port()
    env = {key.upper(): str(value) for key, value in settings.items()}
    env |= {"PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers), "AUTH_RATE_LIMIT": "10/minute"}
    env |= {
        name: os.environ[name] for name in ("PATH", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") if name in os.environ
    }
    process = subprocess.Popen(  # noqa: S603 (our own interpreter and app)
        [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", "app:app"],
        cwd=BACKEND_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{url}/api/health-check", timeout=5)
                break
            except requests.RequestException:
                assert time.monotonic() < deadline, "the API did not start"
                assert process.poll() is None, "the API exited"
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=15)


def test_the_limit_holds_across_workers_and_processes(settings_overrides, app):
    with ExitStack() as stack:
        urls = [stack.enter_context(api_process(settings_overrides, workers=2)) for _ in range(2)]
        answers = []
        with requests.Session() as one, requests.Session() as other:
            sessions = [one, other]
            for i in range(24):
                # A new connection every time lands on any worker of either process.
                response = sessions[i % 2].post(
                    f"{urls[i % 2]}/api/auth/forgot-password",
                    json={"email": "ada@example.com"},
                    headers={"Connection": "close"},
                    timeout=10,
                )
                answers.append(response)
    statuses = [answer.status_code for answer in answers]
    assert statuses == [200] * 10 + [429] * 14
    refused = answers[-1]
    assert refused.json() == {"errors": ["rate_limited"]}
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert refused.headers["X-RateLimit-Limit"] == refused.headers["RateLimit-Limit"] == "10"
    assert refused.headers["RateLimit-Remaining"] == "0"
    assert [answer.headers["X-RateLimit-Remaining"] for answer in answers[:10]] == [str(9 - i) for i in range(10)]


def test_limited_answers_report_their_window(client, make_user):
    user = make_user()
    response = client.post("/api/activities", json={"message": "hi", "ttl": "1-hour"}, headers=user["headers"])
    assert response.status_code == 201
    assert response.headers["X-RateLimit-Limit"] == "1000"
    assert response.headers["X-RateLimit-Remaining"] == "999"
    assert 0 < int(response.headers["RateLimit-Reset"]) <= 60
    assert int(response.headers["X-RateLimit-Reset"]) > time.time()
    assert "X-RateLimit-Limit" not in client.get("/api/activities/home").headers, "reads carry no limit"


def test_a_window_ends_and_starts_again(client, sql):
    for _ in range(10):
        client.post("/api/auth/forgot-password", json={"email": "ada@example.com"})
    assert client.post("/api/auth/forgot-password", json={"email": "ada@example.com"}).status_code == 429
    sql("UPDATE rate_limit_windows SET expires_at = now() - interval '1 second'")
    again = client.post("/api/auth/forgot-password", json={"email": "ada@example.com"})
    assert again.status_code == 200
    assert again.headers["RateLimit-Remaining"] == "9"


def test_writes_count_per_person_whatever_the_address(make_client, make_user):
    client = make_client(write_rate_limit="3/minute")
    user = make_user()
    crud = {"message": "hi", "ttl": "1-hour"}
    for i in range(3):
        answer = client.post(
            "/api/activities", json=crud, headers=user["headers"], environ_base={"REMOTE_ADDR": f"10.9.0.{i}"}
        )
        assert answer.status_code == 201
    refused = client.post(
        "/api/activities", json=crud, headers=user["headers"], environ_base={"REMOTE_ADDR": "10.9.1.1"}
    )
    assert refused.status_code == 429
    other = make_user()
    assert client.post("/api/activities", json=crud, headers=other["headers"]).status_code == 201
