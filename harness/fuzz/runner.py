"""The driver behind bin/fuzz: signs in as a demo user, works out which
operations the target API serves, writes a little of everything (so that every
list has a second page) and collects real cursors, handles and uuids for the
hooks in hooks.py, runs schemathesis on every operation and prints a
summary per operation. Exits non-zero on any failure.

Runs in the fuzzer's virtualenv (.tools/fuzz-venv); see bin/fuzz --help.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
from collections import Counter, defaultdict
from pathlib import Path

DEMO_EMAIL = "andrew@example.com"
OTHER_EMAIL = "bayko@example.com"  # replies to and likes the demo user's cruds
DEMO_PASSWORD = "Crud-Demo-2026"
HOOKS = Path(__file__).with_name("hooks.py")

CHECKS = ",".join(
    [
        "not_a_server_error",  # no 5xx, whatever the input
        "status_code_conformance",  # only status codes the contract lists for the operation
        "content_type_conformance",  # the content type the contract lists for that status
        "response_schema_conformance",  # a body that matches the contract's schema
    ]
)

# The short run (the default, and ./bin/test ops) is the same every time; the
# long one draws a new seed, which schemathesis prints so a failure can be replayed.
SHORT_EXAMPLES = 50
SHORT_SEED = 20261122
LONG_EXAMPLES = 500

# Operations the contract describes but that only some configurations of the
# API serve; elsewhere they are simply not there (404 for any request). Each is
# probed with a request it would answer with something else, and left out of
# the run when the answer is 404: (operationId, method, path, why).
CONDITIONAL = [
    ("getDevOutbox", "GET", "/api/auth/dev/outbox?email=probe%40example.com", "served only in development"),
    ("uploadAvatar", "POST", "/api/profile/avatar", "served only with AVATAR_STORAGE=local"),
    ("createAvatarUpload", "POST", "/api/profile/avatar/upload", "served only with AVATAR_STORAGE=s3"),
    ("openStream", "GET", "/api/stream", "served by the stream process"),
    ("getStreamHealth", "GET", "/api/stream/health", "served by the stream process"),
]

# signOut ends the caller's session: every access token the demo user holds
# stops working at once. It is fuzzed on its own, after every other operation.
LAST = ["signOut"]

# Every other operation is fuzzed, including the ones that look dangerous but
# are not to this run:
# - resetPassword and confirmSignUp need a six-digit code sent to the account's
#   outbox; generated codes are rejected (and account lock-out is per account,
#   rate limits are raised by bin/fuzz's own stack).
# - updateProfile changes the demo user's name and bio: that is why --url must
#   point at a throwaway stack.


def log(message: str):
    print(f"==> {message}", file=sys.stderr, flush=True)


def request(base: str, method: str, path: str, body: dict | None = None, token: str | None = None):
    parts = urllib.parse.urlsplit(base)
    conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    conn = conn_class(parts.netloc, timeout=15)
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        conn.request(method, parts.path.rstrip("/") + path, body=data, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def sign_in(base: str, email: str = DEMO_EMAIL) -> str:
    try:
        status, body = request(base, "POST", "/api/auth/signin", {"email": email, "password": DEMO_PASSWORD})
    except OSError as error:
        sys.exit(f"error: cannot reach the API at {base}: {error}")
    if status != 200:
        sys.exit(
            f"error: signing in as {email} failed with {status} {body[:200]!r}; "
            "the API must use the local identity provider and have the seeded demo users"
        )
    return json.loads(body)["access_token"]


def collect_samples(base: str, token: str) -> dict[str, list[str]]:
    """Writes cruds, replies, a like and messages, then reads the first page
    of every list: its cursor, and the handles and uuids seen on the way."""
    other = sign_in(base, OTHER_EMAIL)

    def call(method: str, path: str, body: dict | None = None, as_token: str = token) -> dict:
        status, data = request(base, method, path, body, as_token)
        if status >= 300:
            sys.exit(f"error: preparing the run, {method} {path} answered {status} {data[:200]!r}")
        return json.loads(data)

    cruds = [call("POST", "/api/activities", {"message": f"fuzz rocket {n}", "ttl": "1-day"}) for n in range(3)]
    crud, me = cruds[0]["uuid"], cruds[0]["handle"]
    for text in ("a reply", "another reply"):
        call("POST", f"/api/activities/{crud}/reply", {"message": text}, other)
    call("POST", f"/api/activities/{crud}/like", None, other)
    group = call("POST", "/api/messages", {"handle": "bayko", "message": "hello"})["message_group_uuid"]
    call("POST", "/api/messages", {"message_group_uuid": group, "message": "again"})
    call("POST", "/api/messages", {"handle": "londo", "message": "hello"})
    lists = [
        "/api/activities/home?",
        f"/api/activities/@{me}?",
        f"/api/activities/@{me}/status/{crud}?",
        "/api/activities/search?term=rocket&",
        "/api/activities/notifications?",
        "/api/message_groups?",
        f"/api/messages/{group}?",
    ]
    cursors = [call("GET", f"{path}limit=1")["next_cursor"] for path in lists]
    for path, cursor in zip(lists, cursors, strict=True):
        if cursor is None:
            log(f"No second page in {path.rstrip('?&')}: its cursors will all be crafted ones")
    return {
        "cursors": [cursor for cursor in cursors if cursor],
        "handles": [me, "bayko", "londo"],
        "uuids": [item["uuid"] for item in cruds] + [group],
        "words": ["rocket", "fuzz", "reply", "hello"],
    }


def unserved_operations(base: str, token: str) -> dict[str, str]:
    """operationId -> why, for the operations this API's configuration does not serve."""
    unserved = {}
    for operation_id, method, path, why in CONDITIONAL:
        status, _ = request(base, method, path, None, token)
        if status == 404:
            unserved[operation_id] = why
    return unserved


