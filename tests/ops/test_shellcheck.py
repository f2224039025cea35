"""Every shell script under bin/ passes shellcheck with no findings.

A file is a shell script when its first line names a POSIX-family shell: a
shebang such as `#!/usr/bin/env bash` or `#!/bin/sh`, or a
`# shellcheck shell=bash` directive (for files meant to be sourced).
shellcheck runs from the repository root with `-x`, so `source` directives
(`# shellcheck source=bin/lib/...`) resolve as they do for a developer.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / "bin"
SHELLS = {"sh", "bash", "dash", "ksh"}

needs_shellcheck = pytest.mark.skipif(
    shutil.which("shellcheck") is None,
    reason="shellcheck is not installed (Debian: apt-get install shellcheck)",
)


def shell_of(path: Path) -> str | None:
    """The shell a file's first line names, or None."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096).decode("utf-8", errors="replace").strip()
    except OSError:
        return None
    if first.startswith("#!"):
        words = first[2:].split()
        if not words:
            return None
        program = os.path.basename(words[0])
        if program == "env":
            rest = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
            program = os.path.basename(rest[0]) if rest else ""
        return program if program in SHELLS else None
    directive = re.match(r"#\s*shellcheck\s+.*\bshell=(\w+)", first)
    if directive and directive.group(1) in SHELLS:
        return directive.group(1)
    return None


def shell_scripts() -> list[Path]:
    if not BIN.is_dir():
        return []
    return sorted(p for p in BIN.rglob("*") if p.is_file() and shell_of(p))


SCRIPTS = shell_scripts()


def test_detection(tmp_path):
    cases = {
        "#!/usr/bin/env bash\n": "bash",
        "#!/bin/bash -e\n": "bash",
        "#!/bin/sh\n": "sh",
        "#!/usr/bin/env -S bash -e\n": "bash",
        "# shellcheck shell=bash\n": "bash",
        "#!/usr/bin/env ruby\n": None,
        "#!/usr/bin/env python3\n": None,
        "#!/bin/zsh\n": None,
        "echo sh\n": None,
    }
    for number, (first, shell) in enumerate(cases.items()):
        path = tmp_path / f"script{number}"
        path.write_text(first + "echo hi\n")
        assert shell_of(path) == shell, first


def test_the_generate_env_scripts_are_found():
    names = {p.relative_to(REPO).as_posix() for p in SCRIPTS}
    assert {"bin/backend/generate-env", "bin/frontend/generate-env"} <= names


@needs_shellcheck
def test_shellcheck_reports_a_broken_script(tmp_path):
    """shellcheck really runs and flags problems (guards against a no-op check)."""
    bad = tmp_path / "bad"
    bad.write_text("#!/usr/bin/env bash\nrm -rf $1/*\n")
    result = subprocess.run(["shellcheck", str(bad)], check=False, capture_output=True, text=True)
    assert result.returncode != 0
    assert "SC2086" in result.stdout


@needs_shellcheck
@pytest.mark.parametrize("script", SCRIPTS, ids=[p.relative_to(REPO).as_posix() for p in SCRIPTS])
def test_shellcheck_clean(script):
    result = subprocess.run(
        ["shellcheck", "-x", "--source-path=SCRIPTDIR", str(script.relative_to(REPO))],
        check=False,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    findings = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and not findings, findings
