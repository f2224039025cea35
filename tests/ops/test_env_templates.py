"""The env-file templates in erb/, rendered through bin/*/generate-env.

Every run uses a controlled environment (PATH, HOME and a locale only, plus what
a test sets), renders with --output into a temporary folder, and parses the
result as the env file docker-compose reads: `NAME=value` lines, comments and
blank lines.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BACKEND_SCRIPT = REPO / "bin" / "backend" / "generate-env"
FRONTEND_SCRIPT = REPO / "bin" / "frontend" / "generate-env"

BACKEND_DEFAULTS = {
    "CRUDDUR_ENV": "development",
    "CONNECTION_URL": "postgresql://postgres@db:5432/cruddur",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ENDPOINT_URL": "http://dynamodb-local:8000",
    "DDB_MESSAGE_TABLE": "cruddur-messages",
    "FRONTEND_URL": "http://localhost:3000",
    "BACKEND_URL": "http://localhost:4567",
    "STREAM_PORT": "4568",
    "DATA_DIR": "/data",
    "AUTH_PROVIDER": "local",
    "AWS_COGNITO_USER_POOL_ID": "",
    "AWS_COGNITO_USER_POOL_CLIENT_ID": "",
    "AVATAR_STORAGE": "local",
    "AVATARS_UPLOAD_BUCKET": "",
    "AVATARS_ASSETS_BUCKET": "",
    "AVATARS_ASSETS_URL": "",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "",
    "OTEL_EXPORTER_OTLP_HEADERS": "",
    "OTEL_SERVICE_NAME": "backend-flask",
    "AWS_XRAY_DAEMON_ADDRESS": "",
    "ROLLBAR_ACCESS_TOKEN": "",
    "ROLLBAR_ENDPOINT": "",
    "CLOUDWATCH_LOG_GROUP": "",
    "LOG_LEVEL": "INFO",
    "DB_POOL_SIZE": "4",
    "TRUSTED_PROXY_HOPS": "0",
    "WRITE_RATE_LIMIT": "60/minute",
    "REPORT_RATE_LIMIT": "20/hour",
    "AWS_COGNITO_REGION": "",
    "AWS_COGNITO_JWKS_URL": "",
    "LOCAL_CLIENT_ID": "cruddur-local",
    "ACCESS_TOKEN_SECONDS": "3600",
    "AUTH_RATE_LIMIT": "10/minute",
}

FRONTEND_DEFAULTS = {
    "VITE_API_URL": "",
    "VITE_AUTH_PROVIDER": "local",
    "VITE_AWS_COGNITO_REGION": "us-east-1",
    "VITE_AWS_COGNITO_USER_POOL_ID": "",
    "VITE_AWS_COGNITO_USER_POOL_CLIENT_ID": "",
    "VITE_AVATAR_STORAGE": "local",
    "API_PROXY_TARGET": "http://backend-flask:4567",
}

SYNC_DEFAULTS = {
    "SYNC_S3_BUCKET": "",
    "SYNC_CLOUDFRONT_DISTRIBUTION_ID": "",
    "SYNC_BUILD_DIR": "frontend-react-js/dist",
    "SYNC_OUTPUT_CHANGESET_PATH": "tmp/sync-changeset.json",
    "AWS_DEFAULT_REGION": "us-east-1",
}

ALL_NAMES = set(BACKEND_DEFAULTS) | set(FRONTEND_DEFAULTS) | set(SYNC_DEFAULTS)


class Template:
    def __init__(self, name, script, args, defaults, filename):
        self.name = name
        self.script = script
        self.args = list(args)
        self.defaults = defaults
        self.filename = filename

    def __repr__(self):
        return self.name


TEMPLATES = [
    Template("backend", BACKEND_SCRIPT, [], BACKEND_DEFAULTS, "backend-flask.env"),
    Template("frontend", FRONTEND_SCRIPT, [], FRONTEND_DEFAULTS, "frontend-react-js.env"),
    Template("sync", FRONTEND_SCRIPT, ["--sync"], SYNC_DEFAULTS, "sync.env"),
]

LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$")


def needs_erb():
    if shutil.which("erb") is None:
        pytest.fail("Ruby's erb is required to render the env templates (apt-get install ruby)")


def clean_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A controlled environment: none of the template variables unless given."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    env.update(extra)
    assert not (set(env) - set(extra)) & ALL_NAMES
    return env


def run(script: Path, args, env, cwd=None):
    return subprocess.run(
        [str(script), *args],
        check=False,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def parse(text: str) -> dict[str, list[str]]:
    """Every `NAME=value` line, by name; any other non-comment line is an error."""
    found: dict[str, list[str]] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE.match(line)
        assert match, f"line {number} is not NAME=value: {line!r}"
        found.setdefault(match.group(1), []).append(match.group(2))
    return found


def render(template: Template, tmp_path: Path, env: dict[str, str]) -> dict[str, str]:
    needs_erb()
    out = tmp_path / f"rendered-{template.filename}"
    result = run(template.script, [*template.args, "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    assert out.is_file(), "the script reported success but wrote nothing"
    found = parse(out.read_text())
    assert set(found) == set(template.defaults), (
        f"missing: {sorted(set(template.defaults) - set(found))}, "
        f"unexpected: {sorted(set(found) - set(template.defaults))}"
    )
    repeated = {name: values for name, values in found.items() if len(values) != 1}
    assert not repeated, f"variables not exactly once: {repeated}"
    return {name: values[0] for name, values in found.items()}


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_defaults_apply_when_unset(template, tmp_path):
    assert render(template, tmp_path, clean_env(tmp_path)) == template.defaults


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_values_from_the_environment_are_used(template, tmp_path):
    values = {name: f"from-env-{name.lower()}" for name in template.defaults}
    # values are written as they are: '=', spaces, '#', '$' and quotes survive
    first = min(values)
    values[first] = "k1=v1,k2=v 2 #not-a-comment $HOME 'q' \"qq\""
    rendered = render(template, tmp_path, clean_env(tmp_path, **values))
    assert rendered == values


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_variables_set_to_empty_render_empty(template, tmp_path):
    empties = {name: "" for name in template.defaults}
    rendered = render(template, tmp_path, clean_env(tmp_path, **empties))
    assert rendered == empties
    text = (tmp_path / f"rendered-{template.filename}").read_text()
    for name in template.defaults:
        assert re.search(rf"^{name}=$", text, re.MULTILINE), f"{name}= line missing"


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_one_variable_from_env_others_default(template, tmp_path):
    name = max(template.defaults)
    rendered = render(template, tmp_path, clean_env(tmp_path, **{name: "only-this"}))
    assert rendered == {**template.defaults, name: "only-this"}


def test_frontend_cognito_settings_follow_backend_names(tmp_path):
    backend_names = {
        "AUTH_PROVIDER": "cognito",
        "AWS_DEFAULT_REGION": "eu-west-2",
        "AWS_COGNITO_USER_POOL_ID": "eu-west-2_pool",
        "AWS_COGNITO_USER_POOL_CLIENT_ID": "client123",
    }
    rendered = render(TEMPLATES[1], tmp_path, clean_env(tmp_path, **backend_names))
    assert rendered["VITE_AUTH_PROVIDER"] == "cognito"
    assert rendered["VITE_AWS_COGNITO_REGION"] == "eu-west-2"
    assert rendered["VITE_AWS_COGNITO_USER_POOL_ID"] == "eu-west-2_pool"
    assert rendered["VITE_AWS_COGNITO_USER_POOL_CLIENT_ID"] == "client123"

    # the VITE_ names win over the backend's
    explicit = {**backend_names, "VITE_AUTH_PROVIDER": "local", "VITE_AWS_COGNITO_REGION": "us-west-1"}
    rendered = render(TEMPLATES[1], tmp_path, clean_env(tmp_path, **explicit))
    assert rendered["VITE_AUTH_PROVIDER"] == "local"
    assert rendered["VITE_AWS_COGNITO_REGION"] == "us-west-1"


def test_frontend_avatar_storage_follows_the_backend_name(tmp_path):
    rendered = render(TEMPLATES[1], tmp_path, clean_env(tmp_path, AVATAR_STORAGE="s3"))
    assert rendered["VITE_AVATAR_STORAGE"] == "s3"
    explicit = clean_env(tmp_path, AVATAR_STORAGE="s3", VITE_AVATAR_STORAGE="local")
    assert render(TEMPLATES[1], tmp_path, explicit)["VITE_AVATAR_STORAGE"] == "local"


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_prints_what_it_does_and_writes_owner_only(template, tmp_path):
    needs_erb()
    out = tmp_path / "out.env"
    result = run(template.script, [*template.args, "--output", str(out)], clean_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert f"erb/{template.filename}.erb" in result.stdout
    assert str(out) in result.stdout
    assert f"Wrote {len(template.defaults)} variables" in result.stdout
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    # no temporary files left beside the output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.env"]


@pytest.fixture
def fake_repo(tmp_path):
    """A copy of the scripts and templates in another folder, to show the
    scripts find the repository root from their own location."""
    root = tmp_path / "clone"
    for script in (BACKEND_SCRIPT, FRONTEND_SCRIPT):
        dest = root / script.relative_to(REPO)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(script, dest)
    shutil.copytree(REPO / "bin" / "lib", root / "bin" / "lib")
    shutil.copytree(REPO / "erb", root / "erb")
    return root


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_default_destination_is_the_repo_root(template, fake_repo, tmp_path):
    needs_erb()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = fake_repo / template.script.relative_to(REPO)
    result = run(script, template.args, clean_env(tmp_path), cwd=elsewhere)
    assert result.returncode == 0, result.stderr
    out = fake_repo / template.filename
    assert out.is_file()
    assert {k: v[0] for k, v in parse(out.read_text()).items()} == template.defaults
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("template", TEMPLATES, ids=repr)
def test_relative_output_is_relative_to_the_working_directory(template, tmp_path):
    needs_erb()
    result = run(template.script, [*template.args, "--output=rel.env"], clean_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rel.env").is_file()


@pytest.mark.parametrize("script", [BACKEND_SCRIPT, FRONTEND_SCRIPT], ids=["backend", "frontend"])
def test_help_prints_usage_and_writes_nothing(script, fake_repo, tmp_path):
    copy = fake_repo / script.relative_to(REPO)
    for flag in ("--help", "-h"):
        result = run(copy, [flag], clean_env(tmp_path))
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("usage:")
        assert "--output PATH" in result.stdout
    assert not list(fake_repo.glob("*.env"))


@pytest.mark.parametrize("script", [BACKEND_SCRIPT, FRONTEND_SCRIPT], ids=["backend", "frontend"])
@pytest.mark.parametrize("args", [["--bogus"], ["--output"], ["--output="]])
def test_bad_arguments_fail_with_usage(script, args, fake_repo, tmp_path):
    result = run(fake_repo / script.relative_to(REPO), args, clean_env(tmp_path))
    assert result.returncode == 2
    assert "usage:" in result.stderr
    assert not list(fake_repo.glob("*.env"))


@pytest.mark.parametrize("script", [BACKEND_SCRIPT, FRONTEND_SCRIPT], ids=["backend", "frontend"])
def test_missing_erb_is_reported_with_the_install_command(script, fake_repo, tmp_path):
    # a PATH with the basic tools the script needs, and no erb or ruby
    bindir = tmp_path / "bin-without-erb"
    bindir.mkdir()
    for tool in ("bash", "env", "dirname", "mktemp", "chmod", "mv", "rm", "grep", "cat"):
        found = shutil.which(tool)
        assert found, tool
        (bindir / tool).symlink_to(found)
    env = clean_env(tmp_path, PATH=str(bindir))
    result = run(fake_repo / script.relative_to(REPO), [], env)
    assert result.returncode != 0
    assert "erb" in result.stderr
    assert "apt-get install ruby" in result.stderr
    assert not list(fake_repo.glob("*.env"))


def test_failed_render_leaves_no_file(fake_repo, tmp_path):
    needs_erb()
    (fake_repo / "erb" / "backend-flask.env.erb").write_text("X=<%= ENV.fetch('NOT_SET_ANYWHERE') %>\n")
    script = fake_repo / BACKEND_SCRIPT.relative_to(REPO)
    result = run(script, [], clean_env(tmp_path))
    assert result.returncode != 0
    assert not (fake_repo / "backend-flask.env").exists()
    assert [p.name for p in fake_repo.iterdir() if p.is_file()] == []


def test_scripts_are_executable_bash_with_strict_mode():
    for script in (BACKEND_SCRIPT, FRONTEND_SCRIPT):
        assert os.access(script, os.X_OK), f"{script} is not executable"
        lines = script.read_text().splitlines()
        assert lines[0] == "#!/usr/bin/env bash"
        assert "set -euo pipefail" in lines
        assert str(REPO) not in script.read_text(), "hard-coded repository path"


def test_gitignore_keeps_rendered_env_files_out():
    ignored = set((REPO / ".gitignore").read_text().splitlines())
    assert {"backend-flask.env", "frontend-react-js.env", "sync.env"} <= ignored


def api_settings_class(monkeypatch):
    """The API's Settings model, imported from backend-flask/lib/config.py."""
    monkeypatch.syspath_prepend(str(REPO / "backend-flask"))
    for name in [module for module in sys.modules if module == "lib" or module.startswith("lib.")]:
        monkeypatch.delitem(sys.modules, name)
    from lib.config import Settings

    return Settings


def test_backend_template_covers_every_setting_the_api_reads(monkeypatch):
    settings = api_settings_class(monkeypatch)
    names = [field.upper() for field in settings.model_fields]
    assert "CONNECTION_URL" in names, "lib.config.Settings did not load as expected"
    text = (REPO / "erb" / "backend-flask.env.erb").read_text()
    in_template = set(re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", text, re.MULTILINE))
    missing = sorted(set(names) - in_template)
    assert not missing, f"erb/backend-flask.env.erb lacks settings the API reads: {missing}"
    # and the test's own list of the template's variables keeps up
    assert set(names) <= set(BACKEND_DEFAULTS)


def test_backend_defaults_are_a_valid_api_configuration(monkeypatch, tmp_path):
    rendered = render(TEMPLATES[0], tmp_path, clean_env(tmp_path))
    settings = api_settings_class(monkeypatch)
    for name, value in rendered.items():
        monkeypatch.setenv(name, value)
    loaded = settings()
    assert loaded.cruddur_env == "development"
    assert loaded.db_pool_size == 4
    assert loaded.aws_cognito_region is None
    assert loaded.cognito_region == "us-east-1"
