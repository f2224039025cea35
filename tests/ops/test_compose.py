"""docker-compose.yml and the images it builds.

`docker-compose config` (Debian's docker-compose 1.29 needs no Docker engine)
validates the file, resolves the env files and interpolates variables. It refuses
to run without the env files, which are generated and gitignored, so the tests
run it on a copy of docker-compose.yml in a temporary folder, beside env files
rendered by bin/*/generate-env in a controlled environment and links to the real
build contexts.

The Dockerfile checks at the end need no docker-compose.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import certifi
import pytest
from ops_stubs import run_health_check

REPO = Path(__file__).resolve().parents[2]
COMPOSE_FILE = REPO / "docker-compose.yml"
SERVICES = {"backend-flask", "stream", "frontend-react-js", "db", "dynamodb-local", "xray-daemon"}

needs_compose = pytest.mark.skipif(
    shutil.which("docker-compose") is None,
    reason="docker-compose is not installed (Debian: apt-get install docker-compose)",
)


# --- helpers ---------------------------------------------------------------


def load_yaml(text: str):
    try:
        import yaml
    except ImportError:
        # docker-compose 1.x is a Python program with PyYAML: use its interpreter
        compose = Path(shutil.which("docker-compose"))
        first = compose.read_bytes().split(b"\n", 1)[0].decode(errors="replace")
        if not first.startswith("#!") or "python" not in first:
            pytest.fail("PyYAML is needed to read `docker-compose config` (pip install pyyaml)")
        interpreter = shlex.split(first[2:])
        converted = subprocess.run(
            [*interpreter, "-c", "import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)"],
            input=text,
            capture_output=True,
            text=True,
            check=True,
        )
        return json.loads(converted.stdout)
    return yaml.safe_load(text)


def base_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
    }
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder with a copy of docker-compose.yml, generated env files and
    links to the build contexts."""
    if shutil.which("erb") is None:
        pytest.fail("Ruby's erb is required to generate the env files (apt-get install ruby)")
    root = tmp_path_factory.mktemp("compose")
    shutil.copy2(COMPOSE_FILE, root / "docker-compose.yml")
    for context in ("backend-flask", "frontend-react-js"):
        (root / context).symlink_to(REPO / context, target_is_directory=True)
    env = base_env(root)
    for script, name in (
        (REPO / "bin/backend/generate-env", "backend-flask.env"),
        (REPO / "bin/frontend/generate-env", "frontend-react-js.env"),
    ):
        subprocess.run([str(script), "--output", str(root / name)], env=env, check=True, capture_output=True)
    return root


