"""bin/lambdas/package: what goes into a Lambda's zip, where the zip goes, and
the pip command that adds the dependencies built for Lambda.

The tests stay offline: --no-deps skips pip, and where the pip command
matters the project's virtual environment is replaced (VENV_DIR) by one
whose python records its arguments and installs a stand-in package.
"""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

import certifi
import pytest
from ops_stubs import REPO, run, script_env

NAME = "cruddur-post-confirmation"
BACKEND = REPO / "backend-flask"


def entries(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def pins(*wanted_names: str) -> list[str]:
    """The versions backend-flask/requirements.in pins for a Lambda's packages, in the order given."""
    wanted = wanted_names or ("psycopg[binary]", "psycopg-pool", "pydantic")
    lines = [line.split("#")[0].strip() for line in (BACKEND / "requirements.in").read_text().splitlines()]
    found = {line.split("==")[0].lower(): line for line in lines if "==" in line}
    assert set(wanted) <= set(found), f"not pinned: {set(wanted) - set(found)}"
    return [found[name] for name in wanted]


@pytest.fixture
def clone(tmp_path) -> Path:
    """The script, the Lambdas and the API's shared code in another folder."""
    root = tmp_path / "clone"
    shutil.copytree(REPO / "bin" / "lib", root / "bin" / "lib")
    shutil.copytree(REPO / "bin" / "lambdas", root / "bin" / "lambdas")
    shutil.copytree(REPO / "aws" / "lambdas", root / "aws" / "lambdas")
    for part in ("lib", "services", "db/sql"):
        shutil.copytree(BACKEND / part, root / "backend-flask" / part)
    shutil.copy2(BACKEND / "requirements.in", root / "backend-flask" / "requirements.in")
    return root


@pytest.fixture
def fake_venv(tmp_path) -> tuple[Path, Path]:
    """A VENV_DIR whose python logs its arguments and, for pip install --target,
    installs a package named psycopg there."""
    venv = tmp_path / "fake-venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "python-calls.jsonl"
    python = venv / "bin" / "python"
    python.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        "from pathlib import Path\n"
        f"with open({str(log)!r}, 'a') as f:\n"
        "    f.write(json.dumps(sys.argv[1:]) + '\\n')\n"
        "args = sys.argv[1:]\n"
        "if '--target' in args:\n"
        "    package = Path(args[args.index('--target') + 1]) / 'psycopg'\n"
        "    package.mkdir(parents=True, exist_ok=True)\n"
        "    (package / '__init__.py').write_text('')\n"
        "    (package / '__pycache__').mkdir(exist_ok=True)\n"
        "    (package / '__pycache__' / 'x.cpython-311.pyc').write_bytes(b'')\n"
        "sys.exit(int(Path(__file__).with_name('exit-status').read_text() or 0))\n"
    )
    python.chmod(0o755)
    (venv / "bin" / "exit-status").write_text("0")
    return venv, log


@pytest.fixture
def ca_bundle(tmp_path) -> Path:
    """A stand-in for the RDS CA bundle: a real PEM bundle of CA certificates."""
    path = tmp_path / "global-bundle.pem"
    shutil.copyfile(certifi.where(), path)
    return path


def test_post_confirmation_zip_holds_the_handler_and_the_api_code(tmp_path):
    out = tmp_path / "out" / f"{NAME}.zip"
    result = run("bin/lambdas/package", [NAME, "--no-deps", "--output", str(out)], script_env(tmp_path))
    assert result.returncode == 0, result.stderr
    names = entries(out)
    for required in (
        "lambda_function.py",
        "lib/__init__.py",
        "lib/db.py",
        "lib/errors.py",
        "services/__init__.py",
        "services/create_user.py",
        "db/sql/users/create.sql",
        "db/sql/users/by_cognito_user_id.sql",
    ):
        assert required in names, f"{required} missing from the zip"
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]
    assert not [name for name in names if name.startswith(("tests/", "routes/", "app.py", "db/migrations"))]
    # the files are the repository's, byte for byte
    with zipfile.ZipFile(out) as archive:
        assert archive.read("lambda_function.py") == (REPO / "aws/lambdas" / NAME / "lambda_function.py").read_bytes()
        assert archive.read("db/sql/users/create.sql") == (BACKEND / "db/sql/users/create.sql").read_bytes()
        assert archive.testzip() is None
    assert "database_secret.py" in names  # shared with process-images, at the root
    assert "bundle.toml" not in names
    assert "--no-deps" in result.stderr  # says the zip lacks its packages
    assert "rds-global-bundle.pem" not in names
    assert "the RDS CA bundle (rds-global-bundle.pem) left out" in result.stderr


