"""Helpers for the tests of the operator scripts.

`Stubs` puts recording stand-ins for commands such as `aws` and `docker` in a
folder that goes first on PATH: each call appends its arguments (and, for
`docker login --password-stdin`, what it read on stdin), its working
directory and its VITE_* variables to a log, and answers with the files,
output and exit status of the first rule whose argument prefix it matches
(no rule: no output, exit 0). `script_env` is a controlled
environment for running a script: no AWS settings or credentials from the
machine, unless a test gives them.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

STUB_BODY = """
import json
import os
import sys
from pathlib import Path

config = json.loads(Path(__file__).with_name("stub-config.json").read_text())
argv = sys.argv[1:]
record = {
    "tool": Path(sys.argv[0]).name,
    "argv": argv,
    "cwd": os.getcwd(),
    "env": {name: value for name, value in os.environ.items() if name.startswith("VITE_")},
}
if "--password-stdin" in argv:
    record["stdin"] = sys.stdin.read()
with open(config["log"], "a") as log:
    log.write(json.dumps(record) + "\\n")
for rule in config["rules"]:
    if rule["tool"] == record["tool"] and argv[: len(rule["prefix"])] == rule["prefix"]:
        for name in rule["touch"]:
            Path(name).parent.mkdir(parents=True, exist_ok=True)
            Path(name).write_text("stub\\n")
        sys.stdout.write(rule["stdout"])
        sys.stderr.write(rule["stderr"])
        sys.exit(rule["exit"])
"""

# What the scripts need besides the stubbed commands, for a PATH without them.
BASIC_TOOLS = (
    "bash",
    "env",
    "dirname",
    "basename",
    "cat",
    "mktemp",
    "rm",
    "grep",
    "sed",
    "tr",
    "id",
    "wc",
    "find",
    "sort",
    "head",
    "mkdir",
    "cp",
    "chmod",
    "mv",
    "readlink",
    "python3",
    "python3.11",
)


class Stubs:
    def __init__(self, root: Path, tools=("aws", "docker")):
        self.bin = root / "stub-bin"
        self.bin.mkdir(parents=True, exist_ok=True)
        self.log = root / "stub-calls.jsonl"
        self.log.write_text("")
        self.rules: list[dict] = []
        for tool in tools:
            path = self.bin / tool
            path.write_text(f"#!{sys.executable}\n{STUB_BODY}")
            path.chmod(0o755)
        self._save()

    def _save(self):
        config = {"log": str(self.log), "rules": self.rules}
        (self.bin / "stub-config.json").write_text(json.dumps(config))

    def on(self, tool: str, *prefix: str, stdout: str = "", stderr: str = "", exit: int = 0, touch=(), first=False):
        """Calls of `tool` whose arguments start with `prefix` create the files `touch` (relative to
        their working directory), print `stdout` and `stderr`, and exit with `exit`. The first
        matching rule applies; `first` puts this one before those already given."""
        rule = {"tool": tool, "prefix": list(prefix), "stdout": stdout, "stderr": stderr, "exit": exit}
        rule["touch"] = [str(name) for name in touch]
        self.rules.insert(0 if first else len(self.rules), rule)
        self._save()

    def records(self) -> list[dict]:
        return [json.loads(line) for line in self.log.read_text().splitlines()]

    def calls(self, tool: str | None = None) -> list[list[str]]:
        """Every recorded call as [tool, *arguments], in order (only `tool`'s if given)."""
        return [[r["tool"], *r["argv"]] for r in self.records() if tool is None or r["tool"] == tool]


def basic_path(root: Path) -> str:
    """A folder with only the basic tools (no aws, no docker, no npm)."""
    folder = root / "basic-bin"
    folder.mkdir(exist_ok=True)
    for tool in BASIC_TOOLS:
        found = shutil.which(tool)
        if found and not (folder / tool).exists():
            (folder / tool).symlink_to(found)
    return str(folder)


def script_env(tmp_path: Path, stubs: Stubs | None = None, path: str | None = None, **extra: str) -> dict[str, str]:
    """PATH (stubs first), HOME and a locale, AWS pointed at nothing, plus `extra`."""
    search = path if path is not None else os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin")
    if stubs is not None:
        search = f"{stubs.bin}{os.pathsep}{search}"
    env = {
        "PATH": search,
        "HOME": str(tmp_path),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    if "VENV_DIR" in os.environ:
        env["VENV_DIR"] = os.environ["VENV_DIR"]
    env.update(extra)
    return env


def aws_env(tmp_path: Path, endpoint: str, **extra: str) -> dict[str, str]:
    """script_env pointed at moto (AWS_ENDPOINT_URL) with dummy credentials and no retries."""
    return script_env(
        tmp_path,
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_MAX_ATTEMPTS="1",
        **extra,
    )


def run(script, args=(), env=None, cwd=None, timeout=120) -> subprocess.CompletedProcess:
    """A script (a path, or one relative to the repository) with its output captured."""
    path = Path(script)
    if not path.is_absolute():
        path = REPO / path
    return subprocess.run(
        [str(path), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def run_health_check(command_for: Callable[[int], str], path: str, status: int | None) -> subprocess.CompletedProcess:
    """Runs a container health check's Python (`command_for(port)`) against a
    stand-in on a free port that answers `status` on `path` and 404 elsewhere
    (None: nothing listens)."""

    class StandIn(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(status if self.path == path else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = None
    if status is not None:
        server = HTTPServer(("127.0.0.1", port), StandIn)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        return subprocess.run([sys.executable, "-c", command_for(port)], check=False, capture_output=True, timeout=30)
    finally:
        if server:
            server.shutdown()
            server.server_close()