def schemathesis_command(args, token: str, report_dir: Path, operations: list[str]) -> list[str]:
    """The run of schemathesis over every operation but those excluded by
    `operations` ("--exclude-operation-id", ...) or only those it includes."""
    max_examples = args.max_examples or (LONG_EXAMPLES if args.long else SHORT_EXAMPLES)
    seed = args.seed if args.seed is not None else (None if args.long else SHORT_SEED)
    command = [
        args.schemathesis,
        "run",
        args.spec,
        "--url",
        args.url,
        "--header",
        f"Authorization: Bearer {token}",
        "--checks",
        CHECKS,
        "--max-examples",
        str(max_examples),
        # One worker: as fast here as two, and with two schemathesis ended some
        # operations' fuzzing early (a tenth of the examples on the status route).
        "--workers",
        "1",
        "--request-timeout",
        "15",
        "--generation-database",
        "none",
        "--report",
        "junit,ndjson",
        "--report-dir",
        str(report_dir),
    ]
    if seed is not None:
        command += ["--seed", str(seed)]
    command += operations
    if not sys.stdout.isatty():
        command.append("--no-color")
    return command


def path_matcher(labels: set[str]):
    """A function from (method, path) to the operation label ("GET /api/x/{id}")
    it belongs to; literal paths win over templated ones."""
    patterns = []
    for label in labels:
        method, template = label.split(" ", 1)
        literal_chars = len(re.sub(r"\{[^}]+\}", "", template))
        regex = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]*", re.escape(template)) + "$"
        patterns.append((-literal_chars, method, re.compile(regex), label))
    patterns.sort(key=lambda item: item[0])

    def match(method: str, path: str) -> str:
        for _, want, regex, label in patterns:
            if want == method and regex.match(path):
                return label
        return f"{method} {path} (not in the contract)"

    return match


