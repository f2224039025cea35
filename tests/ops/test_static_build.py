"""bin/frontend/static-build: the VITE_* settings it bakes in, where they come
from, the checks before a production build, and the npm commands it runs.

Each test runs the script in a copy of the repository's bin/ and of the front
end's package files, with `node` and `npm` as recording stubs first on PATH:
`npm ci` creates node_modules/, `npm run build` writes dist/index.html.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from ops_stubs import REPO, Stubs, run, script_env

API = "https://api.example.com"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "clone"
    shutil.copytree(REPO / "bin" / "lib", root / "bin" / "lib")
    (root / "bin" / "frontend").mkdir(parents=True)
    shutil.copy2(REPO / "bin" / "frontend" / "static-build", root / "bin" / "frontend" / "static-build")
    (root / "frontend-react-js").mkdir()
    for name in ("package.json", "package-lock.json"):
        shutil.copy2(REPO / "frontend-react-js" / name, root / "frontend-react-js" / name)
    return root


@pytest.fixture
def stubs(tmp_path) -> Stubs:
    stubs = Stubs(tmp_path, tools=("node", "npm"))
    stubs.on("node", "-p", stdout="22\n")
    stubs.on("npm", "ci", touch=["node_modules/.package-lock.json"])
    stubs.on("npm", "run", "build", touch=["dist/index.html", "dist/assets/index-AbC123xy.js"])
    return stubs


def build(repo: Path, stubs: Stubs, tmp_path: Path, args=(), **env: str):
    return run(repo / "bin" / "frontend" / "static-build", list(args), script_env(tmp_path, stubs, **env))


def npm_calls(stubs: Stubs) -> list[dict]:
    return [record for record in stubs.records() if record["tool"] == "npm"]


def test_installs_then_builds_with_the_settings_from_the_env_file(repo, stubs, tmp_path):
    (repo / "frontend-react-js.env").write_text(
        "# Generated\n"
        f"VITE_API_URL={API}\n"
        "VITE_AUTH_PROVIDER=local\n"
        "API_PROXY_TARGET=http://backend-flask:4567\n"
        "VITE_EXTRA=a=b #c\n"
    )
    result = build(repo, stubs, tmp_path)
    assert result.returncode == 0, result.stderr
    calls = npm_calls(stubs)
    assert [call["argv"] for call in calls] == [
        ["ci", "--no-audit", "--no-fund", "--loglevel=error"],
        ["run", "build"],
    ]
    assert {call["cwd"] for call in calls} == {str(repo / "frontend-react-js")}
    assert calls[1]["env"] == {"VITE_API_URL": API, "VITE_AUTH_PROVIDER": "local", "VITE_EXTRA": "a=b #c"}
    output = result.stdout + result.stderr
    assert f"VITE_API_URL={API} (from frontend-react-js.env)" in output
    assert "Built frontend-react-js/dist (2 files)" in output


def test_the_environment_wins_over_the_env_file(repo, stubs, tmp_path):
    (repo / "frontend-react-js.env").write_text(f"VITE_API_URL={API}\nVITE_AUTH_PROVIDER=cognito\n")
    env = {"VITE_API_URL": "https://other.example.com", "VITE_AUTH_PROVIDER": "local"}
    result = build(repo, stubs, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    assert npm_calls(stubs)[-1]["env"] == env
    assert "VITE_API_URL=https://other.example.com (from environment)" in result.stdout + result.stderr


def test_npm_ci_runs_only_when_the_lock_file_changed(repo, stubs, tmp_path):
    assert build(repo, stubs, tmp_path, VITE_API_URL=API).returncode == 0
    assert build(repo, stubs, tmp_path, VITE_API_URL=API).returncode == 0
    assert [call["argv"][0] for call in npm_calls(stubs)] == ["ci", "run", "run"]
    lock = repo / "frontend-react-js" / "package-lock.json"
    lock.write_text(lock.read_text() + "\n")
    assert build(repo, stubs, tmp_path, VITE_API_URL=API).returncode == 0
    assert [call["argv"][0] for call in npm_calls(stubs)] == ["ci", "run", "run", "ci", "run"]


@pytest.mark.parametrize("env_file", [None, "VITE_API_URL=\n"])
def test_a_production_build_needs_the_api_url(env_file, repo, stubs, tmp_path):
    if env_file is not None:
        (repo / "frontend-react-js.env").write_text(env_file)
    result = build(repo, stubs, tmp_path)
    assert result.returncode != 0
    assert "VITE_API_URL is not set" in result.stderr
    assert "--allow-same-origin" in result.stderr
    assert npm_calls(stubs) == []


def test_an_empty_variable_in_the_environment_wins_and_is_refused(repo, stubs, tmp_path):
    (repo / "frontend-react-js.env").write_text(f"VITE_API_URL={API}\n")
    result = build(repo, stubs, tmp_path, VITE_API_URL="")
    assert result.returncode != 0
    assert "VITE_API_URL is not set" in result.stderr


def test_same_origin_builds_are_allowed_when_asked_for(repo, stubs, tmp_path):
    result = build(repo, stubs, tmp_path, ["--allow-same-origin"])
    assert result.returncode == 0, result.stderr
    assert npm_calls(stubs)[-1]["argv"] == ["run", "build"]
    assert "own origin" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"VITE_API_URL": "api.example.com"}, "must be an http(s) URL"),
        ({"VITE_API_URL": "//api.example.com"}, "must be an http(s) URL"),
        ({"VITE_API_URL": API, "VITE_AUTH_PROVIDER": "oauth"}, "VITE_AUTH_PROVIDER must be local or cognito"),
        (
            {"VITE_API_URL": API, "VITE_AUTH_PROVIDER": "cognito", "VITE_AWS_COGNITO_USER_POOL_ID": "us-east-1_x"},
            "VITE_AWS_COGNITO_USER_POOL_CLIENT_ID is not set",
        ),
    ],
)
def test_bad_settings_stop_the_build(env, message, repo, stubs, tmp_path):
    result = build(repo, stubs, tmp_path, **env)
    assert result.returncode != 0
    assert message in result.stderr
    assert npm_calls(stubs) == []


def test_a_given_env_file_must_exist(repo, stubs, tmp_path):
    result = build(repo, stubs, tmp_path, ["--env-file", str(tmp_path / "missing.env")], VITE_API_URL=API)
    assert result.returncode != 0
    assert "env file not found" in result.stderr


def test_a_build_that_writes_nothing_fails(repo, tmp_path):
    stubs = Stubs(tmp_path, tools=("node", "npm"))
    stubs.on("node", "-p", stdout="22\n")
    stubs.on("npm", "ci", touch=["node_modules/.package-lock.json"])
    result = build(repo, stubs, tmp_path, VITE_API_URL=API)
    assert result.returncode != 0
    assert "wrote no frontend-react-js/dist/index.html" in result.stderr


def test_a_failing_build_fails(repo, stubs, tmp_path):
    stubs.on("npm", "run", "build", stderr="vite: error\n", exit=1, first=True)
    result = build(repo, stubs, tmp_path, VITE_API_URL=API)
    assert result.returncode != 0
    assert "Built frontend-react-js/dist" not in result.stdout + result.stderr