def compose_config(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["docker-compose", "-f", "docker-compose.yml", *args, "config"],
        check=False,
        cwd=project,
        env=base_env(project, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture(scope="module")
def config(project):
    result = compose_config(project)
    assert result.returncode == 0, f"docker-compose config failed:\n{result.stderr}"
    return load_yaml(result.stdout)


def ports(service: dict) -> set[tuple[str, str, str]]:
    """(published, target, protocol) for each port, short or long syntax."""
    found = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            found.add((str(port.get("published")), str(port["target"]), port.get("protocol", "tcp")))
        else:
            spec, _, protocol = str(port).partition("/")
            parts = spec.split(":")
            found.add((parts[-2], parts[-1], protocol or "tcp"))
    return found


def host_addresses(service: dict) -> set[str]:
    """The host address each port is published on ("" for every interface)."""
    found = set()
    for port in service.get("ports", []):
        if isinstance(port, dict):
            found.add(port.get("host_ip", ""))
        else:
            parts = str(port).partition("/")[0].split(":")
            found.add(parts[0] if len(parts) == 3 else "")
    return found


def volumes(service: dict) -> dict[str, str]:
    """target -> source for each volume, short or long syntax."""
    found = {}
    for volume in service.get("volumes", []):
        if isinstance(volume, dict):
            found[volume["target"]] = volume.get("source", "")
        else:
            parts = volume.split(":")
            if len(parts) == 1:
                found[parts[0]] = ""
            else:
                found[parts[1]] = parts[0]
    return found


# name:tag@sha256:digest — the tag for people, the digest for what is pulled.
PINNED_IMAGE = re.compile(r"^(?P<image>[a-z0-9./-]+:[A-Za-z0-9._-]+)@sha256:[0-9a-f]{64}$")


def unpinned(reference: str) -> str:
    """An image reference without its digest."""
    return reference.split("@", 1)[0]


def environment(service: dict) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return env


def command(service: dict) -> list[str]:
    cmd = service.get("command")
    return shlex.split(cmd) if isinstance(cmd, str) else list(cmd or [])


def healthcheck_test(service: dict) -> str:
    test = service.get("healthcheck", {}).get("test")
    assert test, "no healthcheck"
    return " ".join(test) if isinstance(test, list) else test


# --- docker-compose config -------------------------------------------------


@needs_compose
def test_config_succeeds_with_the_six_services(config):
    assert set(config["services"]) == SERVICES


@needs_compose
@pytest.mark.parametrize(
    "service, published, target, protocol",
    [
        ("backend-flask", "4567", "4567", "tcp"),
        ("stream", "4568", "4568", "tcp"),
        ("frontend-react-js", "3000", "3000", "tcp"),
        ("db", "5432", "5432", "tcp"),
        ("dynamodb-local", "8000", "8000", "tcp"),
        ("xray-daemon", "2000", "2000", "udp"),
    ],
)
def test_ports(config, service, published, target, protocol):
    assert (published, target, protocol) in ports(config["services"][service])


@needs_compose
@pytest.mark.parametrize("service", sorted(SERVICES))
def test_everything_is_published_on_loopback_only(config, service):
    """Nothing else on the developer's network reaches the app, the databases
    or the daemon that holds their AWS credentials (as with ./bin/dev)."""
    assert host_addresses(config["services"][service]) == {"127.0.0.1"}


@needs_compose
def test_builds_and_env_files(config, project):
    services = config["services"]
    for name in ("backend-flask", "frontend-react-js"):
        build = services[name]["build"]
        assert Path(build["context"]).name == name
        assert build.get("dockerfile", "Dockerfile") == "Dockerfile"
        assert (REPO / name / "Dockerfile").is_file()
    # the env files' contents are merged into each service's environment
    backend = environment(services["backend-flask"])
    assert backend["CRUDDUR_ENV"] == "development"
    assert backend["AWS_ENDPOINT_URL"] == "http://dynamodb-local:8000"
    assert backend["DATA_DIR"] == "/data"
    frontend = environment(services["frontend-react-js"])
    assert frontend["API_PROXY_TARGET"] == "http://backend-flask:4567"
    assert frontend["VITE_API_URL"] == ""


# --- the stream process ----------------------------------------------------


@needs_compose
def test_stream_is_the_api_image_with_another_command(config):
    """Same build, same env file (its CONNECTION_URL, AUTH_PROVIDER, ...), and
    `python -m stream` in place of gunicorn."""
    services = config["services"]
    stream, api = services["stream"], services["backend-flask"]
    assert stream["build"] == api["build"]
    assert command(stream) == ["python", "-m", "stream"]
    shared = {name: value for name, value in environment(api).items() if not name.startswith("AWS_")}
    assert {name: environment(stream).get(name) for name in shared} == shared
    assert "DDB_MESSAGE_TABLE" in environment(stream), "not the API's env file"


@needs_compose
def test_stream_shares_the_api_data_volume_and_starts_after_it(config):
    """The local identity provider's signing key lives in the data volume: the
    stream verifies tokens with the key the API made, so it waits for the API."""
    services = config["services"]
    stream = services["stream"]
    assert volumes(stream)["/data"] == volumes(services["backend-flask"])["/data"] == "backend-data"
    assert environment(stream)["DATA_DIR"] == "/data"
    assert volumes(stream)["/backend-flask"].endswith("backend-flask")
    depends = stream["depends_on"]
    assert isinstance(depends, dict), "depends_on needs conditions"
    assert depends["db"]["condition"] == "service_healthy"
    assert depends["backend-flask"]["condition"] == "service_healthy"
    assert "dynamodb-local" not in depends, "the stream does not use DynamoDB"


@needs_compose
def test_stream_healthcheck_asks_its_health_route(config):
    test = healthcheck_test(config["services"]["stream"])
    assert "http://127.0.0.1:4568/api/stream/health" in test
    assert "curl" not in test, "python:3.11-slim has no curl"


@needs_compose
def test_the_web_app_proxies_the_stream_to_the_stream_service(config):
    services = config["services"]
    frontend = services["frontend-react-js"]
    target = environment(frontend)["STREAM_PROXY_TARGET"]
    match = re.fullmatch(r"http://([\w-]+):(\d+)", target)
    assert match, target
    host, port = match.groups()
    assert host == "stream"
    assert (port, port, "tcp") in ports(services["stream"])
    assert environment(services["stream"])["STREAM_PORT"] == port
    assert "stream" in frontend["depends_on"]


@needs_compose
def test_missing_env_file_is_an_error(project, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    shutil.copy2(COMPOSE_FILE, broken / "docker-compose.yml")
    for entry in project.iterdir():
        if entry.name not in ("docker-compose.yml", "backend-flask.env"):
            (broken / entry.name).symlink_to(entry)
    result = compose_config(broken)
    assert result.returncode != 0
    assert "backend-flask.env" in result.stderr


@needs_compose
def test_backend_waits_for_healthy_stores(config):
    services = config["services"]
    depends = services["backend-flask"]["depends_on"]
    assert isinstance(depends, dict), "depends_on needs conditions"
    for store in ("db", "dynamodb-local"):
        assert depends[store]["condition"] == "service_healthy"
        assert services[store].get("healthcheck", {}).get("test"), f"{store} has no healthcheck"
    assert "pg_isready" in healthcheck_test(services["db"])
    assert "localhost:8000" in healthcheck_test(services["dynamodb-local"])


@needs_compose
def test_db_service(config):
    db = config["services"]["db"]
    assert unpinned(db["image"]) == "postgres:15-alpine"
    env = environment(db)
    assert env["POSTGRES_DB"] == "cruddur"
    assert volumes(db)["/var/lib/postgresql/data"] == "db-data"


@needs_compose
def test_postgres_has_no_well_known_password(config):
    """No password to leak: PostgreSQL trusts who connects, as ./bin/dev's does,
    which is safe because only the compose network and this machine reach it."""
    db = config["services"]["db"]
    env = environment(db)
    assert "POSTGRES_PASSWORD" not in env, f"a fixed password: {env.get('POSTGRES_PASSWORD')!r}"
    assert env["POSTGRES_HOST_AUTH_METHOD"] == "trust"
    assert host_addresses(db) == {"127.0.0.1"}


@needs_compose
def test_backend_connection_url_matches_the_db_service(config):
    services = config["services"]
    url = environment(services["backend-flask"])["CONNECTION_URL"]
    match = re.fullmatch(r"postgresql://(\w+)@([\w-]+):(\d+)/(\w+)", url)
    assert match, url
    user, host, port, database = match.groups()
    db = environment(services["db"])
    assert (user, database) == (db["POSTGRES_USER"], db["POSTGRES_DB"])
    assert host == "db"
    assert (port, port, "tcp") in ports(services["db"])


@needs_compose
def test_dynamodb_local_service(config):
    ddb = config["services"]["dynamodb-local"]
    assert unpinned(ddb["image"]).split(":")[0] == "amazon/dynamodb-local"
    assert command(ddb) == ["-jar", "DynamoDBLocal.jar", "-sharedDb", "-dbPath", "./data"]
    workdir = ddb.get("working_dir", "/home/dynamodblocal")
    assert volumes(ddb)[f"{workdir}/data"] == "dynamodb-data"


@needs_compose
def test_xray_daemon_is_optional(config, project):
    services = config["services"]
    assert unpinned(services["xray-daemon"]["image"]).split(":")[0].endswith("/aws-xray-daemon")
    assert services["xray-daemon"].get("profiles") == ["xray"]
    for name in SERVICES - {"xray-daemon"}:
        assert not services[name].get("profiles"), f"{name} should start without a profile"
    result = compose_config(project, "--profile", "xray")
    assert result.returncode == 0, result.stderr


@needs_compose
def test_images_are_pinned_by_digest(config):
    images = {name: service["image"] for name, service in config["services"].items() if "image" in service}
    assert set(images) == {"db", "dynamodb-local", "xray-daemon"}
    assert {name: image for name, image in images.items() if not PINNED_IMAGE.fullmatch(image)} == {}


@needs_compose
def test_named_volumes_and_network(config):
    assert {"db-data", "dynamodb-data"} <= set(config.get("volumes") or {})
    assert config["networks"]["cruddur"]["name"] == "cruddur"
    for name, service in config["services"].items():
        networks = service.get("networks")
        assert networks and "cruddur" in networks, f"{name} is not on the cruddur network"


# --- Dockerfiles -----------------------------------------------------------


def instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    result, pending = [], ""
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if pending and line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, args = line.partition(" ")
        result.append((keyword.upper(), args.strip()))
    assert not pending, f"{path}: dangling line continuation"
    return result


def values(found: list[tuple[str, str]], keyword: str) -> list[str]:
    return [args for kw, args in found if kw == keyword]


def exec_form(args: str) -> list[str]:
    parsed = json.loads(args)
    assert isinstance(parsed, list)
    return parsed


def last_stage(found):
    start = max(i for i, (kw, _) in enumerate(found) if kw == "FROM")
    return found[start:]


def test_backend_dev_dockerfile():
    found = instructions(REPO / "backend-flask" / "Dockerfile")
    assert [unpinned(f.split()[0]) for f in values(found, "FROM")] == ["python:3.11-slim"]
    assert any("pip install" in run and "requirements.txt" in run for run in values(found, "RUN"))
    assert exec_form(values(found, "CMD")[-1]) == [
        "gunicorn",
        "--config",
        "gunicorn.conf.py",
        "--reload",
        "app:app",
    ]
    assert "4567" in " ".join(values(found, "EXPOSE"))
    text = (REPO / "backend-flask" / "Dockerfile").read_text()
    assert "flask run" not in text and "app.run" not in text


def test_backend_prod_dockerfile():
    path = REPO / "backend-flask" / "Dockerfile.prod"
    found = instructions(path)
    froms = values(found, "FROM")
    assert len(froms) >= 2, "not multi-stage"
    assert all(unpinned(f.split()[0]) == "python:3.11-slim" for f in froms)
    final = last_stage(found)
    users = values(final, "USER")
    assert users and users[-1].split(":")[0] not in ("root", "0"), "runs as root"
    env = " ".join(values(final, "ENV"))
    assert "PYTHONDONTWRITEBYTECODE=1" in env and "PYTHONUNBUFFERED=1" in env
    assert "4567" in " ".join(values(final, "EXPOSE"))
    assert exec_form(values(final, "CMD")[-1]) == ["gunicorn", "--config", "gunicorn.conf.py", "app:app"]
    assert "--reload" not in path.read_text()
    assert "curl" not in " ".join(values(found, "HEALTHCHECK")), "slim images have no curl"


RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem"


def prod_rds_ca_bundle() -> tuple[str, str, str]:
    """(the build stage's download command, where it writes, where the final image keeps it)."""
    found = instructions(REPO / "backend-flask" / "Dockerfile.prod")
    assert f"RDS_CA_BUNDLE_URL={RDS_CA_BUNDLE_URL}" in values(found, "ARG")
    (download,) = [run for run in values(found, "RUN") if "$RDS_CA_BUNDLE_URL" in run]
    copies = [args.split() for args in values(last_stage(found), "COPY") if "rds" in args]
    assert len(copies) == 1 and copies[0][0] == "--from=build", copies
    _, written, kept = copies[0]
    assert written in download
    return download, written, kept


def test_prod_image_keeps_the_rds_ca_bundle_at_a_fixed_path():
    _, _, kept = prod_rds_ca_bundle()
    assert kept == "/etc/ssl/certs/rds-global-bundle.pem"


@pytest.mark.parametrize("bundle, fetched", [("certificates", True), ("an error page", False)])
def test_prod_rds_ca_bundle_download_keeps_only_certificates(tmp_path, bundle, fetched):
    """Run the build stage's command on a file:// URL: a bundle of CA
    certificates is kept as it is; anything else fails the build."""
    download, written, _ = prod_rds_ca_bundle()
    source = tmp_path / "global-bundle.pem"
    if bundle == "certificates":
        shutil.copyfile(certifi.where(), source)
    else:
        source.write_text("<html>503 Service Unavailable</html>\n")
    target = tmp_path / "kept.pem"
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "RDS_CA_BUNDLE_URL": source.as_uri(),
    }
    result = subprocess.run(
        ["sh", "-c", download.replace(written, str(target))], env=env, capture_output=True, text=True, timeout=60
    )
    assert (result.returncode == 0) is fetched, result.stderr
    assert (target.read_bytes() == source.read_bytes()) if fetched else not target.exists()


def prod_healthcheck() -> list[str]:
    found = instructions(REPO / "backend-flask" / "Dockerfile.prod")
    checks = values(found, "HEALTHCHECK")
    assert len(checks) == 1
    _, _, cmd = checks[0].partition(" CMD ")
    argv = exec_form(cmd.strip())
    assert argv[0] == "python" and argv[1] == "-c"
    assert "urllib" in argv[2] and "http://127.0.0.1:4567/api/health-check" in argv[2]
    return argv


@pytest.mark.parametrize("status, healthy", [(200, True), (503, False), (None, False)])
def test_prod_healthcheck_command_really_checks(status, healthy):
    """Run the HEALTHCHECK's Python against a stand-in API on a free port."""
    code = prod_healthcheck()[2]
    result = run_health_check(
        lambda port: code.replace("127.0.0.1:4567", f"127.0.0.1:{port}"), "/api/health-check", status
    )
    assert (result.returncode == 0) is healthy, result.stderr


def test_frontend_dockerfile():
    found = instructions(REPO / "frontend-react-js" / "Dockerfile")
    assert [unpinned(f.split()[0]) for f in values(found, "FROM")] == ["node:20-alpine"]
    assert any(re.search(r"\bnpm ci\b", run) for run in values(found, "RUN"))
    assert "API_PROXY_TARGET=http://backend-flask:4567" in " ".join(values(found, "ENV"))
    assert "3000" in " ".join(values(found, "EXPOSE"))
    assert exec_form(values(found, "CMD")[-1]) == ["npx", "vite", "--host", "0.0.0.0", "--port", "3000"]


@pytest.mark.parametrize(
    "dockerfile", ["backend-flask/Dockerfile", "backend-flask/Dockerfile.prod", "frontend-react-js/Dockerfile"]
)
def test_base_images_are_pinned_by_digest(dockerfile):
    bases = [args.split()[0] for args in values(instructions(REPO / dockerfile), "FROM")]
    assert bases and [base for base in bases if not PINNED_IMAGE.fullmatch(base)] == []


@pytest.mark.parametrize(
    "context, excluded, kept",
    [
        (
            "backend-flask",
            [".git", ".venv/", "__pycache__/", ".data/", "*.env"],
            ["requirements.txt", "gunicorn.conf.py", "app.py"],
        ),
        (
            "frontend-react-js",
            [".git", "node_modules/", "dist/", "frontend-react-js.env"],
            ["package.json", "package-lock.json", "vite.config.js", "index.html", "src/"],
        ),
    ],
)
def test_dockerignore(context, excluded, kept):
    lines = {
        line.strip()
        for line in (REPO / context / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert set(excluded) <= lines
    for name in kept:
        assert not any(re.fullmatch(re.escape(pattern).replace(r"\*", "[^/]*"), name) for pattern in lines), (
            f"{name} would be left out of the build context"
        )
