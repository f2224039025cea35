"""The Python dependencies are locked.

backend-flask/requirements.in and requirements-dev.in list the top-level
packages, each pinned; requirements.txt and requirements-dev.txt are their
locks, made by pip-compile --generate-hashes: every package, transitive ones
included, pinned with the hashes pip checks. The images and the project's
virtualenv install from the locks with hashes required.

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
PAIRS = {"runtime": ("requirements.in", "requirements.txt"), "dev": ("requirements-dev.in", "requirements-dev.txt")}
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==(?P<version>[^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


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


@pytest.mark.parametrize("pair", PAIRS, ids=list(PAIRS))
def test_the_lock_agrees_with_its_top_level_list(pair):
    top, lock = (BACKEND / name for name in PAIRS[pair])
    pins = top_level(top)
    assert len(pins) >= 5, "the list parser found no pins"
    sources = {top.name, "requirements.in"}
    assert lock_problems(pins, lock.read_text(), sources) == []


def test_the_dev_lock_holds_the_runtime_lock_unchanged():
    """The tests run on exactly the versions (and files) the image ships."""
    runtime, _ = parse_lock((BACKEND / "requirements.txt").read_text())
    dev, _ = parse_lock((BACKEND / "requirements-dev.txt").read_text())

    def pinned(entries):
        return {name: (entry.version, sorted(entry.hashes)) for name, entry in entries.items()}

    shipped, tested = pinned(runtime), pinned(dev)
    assert {name: pin for name, pin in shipped.items() if tested.get(name) != pin} == {}
    assert len(runtime) > 20, "the lock parser found too few entries"


def test_the_locks_are_made_by_the_pinned_pip_tools():
    assert "pip-tools" in top_level(BACKEND / "requirements-dev.in")
    for _, lock in PAIRS.values():
        assert "pip-compile --allow-unsafe --generate-hashes --strip-extras" in (BACKEND / lock).read_text()


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


def test_the_venv_installs_the_dev_lock_with_hashes_required(tmp_path):
    """ensure_venv (./bin/test, ./bin/dev) run against a venv whose python records its arguments."""
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.jsonl"
    python = venv / "bin" / "python"
    python.write_text(
        f"#!{sys.executable}\nimport json, sys\nwith open({str(log)!r}, 'a') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
    )
    python.chmod(0o755)
    result = subprocess.run(
        ["bash", "-c", f'source "{REPO}/bin/lib/common.sh" && ensure_venv'],
        env={"PATH": "/usr/bin:/bin", "VENV_DIR": str(venv), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (call,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert call[:3] == ["-m", "pip", "install"]
    assert "--require-hashes" in call
    assert call[call.index("-r") + 1] == str(BACKEND / "requirements-dev.txt")
