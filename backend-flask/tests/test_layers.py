"""The backend's import graph keeps its layers (pyproject.toml's import-linter
contracts): no service imports Flask or a database driver, lib imports no
service, services import no route."""

import shutil
import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=root, env={"PYTHONPATH": str(root)}, capture_output=True, text=True
    )


def test_the_backend_keeps_its_layers():
    result = lint_imports(BACKEND)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_a_service_reaching_for_flask_and_lib_reaching_for_a_service_are_caught(tmp_path):
    for package in ("routes", "stream", "services", "lib"):
        shutil.copytree(BACKEND / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(BACKEND / "pyproject.toml", tmp_path)
    (tmp_path / "services" / "leaky.py").write_text("from flask import g\n")
    (tmp_path / "lib" / "upward.py").write_text("from services import callers\n")
    result = lint_imports(tmp_path)
    assert result.returncode == 1
    assert "0 kept, 2 broken" in result.stdout
    assert "services.leaky -> flask" in result.stdout
    assert "lib.upward -> services.callers" in result.stdout
