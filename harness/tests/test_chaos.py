"""bin/chaos on a stack of its own: PostgreSQL restarted and DynamoDB Local
killed under load, then a short soak; then the live streams through
PostgreSQL restarted and the stream process killed; every verdict passes."""

import os
import re
import subprocess

from harness import REPO

CHAOS = REPO / "bin" / "chaos"


def clean_env() -> dict[str, str]:
    drop = {"CONNECTION_URL", "AWS_ENDPOINT_URL", "TEST_DATABASE_URL", "TEST_DYNAMODB_URL", "WEB_CONCURRENCY"}
    return {name: value for name, value in os.environ.items() if name not in drop}


def test_help_and_bad_options():
    shown = subprocess.run([CHAOS, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert shown.returncode == 0
    for word in (
        "restart-postgres",
        "stop-dynamodb",
        "soak",
        "--soak-seconds",
        "restart-stream-postgres",
        "kill-stream",
    ):
        assert word in shown.stdout
    wrong = subprocess.run([CHAOS, "--scenario", "flood"], capture_output=True, text=True, timeout=60, check=False)
    assert wrong.returncode != 0 and "unknown scenario 'flood'" in wrong.stderr
    bad = subprocess.run([CHAOS, "--soak-seconds", "soon"], capture_output=True, text=True, timeout=60, check=False)
    assert bad.returncode != 0 and "positive whole number" in bad.stderr


def test_every_scenario_in_its_short_form():
    # One stack for the five scenarios (a stack takes a while to start): about 130 s in all.
    command = [CHAOS, "--scenario", "restart-postgres", "--scenario", "stop-dynamodb"]
    command += ["--scenario", "soak", "--soak-seconds", "20"]
    command += ["--scenario", "restart-stream-postgres", "--scenario", "kill-stream"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=420, env=clean_env(), check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    for name in ("restart-postgres", "stop-dynamodb", "soak", "restart-stream-postgres", "kill-stream"):
        assert re.search(rf"^  PASS  {name}$", result.stdout, re.M), output[-4000:]
    assert re.search(r"^chaos: 5 passed, 0 failed$", result.stdout, re.M)
    assert re.search(r"\d+x 503 postgres_unavailable", result.stdout)
    assert re.search(r"\d+x 503 dynamodb_unavailable", result.stdout)
    assert "missing from PostgreSQL: 0" in result.stdout
    # the streams: nothing lost, repeated or out of order through either fault
    assert result.stdout.count("missing 0, duplicated 0, out of id order 0, resets 0;") == 2
    assert re.search(r"\d+x ConnectionRefusedError", result.stdout)
    assert re.search(r"GET /api/messages/<group> while down: \d+x 200;", result.stdout)
