"""bin/backend/generate-env and bin/frontend/generate-env --from-ssm, against
Parameter Store emulated by moto in server mode.

One moto server runs on a free loopback port for the module; each test puts
its parameters under its own path. The scripts run as subprocesses told where
moto is by AWS_ENDPOINT_URL, with dummy credentials and none of the machine's
AWS configuration.
"""

from __future__ import annotations

import uuid

import boto3
import pytest
from ops_stubs import aws_env, run, script_env
from test_env_templates import BACKEND_DEFAULTS, FRONTEND_DEFAULTS, needs_erb, parse

BACKEND = "bin/backend/generate-env"
FRONTEND = "bin/frontend/generate-env"


@pytest.fixture
def ssm(endpoint):
    return boto3.client(
        "ssm",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@pytest.fixture
def prefix() -> str:
    return f"/cruddur/t{uuid.uuid4().hex[:8]}"


def put(ssm, name: str, value: str, kind: str = "String"):
    ssm.put_parameter(Name=name, Value=value, Type=kind)


def rendered(path) -> dict[str, str]:
    return {name: values[0] for name, values in parse(path.read_text()).items()}


def test_backend_settings_come_from_the_path_recursively_and_win(ssm, endpoint, prefix, tmp_path):
    needs_erb()
    secret_url = "postgresql://cruddur_app:s3cr3t@db.internal:5432/cruddur?sslmode=require"
    put(ssm, f"{prefix}/backend-flask/CONNECTION_URL", secret_url, "SecureString")
    put(ssm, f"{prefix}/backend-flask/ROLLBAR_ACCESS_TOKEN", "rb-token-123", "SecureString")
    put(ssm, f"{prefix}/backend-flask/AUTH_PROVIDER", "cognito")
    put(ssm, f"{prefix}/backend-flask/observability/OTEL_EXPORTER_OTLP_HEADERS", "x-honeycomb-team=k1, a=b #c $HOME")
    # beside the path, not under it
    put(ssm, f"{prefix}/backend-flask-old/LOG_LEVEL", "DEBUG")
    put(ssm, f"{prefix}/frontend-react-js/FRONTEND_URL", "https://wrong.example.com")

    out = tmp_path / "backend.env"
    env = aws_env(tmp_path, endpoint, AUTH_PROVIDER="local", LOG_LEVEL="WARNING")
    result = run(BACKEND, ["--from-ssm", f"{prefix}/backend-flask", "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    values = rendered(out)
    assert values == {
        **BACKEND_DEFAULTS,
        "CONNECTION_URL": secret_url,
        "ROLLBAR_ACCESS_TOKEN": "rb-token-123",
        "AUTH_PROVIDER": "cognito",  # Parameter Store wins over the environment
        "OTEL_EXPORTER_OTLP_HEADERS": "x-honeycomb-team=k1, a=b #c $HOME",
        "LOG_LEVEL": "WARNING",  # from the environment: not under the path
        # the template takes it from the environment, here the test's own (moto's)
        "AWS_ENDPOINT_URL": endpoint,
    }
    assert "testing" not in out.read_text(), "the operator's own AWS keys stay out of the env file"
    output = result.stdout + result.stderr
    assert f"{prefix}/backend-flask" in output
    assert "Using 4 parameters" in output
    assert "ROLLBAR_ACCESS_TOKEN" in output
    assert "s3cr3t" not in output and "rb-token-123" not in output, "a secret value was printed"


def test_frontend_settings_from_the_path(ssm, endpoint, prefix, tmp_path):
    needs_erb()
    put(ssm, f"{prefix}/frontend-react-js/VITE_API_URL", "https://api.example.com")
    put(ssm, f"{prefix}/frontend-react-js/VITE_AUTH_PROVIDER", "cognito")
    put(ssm, f"{prefix}/frontend-react-js/AWS_COGNITO_USER_POOL_ID", "us-east-1_Pool")
    out = tmp_path / "frontend.env"
    args = [f"--from-ssm={prefix}/frontend-react-js/", "--output", str(out)]
    result = run(FRONTEND, args, aws_env(tmp_path, endpoint))
    assert result.returncode == 0, result.stderr
    assert rendered(out) == {
        **FRONTEND_DEFAULTS,
        "VITE_API_URL": "https://api.example.com",
        "VITE_AUTH_PROVIDER": "cognito",
        "VITE_AWS_COGNITO_USER_POOL_ID": "us-east-1_Pool",  # through the backend's name
    }


@pytest.mark.parametrize(
    ("names", "message"),
    [
        ([], "no parameters under"),
        (["bad-name"], "'bad-name' is not a valid variable name"),
        (["a/LOG_LEVEL", "b/LOG_LEVEL"], "would both set LOG_LEVEL"),
        (["MULTI"], "spans several lines"),
    ],
)
def test_unusable_parameters_fail_and_write_nothing(names, message, ssm, endpoint, prefix, tmp_path):
    needs_erb()
    for name in names:
        put(ssm, f"{prefix}/api/{name}", "line one\nline two" if name == "MULTI" else "x")
    out = tmp_path / "never.env"
    result = run(BACKEND, ["--from-ssm", f"{prefix}/api", "--output", str(out)], aws_env(tmp_path, endpoint))
    assert result.returncode != 0
    assert message in result.stderr
    assert "nothing was written" in result.stderr
    assert list(tmp_path.glob("*.env")) == [] and not out.exists()


def test_a_path_must_start_with_a_slash(endpoint, tmp_path):
    needs_erb()
    result = run(
        BACKEND, ["--from-ssm", "cruddur/dev", "--output", str(tmp_path / "x.env")], aws_env(tmp_path, endpoint)
    )
    assert result.returncode != 0
    assert "starting with /" in result.stderr


@pytest.mark.parametrize("script", [BACKEND, FRONTEND])
@pytest.mark.parametrize("args", [["--from-ssm"], ["--from-ssm", ""], ["--from-ssm="]])
def test_the_option_needs_a_path(script, args, tmp_path):
    result = run(script, args, script_env(tmp_path))
    assert result.returncode == 2
    assert "needs a Parameter Store path" in result.stderr


def test_unreachable_parameter_store_fails_clearly(tmp_path):
    needs_erb()
    env = aws_env(tmp_path, "http://127.0.0.1:9")  # the discard port: nothing listens
    result = run(BACKEND, ["--from-ssm", "/cruddur/dev/backend-flask", "--output", str(tmp_path / "x.env")], env)
    assert result.returncode != 0
    assert "could not reach Parameter Store" in result.stderr
    assert not (tmp_path / "x.env").exists()


def test_missing_region_is_named(endpoint, tmp_path):
    needs_erb()
    env = aws_env(tmp_path, endpoint)
    del env["AWS_DEFAULT_REGION"]
    result = run(BACKEND, ["--from-ssm", "/cruddur/dev/backend-flask", "--output", str(tmp_path / "x.env")], env)
    assert result.returncode != 0
    assert "AWS_DEFAULT_REGION" in result.stderr


def test_help_mentions_the_option():
    for script in (BACKEND, FRONTEND):
        result = run(script, ["--help"])
        assert result.returncode == 0
        assert "--from-ssm PATH" in result.stdout
