"""The Python dependencies are locked.

backend-flask/requirements.in and requirements-dev.in list the API's top-level
packages, harness/fuzz/requirements.in the fuzzer's (bin/fuzz) and
aws/cfn/requirements.in the CloudFormation linters' (bin/cfn/lint), each
pinned; the .txt beside each is its lock, made by pip-compile
--generate-hashes: every package, transitive ones included, pinned with the
hashes pip checks. The images, the project's virtualenv and the tools' own
virtualenvs install from the locks with hashes required.

The checks read the files only; none needs the network. Each also runs on a
deliberately stale lock, so that a check that stopped checking shows up.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BACKEND = REPO / "backend-flask"
FUZZ_LOCK = REPO / "harness" / "fuzz" / "requirements.txt"
CFN_LOCK = REPO / "aws" / "cfn" / "requirements.txt"
# name -> (top-level list, its lock, packages the list must pin)
PAIRS = {
    "runtime": (BACKEND / "requirements.in", BACKEND / "requirements.txt", {"flask", "gunicorn", "psycopg"}),
    "dev": (BACKEND / "requirements-dev.in", BACKEND / "requirements-dev.txt", {"flask", "pytest", "pip-tools"}),
    "fuzz": (FUZZ_LOCK.with_suffix(".in"), FUZZ_LOCK, {"schemathesis"}),
    "cfn": (CFN_LOCK.with_suffix(".in"), CFN_LOCK, {"cfn-lint", "checkov"}),
}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def included(path: Path) -> set[str]:
    """The names of a top-level list and of the lists it includes with -r, as a lock's "# via -r" gives them."""
    names = {path.name}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("-r "):
            names |= included(path.parent / line[3:].strip())
    return names


def top_level(path: Path) -> dict[str, str]:
    """name -> pinned version of each requirement in a top-level list and the lists it includes with -r."""
    pins = {}
    for raw in path.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-c "):
            continue
        if line.startswith("-r "):
            pins.update(top_level(path.parent / line[3:].strip()))
            continue
        match = PIN.match(line)
        assert match and line == match.group(0), f"{path.name}: not pinned with ==: {raw!r}"
        pins[normal(match["name"])] = match["version"]
    return pins


@dataclass
class Entry:
    version: str
    hashes: list[str] = field(default_factory=list)
    via: list[str] = field(default_factory=list)


def parse_lock(text: str) -> tuple[dict[str, Entry], list[str]]:
    """The lock's entries, and what in it is not an entry, a hash or an annotation."""
    entries, problems, current, in_via = {}, [], None, False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        match = PIN.match(raw)
        if match:
            current = entries[normal(match["name"])] = Entry(match["version"])
            in_via = False
        elif line.startswith("--hash=") and current is not None:
            current.hashes.extend(HASH.findall(line))
        elif raw.startswith("    # via") and current is not None:
            rest = line.removeprefix("# via").strip()
            current.via.extend([rest] if rest else [])
            in_via = True
        elif raw.startswith("    #   ") and in_via:
            current.via.append(line.removeprefix("#").strip())
        elif line and not line.startswith("#"):
            problems.append(f"line {number}: {raw!r}")
    return entries, problems


def lock_problems(pins: dict[str, str], lock_text: str, sources: set[str]) -> list[str]:
    """How a lock disagrees with its top-level list."""
    entries, problems = parse_lock(lock_text)
    for name, version in sorted(pins.items()):
        if name not in entries:
            problems.append(f"{name}=={version} is not in the lock")
        elif entries[name].version != version:
            problems.append(f"{name} is {version} in the list but {entries[name].version} in the lock")
    for name, entry in sorted(entries.items()):
        if not entry.hashes:
            problems.append(f"{name} has no hash")
        wanted_by = [v for v in entry.via if normal(v) in entries or v in {f"-r {s}" for s in sources}]
        if not wanted_by:
            problems.append(f"{name} is wanted by nothing in the lock or the list (via {entry.via})")
    return problems


@pytest.mark.parametrize("pair", PAIRS)
def test_the_lock_agrees_with_its_top_level_list(pair):
    top, lock, expected = PAIRS[pair]
    pins = top_level(top)
    assert expected <= set(pins), f"the list parser missed pins in {top.name}: {sorted(expected - set(pins))}"
    assert lock_problems(pins, lock.read_text(), included(top)) == []


def test_the_dev_lock_holds_the_runtime_lock_unchanged():
    """The tests run on exactly the versions (and files) the image ships."""
    runtime, _ = parse_lock((BACKEND / "requirements.txt").read_text())
    dev, _ = parse_lock((BACKEND / "requirements-dev.txt").read_text())

    def pinned(entries):
        return {name: (entry.version, sorted(entry.hashes)) for name, entry in entries.items()}

    shipped, tested = pinned(runtime), pinned(dev)
    assert {name: pin for name, pin in shipped.items() if tested.get(name) != pin} == {}
    assert len(runtime) > 20, "the lock parser found too few entries"


@pytest.mark.parametrize("pair", PAIRS)
def test_the_lock_is_made_by_the_pinned_pip_tools_from_its_list(pair):
    assert "pip-tools" in top_level(BACKEND / "requirements-dev.in")
    top, lock, _ = PAIRS[pair]
    assert top.parent == lock.parent, "pip-compile runs beside the list and writes the lock there"
    assert f"#    pip-compile --allow-unsafe --generate-hashes --strip-extras {top.name}\n" in lock.read_text()


STALE_LOCK = """\
flask==3.0.0 \\
    --hash=sha256:{a}
    # via -r requirements.in
werkzeug==3.1.0
    # via flask
leftover==1.0 \\
    --hash=sha256:{a}
    # via something-removed
-e git+https://example.com/x.git
""".format(a="a" * 64)


