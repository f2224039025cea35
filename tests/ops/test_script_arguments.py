"""Every executable in bin/ takes its arguments the same way: -h and --help
print its usage (a first line "usage: bin/<script> ...") on stdout and exit 0;
an unknown argument prints the usage on stderr and exits 2 before the script
does anything. Bash scripts do it with bin/lib/common.sh's helpers, Python
ones with argparse.

Each script runs with recording stand-ins first on PATH for the commands that
reach a database, a container, the network or AWS, with CONNECTION_URL and
AWS_ENDPOINT_URL aimed at closed ports: a script that went on would be
recorded, or fail with another status. The runs go in parallel.
"""

from __future__ import annotations

import os
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pytest
from ops_stubs import REPO, Stubs, script_env

SCRIPTS = sorted(
    path.relative_to(REPO).as_posix()
    for path in (REPO / "bin").rglob("*")
    if path.is_file() and os.access(path, os.X_OK)
)
# Commands a script that went past its arguments could reach for.
REACH = ("aws", "docker", "psql", "pg_ctl", "initdb", "java", "npm", "curl", "wrk", "pgbench", "apt-get", "erb")
# What each script is asked: both help flags, an unknown option, and (for the
# scripts that take positional arguments) a few wrong ones.
ASKED = {
    "-h": 0,
    "--help": 0,
    "--no-such-option": 2,
}
WRONG = [
    ("bin/db/connect", ["-c", "SELECT 1"]),
    ("bin/db/migrate", ["apply"]),
    ("bin/db/rollback", ["one"]),
    ("bin/db/rollback", ["1", "2"]),
    ("bin/db/purge-expired", ["-5"]),
    ("bin/db/set-role", ["ada"]),
    ("bin/db/set-role", ["ada", "king"]),
    ("bin/db/create", ["cruddur"]),
    ("bin/ddb/scan", ["all"]),
    ("bin/ddb/patterns/get-conversation", []),
    ("bin/ddb/patterns/list-conversations", ["andrew", "bayko"]),
    ("bin/db/generate-migration", []),
    ("bin/cfn/deploy", []),
    ("bin/cfn/deploy", ["db", "ddb"]),
    ("bin/backend/deploy", ["--only"]),
    ("bin/backend/deploy", ["--only", "web"]),
    ("bin/ecr/login", ["a.example.com", "b.example.com"]),
    ("bin/test", ["everything"]),
    ("bin/dev", ["now"]),
    ("bin/lambdas/package", []),
]


@pytest.fixture(scope="module")
def answers(tmp_path_factory):
    """(script, args) -> (the finished run, the calls the stand-ins recorded), all run in parallel."""
    root = tmp_path_factory.mktemp("arguments")
    stubs = Stubs(root, tools=REACH)
    env = script_env(
        root,
        stubs,
        CONNECTION_URL="postgresql://postgres@127.0.0.1:9/never",
        AWS_ENDPOINT_URL="http://127.0.0.1:9",
        TOOLS_DIR=str(root / "no-tools"),
    )
    asks = [(script, (flag,)) for script in SCRIPTS for flag in ASKED] + [(s, tuple(a)) for s, a in WRONG]

    def ask(item):
        script, args = item
        finished = subprocess.run(
            [str(REPO / script), *args],
            env=env,
            cwd=root,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return item, finished

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(pool.map(ask, asks))
    return results, stubs.calls()


def test_every_script_is_walked():
    assert len(SCRIPTS) > 30
    assert {"bin/dev", "bin/test", "bin/db/migrate", "bin/bench", "bin/frontend/sync"} <= set(SCRIPTS)
    assert not [script for script in SCRIPTS if script.startswith("bin/lib/")], "bin/lib holds no entry points"


@pytest.mark.parametrize("script", SCRIPTS)
def test_help_and_an_unknown_argument(script, answers):
    results, _ = answers
    for flag, status in ASKED.items():
        finished = results[(script, (flag,))]
        said = f"{script} {flag}: exit {finished.returncode}\n{finished.stdout[-2000:]}\n{finished.stderr[-2000:]}"
        assert finished.returncode == status, said
        if status == 0:
            assert finished.stdout.startswith(f"usage: {script}"), said
            assert finished.stderr == "", said
        else:
            assert finished.stdout == "", said
            assert f"usage: {script}" in finished.stderr, said
            assert "error:" in finished.stderr, said


@pytest.mark.parametrize(("script", "args"), WRONG, ids=[f"{s} {' '.join(a)}" for s, a in WRONG])
def test_wrong_positional_arguments_are_refused(script, args, answers):
    results, _ = answers
    finished = results[(script, tuple(args))]
    assert finished.returncode == 2, finished.stdout + finished.stderr
    assert f"usage: {script}" in finished.stderr


def test_nothing_was_reached(answers):
    _, calls = answers
    assert calls == []
