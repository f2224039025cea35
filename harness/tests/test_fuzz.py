"""bin/fuzz: schemathesis against openapi-3.0.yml on a ./bin/dev stack of its
own finds no 5xx and no response outside the contract, over every operation."""

import os
import re
import subprocess

import yaml

from harness import REPO

FUZZ = REPO / "bin" / "fuzz"
METHODS = {"get", "put", "post", "delete", "patch"}


def contract_operations() -> dict[str, tuple[str, bool]]:
    """operationId -> ("METHOD /path", whether it takes ?cursor=), for every operation in the contract."""
    spec = yaml.safe_load((REPO / "backend-flask" / "openapi-3.0.yml").read_text())
    return {
        operation["operationId"]: (f"{method.upper()} {path}", any(map(is_cursor, operation.get("parameters", []))))
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def is_cursor(parameter: dict) -> bool:
    return parameter.get("$ref") == "#/components/parameters/Cursor" or parameter.get("name") == "cursor"


def clean_env() -> dict[str, str]:
    # The suite's own stores are not bin/fuzz's: it starts ./bin/dev with its own.
    drop = {"CONNECTION_URL", "AWS_ENDPOINT_URL", "TEST_DATABASE_URL", "TEST_DYNAMODB_URL"}
    return {name: value for name, value in os.environ.items() if name not in drop}


def test_help_and_bad_options():
    shown = subprocess.run([FUZZ, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert shown.returncode == 0 and "--long" in shown.stdout and "--url" in shown.stdout
    wrong = subprocess.run([FUZZ, "--bogus"], capture_output=True, text=True, timeout=60, check=False)
    assert wrong.returncode == 2 and "usage: bin/fuzz" in wrong.stderr
    missing = subprocess.run([FUZZ, "--url"], capture_output=True, text=True, timeout=60, check=False)
    assert missing.returncode != 0 and "--url needs a value" in missing.stderr


def test_the_short_run_passes_on_every_operation():
    result = subprocess.run([FUZZ], capture_output=True, text=True, timeout=300, env=clean_env(), cwd=REPO, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-8000:]
    assert re.search(r"^fuzz: passed in \d+s", result.stdout, re.M), output[-4000:]
    assert re.search(r"^  \d+ cases over \d+ operations, 0 failed checks$", result.stdout, re.M)

    summary = result.stdout.split("Per operation", 1)[1]
    for operation_id, (label, paginated) in contract_operations().items():
        fuzzed = re.search(rf"^  {re.escape(label)}\s+(\d+) cases  ok .*$", summary, re.M)
        skipped = re.search(rf"^  {operation_id}\s+skipped: ", summary, re.M)
        assert fuzzed or skipped, f"{label} ({operation_id}) is missing from the summary"
        if fuzzed:
            assert int(fuzzed.group(1)) >= 4, f"{label} got only {fuzzed.group(1)} cases"
        if paginated:
            # The hooks' cursors (harness/fuzz/hooks.py) reach every paginated list.
            cursors = re.search(r"\((\d+) with a cursor\)$", fuzzed.group(0))
            assert cursors and int(cursors.group(1)) >= 10, fuzzed.group(0)
    # Only what this stack's configuration does not serve is left out, and the
    # stream's two operations, which the stream process serves, not the API.
    skipped = re.findall(r"^  (\w+)\s+skipped: ", summary, re.M)
    assert sorted(skipped) == ["createAvatarUpload", "getStreamHealth", "openStream"]