class Summary:
    def __init__(self):
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.with_cursor: Counter = Counter()
        self.failures: dict[str, Counter] = defaultdict(Counter)
        self.examples: dict[tuple[str, str], str] = {}
        self.errors: list[str] = []

    def read(self, ndjson: Path):
        scenarios = []
        labels = set()
        for line in ndjson.read_text().splitlines():
            event = json.loads(line)
            (kind, body), *_ = event.items()
            if kind == "ScenarioFinished" and "interactions" in body.get("recorder", {}):
                scenarios.append(body["recorder"])
                if body["recorder"]["label"] != "Stateful tests":
                    labels.add(body["recorder"]["label"])
            elif kind in ("NonFatalError", "FatalError"):
                self.errors.append(body.get("info", {}).get("message") or json.dumps(body)[:500])
        match = path_matcher(labels)
        for recorder in scenarios:
            for case_id, interaction in recorder["interactions"].items():
                req = interaction["request"]
                label = recorder["label"]
                if label == "Stateful tests":
                    label = match(req["method"], urllib.parse.urlsplit(req["uri"]).path)
                response = interaction.get("response")
                self.statuses[label][response["status_code"] if response else "no response"] += 1
                if "cursor" in urllib.parse.parse_qs(urllib.parse.urlsplit(req["uri"]).query, keep_blank_values=True):
                    self.with_cursor[label] += 1
                for check in recorder.get("checks", {}).get(case_id, []):
                    if check["status"] != "failure":
                        continue
                    info = check.get("failure_info", {}).get("failure", {})
                    name = f"{info.get('code', '')} {info.get('title', check['name'])}".strip()
                    self.failures[label][name] += 1
                    self.examples.setdefault(
                        (label, name), f"{req['method']} {req['uri']} -> {info.get('message', '')}".strip()
                    )

    def print(self, unserved: dict[str, str]):
        print()
        print("Per operation (responses by status code; failed checks):")
        width = max([len(label) for label in self.statuses] + [40])
        for label in sorted(self.statuses, key=lambda item: (item.split(" ", 1)[1], item)):
            statuses = self.statuses[label]
            codes = " ".join(f"{code}x{count}" for code, count in sorted(statuses.items(), key=str))
            failed = sum(self.failures[label].values())
            verdict = f"FAIL {failed}" if failed else "ok"
            cursors = f" ({self.with_cursor[label]} with a cursor)" if self.with_cursor[label] else ""
            print(f"  {label:<{width}}  {sum(statuses.values()):>5} cases  {verdict:<8} {codes}{cursors}")
        for operation_id, why in sorted(unserved.items()):
            print(f"  {operation_id:<{width}}  skipped: {why} (answers 404 here)")
        total = sum(sum(counter.values()) for counter in self.statuses.values())
        failed = sum(sum(counter.values()) for counter in self.failures.values())
        print(f"  {total} cases over {len(self.statuses)} operations, {failed} failed checks")
        for (label, name), example in sorted(self.examples.items()):
            print(f"  FAIL {label}: {name} ({self.failures[label][name]}x), e.g. {example[:400]}")
        for error in self.errors:
            print(f"  ERROR {error[:400]}")

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(sum(counter.values()) for counter in self.failures.values())


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m harness.fuzz", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", required=True, help="the API's base URL")
    parser.add_argument("--spec", required=True, help="the OpenAPI file")
    parser.add_argument("--schemathesis", required=True, help="the schemathesis executable")
    parser.add_argument("--work-dir", required=True, type=Path, help="where reports go unless --report-dir")
    parser.add_argument("--long", action="store_true", help="thousands of cases")
    parser.add_argument("--max-examples", type=int, help="cases per operation and phase")
    parser.add_argument("--seed", type=int, help="schemathesis seed")
    parser.add_argument("--report-dir", type=Path, help="keep the reports here")
    args = parser.parse_args()
    args.url = args.url.rstrip("/")

    log(f"Signing in to {args.url} as {DEMO_EMAIL}")
    token = sign_in(args.url)
    unserved = unserved_operations(args.url, token)
    for operation_id, why in unserved.items():
        log(f"Leaving out {operation_id}: {why}, and this API answers 404")
    log("Writing a little of everything and collecting real cursors, handles and uuids")
    samples = args.work_dir / "samples.json"
    samples.write_text(json.dumps(collect_samples(args.url, token)))

    report_dir = (args.report_dir or args.work_dir / "report").resolve()
    runs = {
        "first": [arg for name in sorted(unserved) + LAST for arg in ("--exclude-operation-id", name)],
        "last": [arg for name in LAST for arg in ("--include-operation-id", name)],
    }
    hooks = {"SCHEMATHESIS_HOOKS": str(HOOKS), "FUZZ_SAMPLES": str(samples)}
    summary, exit_codes = Summary(), []
    started = time.monotonic()
    for run, operations in runs.items():
        run_reports = report_dir / run
        run_reports.mkdir(parents=True, exist_ok=True)
        command = schemathesis_command(args, token, run_reports, operations)
        shown = " ".join("Authorization: Bearer ***" if part.startswith("Authorization:") else part for part in command)
        log(f"Running {shown}")
        # cwd: schemathesis and hypothesis leave their working files there.
        result = subprocess.run(command, cwd=args.work_dir, env=os.environ | hooks, check=False)
        exit_codes.append(result.returncode)
        reports = sorted(run_reports.glob("ndjson-*.ndjson"))
        if not reports:
            print(f"error: schemathesis exited with {result.returncode} and wrote no report", file=sys.stderr)
            return result.returncode or 1
        summary.read(reports[-1])
    elapsed = time.monotonic() - started

    summary.print(unserved)
    ok = not any(exit_codes) and not summary.failed
    codes = ", ".join(map(str, exit_codes))
    print(f"fuzz: {'passed' if ok else 'FAILED'} in {elapsed:.0f}s (schemathesis exit codes {codes})")
    if args.report_dir:
        print(f"reports in {report_dir}")
    return 0 if ok else 1
