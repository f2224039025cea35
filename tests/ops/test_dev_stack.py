"""./bin/dev itself: it brings the whole stack up, survives a PostgreSQL
restart, stops everything it started, and keeps the data between runs."""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"timed out after {seconds}s waiting for {what}", pytrace=False)


def processes_mentioning(text: str) -> list[str]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if text in cmdline or cwd.startswith(text):
            found.append(f"{proc.name}: {cmdline[:120]}")
    return found


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a socket listening on `port`, from /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(
                    socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]) if len(address) == 8 else address
                )
    return found


def embedded(command: str, data_dir: Path, port: int):
    """Runs a bin/lib/embedded.sh function, e.g. pg_stop, on the dev cluster."""
    script = f'source "{REPO}/bin/lib/common.sh"; {command} "{data_dir}/postgres" {port}'
    subprocess.run(["bash", "-c", script], check=True, capture_output=True)


class DevStack:
    def __init__(self, tmp_path: Path):
        self.data_dir = tmp_path / "data"
        self.ports = {name: free_port() for name in ("API_PORT", "STREAM_PORT", "SPA_PORT", "PG_PORT", "DDB_PORT")}
        self.process = None
        self.log = tmp_path / "bin-dev.log"

    @property
    def api(self) -> str:
        return f"http://127.0.0.1:{self.ports['API_PORT']}"

    def start(self):
        env = {**os.environ, **{k: str(v) for k, v in self.ports.items()}, "DATA_DIR": str(self.data_dir)}
        for name in ("CONNECTION_URL", "AWS_ENDPOINT_URL"):
            env.pop(name, None)
        self.process = subprocess.Popen(
            [str(REPO / "bin" / "dev")], env=env, stdout=self.log.open("a"), stderr=subprocess.STDOUT
        )
        wait_until(self._healthy, 120, "the API to be healthy")
        wait_until(lambda: get(f"http://127.0.0.1:{self.ports['SPA_PORT']}/")[0] == 200, 60, "the web app to answer")

    def _healthy(self) -> bool:
        if self.process.poll() is not None:
            pytest.fail(f"bin/dev exited with {self.process.returncode}")
        return get(f"{self.api}/api/health-check")[0] == 200

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=60)

    def psql(self, sql: str) -> str:
        url = f"postgresql://postgres@127.0.0.1:{self.ports['PG_PORT']}/cruddur"
        return subprocess.run(["psql", url, "-tAc", sql], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def stack():
    # Not under pytest's tmp_path: run as root, PostgreSQL runs as its own user,
    # which must be able to reach the data directory.
    root = Path(tempfile.mkdtemp(prefix="cruddur-dev-"))
    root.chmod(0o755)
    stack = DevStack(root)
    yield stack
    if stack.process and stack.process.poll() is None:
        stack.stop()
    print(stack.log.read_text())
    shutil.rmtree(root, ignore_errors=True)


def test_bin_dev_runs_recovers_stops_and_keeps_data(stack):
    stack.start()
    status, body = get(f"{stack.api}/api/health-check")
    assert (status, json.loads(body)) == (200, {"status": "ok", "postgres": "up", "dynamodb": "up"})
    assert stack.psql("SELECT count(*) > 0 FROM users") == "t", "demo users are seeded"
    status, body = get(f"{stack.api}/api/activities/home")
    assert status == 200 and len(json.loads(body)["items"]) >= 10, "the first page is full of demo cruds"
    seeded = stack.psql("SELECT (SELECT count(*) FROM activities) || '/' || (SELECT count(*) FROM notifications)")
    status, body = get(f"http://127.0.0.1:{stack.ports['STREAM_PORT']}/api/stream/health")
    assert (status, json.loads(body)) == (200, {"postgres": "up"}), "the live stream runs"
    for name in ("API_PORT", "STREAM_PORT", "SPA_PORT"):
        assert listening_addresses(stack.ports[name]) == {"127.0.0.1"}, f"{name} is reachable from this machine only"
    stack.psql(
        "INSERT INTO users (cognito_user_id, handle, email, display_name) VALUES ('keep', 'kept', 'k@e.st', 'Kept')"
    )

    # PostgreSQL goes away: the health check names it; it comes back: the API recovers by itself.
    embedded("pg_stop", stack.data_dir, stack.ports["PG_PORT"])
    status, body = get(f"{stack.api}/api/health-check")
    assert status == 503
    assert json.loads(body)["errors"] == ["postgres_unavailable"]
    embedded("pg_start", stack.data_dir, stack.ports["PG_PORT"])
    wait_until(lambda: get(f"{stack.api}/api/health-check")[0] == 200, 10, "the API to recover")

    stack.stop()
    deadline = time.monotonic() + 10
    while (left := processes_mentioning(str(stack.data_dir))) and time.monotonic() < deadline:
        time.sleep(0.25)
    assert left == [], "processes left behind"
    for port in stack.ports.values():
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"port {port} is still open"

    stack.start()
    assert stack.psql("SELECT display_name FROM users WHERE handle = 'kept'") == "Kept"
    again = stack.psql("SELECT (SELECT count(*) FROM activities) || '/' || (SELECT count(*) FROM notifications)")
    assert again == seeded, "seeding again duplicates nothing"