def test_the_zip_is_reproducible(tmp_path):
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    for out in (first, second):
        assert run("bin/lambdas/package", [NAME, "--no-deps", "--output", str(out)]).returncode == 0
    assert first.read_bytes() == second.read_bytes()


def test_the_zip_goes_to_dist_lambdas_by_default(clone, tmp_path):
    result = run(clone / "bin" / "lambdas" / "package", [NAME, "--no-deps"], script_env(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = clone / "dist" / "lambdas" / f"{NAME}.zip"
    assert out.is_file()
    assert "lambda_function.py" in entries(out)
    assert f"Wrote dist/lambdas/{NAME}.zip" in result.stderr
    assert [p.name for p in (clone / "dist" / "lambdas").iterdir()] == [f"{NAME}.zip"]


def test_dependencies_are_installed_as_wheels_for_lambda(clone, fake_venv, ca_bundle, tmp_path):
    venv, log = fake_venv
    out = tmp_path / "with-deps.zip"
    env = script_env(tmp_path, VENV_DIR=str(venv), RDS_CA_BUNDLE_URL=ca_bundle.as_uri())
    result = run(clone / "bin/lambdas/package", [NAME, "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    (call,) = [json.loads(line) for line in log.read_text().splitlines()]
    target = call[call.index("--target") + 1]
    assert call == [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--target",
        target,
        "--platform",
        "manylinux2014_x86_64",
        "--implementation",
        "cp",
        "--python-version",
        "3.11",
        "--only-binary=:all:",
        *pins(),
    ]
    names = entries(out)
    assert "psycopg/__init__.py" in names
    assert "lambda_function.py" in names
    assert not [name for name in names if name.endswith(".pyc")]
    assert not Path(target).exists(), "the staging folder was left behind"


def test_process_images_gets_the_api_code_and_pillow(clone, fake_venv, ca_bundle, tmp_path):
    venv, log = fake_venv
    out = tmp_path / "process-images.zip"
    env = script_env(tmp_path, VENV_DIR=str(venv), RDS_CA_BUNDLE_URL=ca_bundle.as_uri())
    result = run(clone / "bin/lambdas/package", ["process-images", "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    (call,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert call[-4:] == pins("psycopg[binary]", "psycopg-pool", "pydantic", "pillow")
    names = set(entries(out))
    assert {"lambda_function.py", "lib/images.py", "lib/storage.py", "services/avatars.py"} <= names
    assert "database_secret.py" in names


@pytest.mark.parametrize("name", [NAME, "process-images"])
def test_the_functions_that_connect_to_postgres_carry_the_rds_ca_bundle(clone, fake_venv, ca_bundle, tmp_path, name):
    """Beside the handler, where the function points sslrootcert (sslmode=verify-full)."""
    venv, _ = fake_venv
    out = tmp_path / f"{name}.zip"
    env = script_env(tmp_path, VENV_DIR=str(venv), RDS_CA_BUNDLE_URL=ca_bundle.as_uri())
    result = run(clone / "bin/lambdas/package", [name, "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out) as archive:
        assert archive.read("rds-global-bundle.pem") == ca_bundle.read_bytes()
        assert archive.read("lambda_function.py").count(b'with_name("rds-global-bundle.pem")') == 1


def test_the_default_ca_bundle_is_the_rds_global_bundle():
    result = run("bin/lambdas/package", ["--help"])
    assert "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem" in result.stdout


def test_a_bundle_without_certificates_writes_no_zip(clone, fake_venv, tmp_path):
    venv, _ = fake_venv
    junk = tmp_path / "not-a-bundle.pem"
    junk.write_text("<html>Service Unavailable</html>\n")
    out = tmp_path / "never.zip"
    env = script_env(tmp_path, VENV_DIR=str(venv), RDS_CA_BUNDLE_URL=junk.as_uri())
    result = run(clone / "bin/lambdas/package", [NAME, "--output", str(out)], env)
    assert result.returncode != 0
    assert "could not add the RDS CA bundle" in result.stderr
    assert not out.exists()


def test_a_failed_pip_install_writes_no_zip(clone, fake_venv, tmp_path):
    venv, _ = fake_venv
    (venv / "bin" / "exit-status").write_text("1")
    out = tmp_path / "never.zip"
    result = run(clone / "bin/lambdas/package", [NAME, "--output", str(out)], script_env(tmp_path, VENV_DIR=str(venv)))
    assert result.returncode != 0
    assert "pip could not install" in result.stderr
    assert "manylinux2014_x86_64" in result.stderr
    assert not out.exists()


def test_another_function_gets_its_own_requirements(clone, fake_venv, tmp_path):
    function = clone / "aws" / "lambdas" / "hello"
    function.mkdir()
    (function / "lambda_function.py").write_text("def lambda_handler(event, context):\n    return event\n")
    (function / "requirements.txt").write_text("requests==2.34.2\n")
    venv, log = fake_venv
    out = tmp_path / "hello.zip"
    env = script_env(tmp_path, VENV_DIR=str(venv))
    result = run(clone / "bin/lambdas/package", ["hello", "--output", str(out)], env)
    assert result.returncode == 0, result.stderr
    (call,) = [json.loads(line) for line in log.read_text().splitlines()]
    assert call[-2:] == ["-r", str(function / "requirements.txt")]
    names = entries(out)
    assert {"lambda_function.py", "requirements.txt", "psycopg/__init__.py"} <= set(names)
    assert not [name for name in names if name.startswith(("lib/", "services/", "db/"))]
    assert "rds-global-bundle.pem" not in names and "database_secret.py" not in names


def test_a_bundle_toml_declares_what_goes_in(clone, tmp_path):
    function = clone / "aws" / "lambdas" / "reader"
    function.mkdir()
    (function / "lambda_function.py").write_text("def lambda_handler(event, context):\n    return event\n")
    (function / "bundle.toml").write_text('backend = ["db/sql"]\nshared = ["database_secret.py"]\n')
    out = tmp_path / "reader.zip"
    result = run(clone / "bin/lambdas/package", ["reader", "--output", str(out)], script_env(tmp_path))
    assert result.returncode == 0, result.stderr
    names = set(entries(out))
    assert {"lambda_function.py", "database_secret.py", "db/sql/users/create.sql"} <= names
    assert not [name for name in names if name.startswith(("lib/", "services/"))] and "bundle.toml" not in names


@pytest.mark.parametrize(
    ("manifest", "message"),
    [
        ("backend = ['lib']\nextras = true\n", "unknown keys extras"),
        ("backend = 'lib'\n", "backend must be a list of strings"),
        ("backend = ['../bin']\n", "is not a folder of backend-flask"),
        ("shared = ['nothing.py']\n", "aws/lambdas/shared/nothing.py does not exist"),
        ("rds_ca_bundle = 'yes'\n", "rds_ca_bundle must be true or false"),
        ("backend = [\n", "not valid TOML"),
    ],
)
def test_a_wrong_bundle_toml_writes_no_zip(manifest, message, clone, tmp_path):
    function = clone / "aws" / "lambdas" / "wrong"
    function.mkdir()
    (function / "lambda_function.py").write_text("")
    (function / "bundle.toml").write_text(manifest)
    out = tmp_path / "never.zip"
    result = run(clone / "bin/lambdas/package", ["wrong", "--no-deps", "--output", str(out)], script_env(tmp_path))
    assert result.returncode == 1 and message in result.stderr, result.stderr
    assert not out.exists()


def test_the_shared_code_is_not_a_function(tmp_path):
    result = run("bin/lambdas/package", ["shared", "--no-deps", "--output", str(tmp_path / "x.zip")])
    assert result.returncode != 0 and "no function 'shared'" in result.stderr
    assert "Functions: cruddur-post-confirmation process-images" in run("bin/lambdas/package", ["--help"]).stdout


def test_a_folder_without_a_handler_is_refused(clone, tmp_path):
    (clone / "aws" / "lambdas" / "empty").mkdir()
    result = run(clone / "bin/lambdas/package", ["empty", "--no-deps"], script_env(tmp_path))
    assert result.returncode != 0
    assert "has no lambda_function.py" in result.stderr


@pytest.mark.parametrize("name", ["../backend-flask", "cruddur post", NAME + "/"])
def test_names_outside_aws_lambdas_are_refused(name, tmp_path):
    result = run("bin/lambdas/package", [name, "--no-deps", "--output", str(tmp_path / "x.zip")], script_env(tmp_path))
    assert result.returncode != 0
    assert f"no function '{name}'" in result.stderr
    assert not (tmp_path / "x.zip").exists()