def test_the_checks_catch_a_lock_that_names_this_machines_indexes():
    lock = "--extra-index-url file:///opt/pypi/simple\n--find-links /opt/wheels\n" + STALE_LOCK
    problems = lock_problems({}, lock, {"requirements.in"})
    assert any("--extra-index-url" in p for p in problems) and any("--find-links" in p for p in problems)


def test_the_checks_catch_a_stale_lock():
    problems = lock_problems({"flask": "3.1.3", "requests": "2.34.2"}, STALE_LOCK, {"requirements.in"})
    assert "flask is 3.1.3 in the list but 3.0.0 in the lock" in problems
    assert "requests==2.34.2 is not in the lock" in problems
    assert "werkzeug has no hash" in problems
    assert any(p.startswith("leftover is wanted by nothing") for p in problems)
    assert any("git+https" in p for p in problems)


def test_the_list_parser_refuses_an_unpinned_requirement(tmp_path):
    (tmp_path / "requirements.in").write_text("flask>=3\n")
    with pytest.raises(AssertionError, match="not pinned"):
        top_level(tmp_path / "requirements.in")


def test_the_list_parser_follows_includes(tmp_path):
    (tmp_path / "base.in").write_text("flask==3.1.3\n")
    (tmp_path / "dev.in").write_text("-c base.txt\n-r base.in\npytest==9.2.0  # the runner\n")
    assert top_level(tmp_path / "dev.in") == {"flask": "3.1.3", "pytest": "9.2.0"}
    assert included(tmp_path / "dev.in") == {"dev.in", "base.in"}


# --- who installs from the locks ---------------------------------------------


def pip_installs(dockerfile: Path) -> list[str]:
    text = dockerfile.read_text().replace("\\\n", " ")
    return [line for line in text.splitlines() if line.startswith("RUN") and "pip install" in line]


@pytest.mark.parametrize("dockerfile", ["Dockerfile", "Dockerfile.prod"])
def test_the_images_install_the_lock_with_hashes_required(dockerfile):
    (install,) = pip_installs(BACKEND / dockerfile)
    words = install.split()
    assert "--require-hashes" in words and "--no-deps" in words, install
    assert words[words.index("-r") + 1].endswith("requirements.txt"), install


def recording_python(venv: Path, log: Path, status: int = 0) -> None:
    """A stand-in for VENV/bin/python that appends its arguments to LOG and exits with STATUS."""
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text(
        f"#!{sys.executable}\nimport json, sys\nwith open({str(log)!r}, 'a') as f:\n"
        f"    f.write(json.dumps(sys.argv[1:]) + '\\n')\nsys.exit({status})\n"
    )
    python.chmod(0o755)


def calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def test_the_venv_installs_the_dev_lock_with_hashes_required(tmp_path):
    """ensure_venv (./bin/test, ./bin/dev) run against a venv whose python records its arguments."""
    venv, log = tmp_path / "venv", tmp_path / "calls.jsonl"
    recording_python(venv, log)
    result = subprocess.run(
        ["bash", "-c", f'source "{REPO}/bin/lib/common.sh" && ensure_venv'],
        env={"PATH": "/usr/bin:/bin", "VENV_DIR": str(venv), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (call,) = calls(log)
    assert call[:3] == ["-m", "pip", "install"]
    assert "--require-hashes" in call
    assert call[call.index("-r") + 1] == str(BACKEND / "requirements-dev.txt")


# name -> (the script, its venv under TOOLS_DIR, the lock it installs)
TOOLS = {
    "fuzz": (REPO / "bin" / "fuzz", "fuzz-venv", FUZZ_LOCK),
    "cfn": (REPO / "bin" / "cfn" / "lint", "cfn-venv", CFN_LOCK),
}


@pytest.mark.parametrize("tool", TOOLS)
def test_the_tool_installs_its_lock_with_hashes_required(tool, tmp_path):
    """bin/fuzz and bin/cfn/lint run with TOOLS_DIR holding a venv whose python records its
    arguments and fails, so each stops right after its install, before any stack or lint."""
    script, venv_name, lock = TOOLS[tool]
    log = tmp_path / "calls.jsonl"
    recording_python(tmp_path / "tools" / venv_name, log, status=1)
    result = subprocess.run(
        [str(script)],
        env={"PATH": "/usr/bin:/bin", "TOOLS_DIR": str(tmp_path / "tools"), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0 and "could not install" in result.stderr, result.stderr
    (call,) = calls(log)
    assert call[:3] == ["-m", "pip", "install"]
    assert "--require-hashes" in call
    assert call[call.index("-r") + 1] == str(lock)


def test_a_tool_venv_is_installed_once_per_lock(tmp_path):
    venv, log, lock = tmp_path / "venv", tmp_path / "calls.jsonl", tmp_path / "tool-requirements.txt"
    recording_python(venv, log)
    lock.write_text("tool==1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n")

    def ensure() -> None:
        result = subprocess.run(
            ["bash", "-c", f'source "{REPO}/bin/lib/common.sh" && ensure_python_venv "{venv}" the-tool "{lock}"'],
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr

    ensure()
    ensure()
    assert len(calls(log)) == 1, "an unchanged lock is installed again"
    lock.write_text(lock.read_text() + "other==2.0 \\\n    --hash=sha256:" + "b" * 64 + "\n")
    ensure()
    assert len(calls(log)) == 2, "a changed lock is not installed"
    assert all("--require-hashes" in call for call in calls(log))
