"""bin/lambdas/package: zips a Lambda of aws/lambdas/ with what its
bundle.toml asks for, ready to upload.

Run by bin/lambdas/package with any Python 3.11 (standard library only). pip
runs from the project's virtualenv (VENV_DIR), made first when it is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import tomllib
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LAMBDAS_DIR = REPO / "aws" / "lambdas"
SHARED_DIR = LAMBDAS_DIR / "shared"
BACKEND_DIR = REPO / "backend-flask"
MANIFEST = "bundle.toml"
# What Lambda's Python runtime runs on: Amazon Linux 2 for python3.11, x86_64.
LAMBDA_PYTHON = "3.11"
LAMBDA_PLATFORM = "manylinux2014_x86_64"
# The certificate authorities of Amazon RDS: the functions that connect to the
# database verify it against them (sslmode=verify-full).
RDS_CA_BUNDLE_URL = "https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem"
RDS_CA_BUNDLE = "rds-global-bundle.pem"
DIRECT_UPLOAD_LIMIT = 50 * 1024 * 1024
FUNCTION_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


class PackageError(Exception):
    """A problem worth one clear sentence to the operator."""


@dataclass
class Bundle:
    """A function's bundle.toml: what goes into its zip beside its own folder."""

    backend: list[str] = field(default_factory=list)  # folders of backend-flask/
    shared: list[str] = field(default_factory=list)  # modules of aws/lambdas/shared/
    packages: list[str] = field(default_factory=list)  # at backend-flask/requirements.in's versions
    rds_ca_bundle: bool = False


def step(text: str) -> None:
    print(f"==> {text}", file=sys.stderr, flush=True)


def info(text: str) -> None:
    print(f"    {text}", file=sys.stderr, flush=True)


def warn(text: str) -> None:
    print(f"warning: {text}", file=sys.stderr, flush=True)


def functions() -> list[str]:
    """The functions: the folders of aws/lambdas, but for the code they share."""
    return sorted(path.name for path in LAMBDAS_DIR.iterdir() if path.is_dir() and path != SHARED_DIR)


def read_bundle(source: Path) -> Bundle:
    path = source / MANIFEST
    if not path.is_file():
        return Bundle()
    where = path.relative_to(REPO)
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as error:
        raise PackageError(f"{where}: not valid TOML: {error}") from None
    known = Bundle.__dataclass_fields__
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise PackageError(f"{where}: unknown keys {', '.join(unknown)} (known: {', '.join(known)})")
    for key in ("backend", "shared", "packages"):
        if not all(isinstance(item, str) for item in data.get(key, [])) or not isinstance(data.get(key, []), list):
            raise PackageError(f"{where}: {key} must be a list of strings")
    if not isinstance(data.get("rds_ca_bundle", False), bool):
        raise PackageError(f"{where}: rds_ca_bundle must be true or false")
    bundle = Bundle(**data)
    for folder in bundle.backend:
        if ".." in Path(folder).parts or not (BACKEND_DIR / folder).is_dir():
            raise PackageError(f"{where}: backend-flask/{folder} is not a folder of backend-flask")
    for module in bundle.shared:
        if "/" in module or not (SHARED_DIR / module).is_file():
            raise PackageError(f"{where}: aws/lambdas/shared/{module} does not exist")
    return bundle


def pinned(package: str) -> str:
    """The NAME==VERSION line of backend-flask/requirements.in (the API's top-level list) for package."""
    for line in (BACKEND_DIR / "requirements.in").read_text().splitlines():
        if line.lower().startswith(f"{package.lower()}=="):
            return re.split(r"[\s#]", line, maxsplit=1)[0]
    raise PackageError(
        f"backend-flask/requirements.in pins no version of {package} (expected a line {package}==VERSION)."
    )


def venv_python() -> Path:
    """The project's virtualenv's python, made (./bin/dev's way) when missing."""
    python = Path(os.environ.get("VENV_DIR") or REPO / ".venv") / "bin" / "python"
    if not os.access(python, os.X_OK):
        common = REPO / "bin" / "lib" / "common.sh"
        subprocess.run(["bash", "-c", 'source "$0" && ensure_venv', str(common)], check=True)
    return python


def install(requirements: list[str], staging: Path) -> None:
    step(f"Installing {' '.join(requirements)} for Lambda ({LAMBDA_PLATFORM}, CPython {LAMBDA_PYTHON})")
    command = [
        str(venv_python()),
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-compile",
        "--target",
        str(staging),
        "--platform",
        LAMBDA_PLATFORM,
        "--implementation",
        "cp",
        "--python-version",
        LAMBDA_PYTHON,
        "--only-binary=:all:",
        *requirements,
    ]
    if subprocess.run(command, check=False).returncode != 0:
        raise PackageError(
            f"pip could not install {' '.join(requirements)} for Lambda (see above). A package with no wheel for "
            f"{LAMBDA_PLATFORM} (glibc 2.17, which the python{LAMBDA_PYTHON} runtime's Amazon Linux 2 needs) cannot "
            "run there: pin a version that has one, or move the function to a newer runtime."
        )


def add_ca_bundle(url: str, destination: Path) -> None:
    step(f"Adding the RDS certificate authorities from {url}")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 (https, or a file:// copy)
            pem = response.read().decode("ascii")
        ssl.create_default_context(cadata=pem)  # fails unless it holds certificates
    except (OSError, ValueError, ssl.SSLError) as error:
        raise PackageError(
            f"could not add the RDS CA bundle from {url} ({error}): without it the function cannot verify the "
            "database. Set RDS_CA_BUNDLE_URL to another copy (a file:// URL works)."
        ) from None
    destination.write_text(pem)


def write_zip(staging: Path, output: Path) -> int:
    """A reproducible zip of staging (fixed time stamps and modes: the same files give the same bytes)."""
    files = sorted(
        path
        for path in staging.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo")
    )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            entry = zipfile.ZipInfo(path.relative_to(staging).as_posix(), date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = (0o100755 if os.access(path, os.X_OK) else 0o100644) << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, path.read_bytes())
    os.replace(partial, output)
    return len(files)


def package(name: str, output: Path, deps: bool, ca_bundle_url: str) -> None:
    source = LAMBDAS_DIR / name
    if not FUNCTION_NAME.match(name) or not source.is_dir() or source == SHARED_DIR:
        raise PackageError(f"no function '{name}' in aws/lambdas. Functions: {' '.join(functions())}")
    if not (source / "lambda_function.py").is_file():
        raise PackageError(f"aws/lambdas/{name} has no lambda_function.py (the handler's module).")
    bundle = read_bundle(source)
    requirements = [pinned(package) for package in bundle.packages]
    if (source / "requirements.txt").is_file():
        requirements += ["-r", str(source / "requirements.txt")]

    with tempfile.TemporaryDirectory() as directory:
        staging = Path(directory)
        step(f"Packaging aws/lambdas/{name}")
        shutil.copytree(source, staging, dirs_exist_ok=True, ignore=shutil.ignore_patterns(MANIFEST))
        for folder in bundle.backend:
            info(f"adding backend-flask/{folder}")
            shutil.copytree(BACKEND_DIR / folder, staging / folder)
        for module in bundle.shared:
            info(f"adding aws/lambdas/shared/{module}")
            shutil.copy2(SHARED_DIR / module, staging / module)
        if requirements and deps:
            install(requirements, staging)
        elif requirements:
            warn(f"--no-deps: {' '.join(requirements)} left out; this zip does not run on Lambda.")
        if bundle.rds_ca_bundle and deps:
            add_ca_bundle(ca_bundle_url, staging / RDS_CA_BUNDLE)
        elif bundle.rds_ca_bundle:
            warn(f"--no-deps: the RDS CA bundle ({RDS_CA_BUNDLE}) left out too.")
        count = write_zip(staging, output)
    print(f"    {count} files")
    size = output.stat().st_size
    shown = output.relative_to(REPO) if output.is_relative_to(REPO) else output
    step(f"Wrote {shown} ({size // 1024} KiB)")
    if size > DIRECT_UPLOAD_LIMIT:
        warn("the zip is over 50 MiB: upload it through S3, Lambda refuses it as a direct upload.")


def parser(ca_bundle_url: str) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(
        prog="bin/lambdas/package",
        usage="%(prog)s NAME [--no-deps] [--output PATH]",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=f"""\
Zips the Lambda in aws/lambdas/NAME/ into dist/lambdas/NAME.zip, ready to
upload (handler: lambda_function.lambda_handler, runtime python{LAMBDA_PYTHON}, x86_64).
The zip holds the function's folder and what its bundle.toml lists:
  backend        folders of backend-flask (the API code the function runs)
  shared         modules of aws/lambdas/shared/ (code the functions share)
  packages       packages, at the versions pinned in backend-flask/requirements.in
  rds_ca_bundle  true for a function that connects to PostgreSQL: it gets
                 {RDS_CA_BUNDLE}, the RDS certificate authorities it verifies
                 the database with, fetched from RDS_CA_BUNDLE_URL
                 (default {ca_bundle_url})
and the packages of its requirements.txt, if it has one. Packages are installed
from PyPI as wheels built for Lambda ({LAMBDA_PLATFORM}, CPython {LAMBDA_PYTHON}),
whatever this machine is. boto3 is left out: the runtime has it.
The zip is reproducible: the same files give the same bytes.""",
        epilog=f"Functions: {' '.join(functions())}",
    )
    options.add_argument("name", nargs="?", metavar="NAME", help="the function: a folder of aws/lambdas")
    options.add_argument(
        "--no-deps",
        action="store_true",
        help="leave the packages and the CA bundle out (a quick offline check of the layout; such a zip does not "
        "run on Lambda)",
    )
    options.add_argument(
        "--output", type=Path, metavar="PATH", help="write the zip to PATH instead of dist/lambdas/NAME.zip"
    )
    return options


def main(argv: list[str]) -> int:
    ca_bundle_url = os.environ.get("RDS_CA_BUNDLE_URL") or RDS_CA_BUNDLE_URL
    options = parser(ca_bundle_url)
    args = options.parse_args(argv)
    if not args.name:
        options.error("name the function to package, e.g. bin/lambdas/package cruddur-post-confirmation")
    output = (args.output or REPO / "dist" / "lambdas" / f"{args.name}.zip").absolute()
    try:
        package(args.name, output, not args.no_deps, ca_bundle_url)
    except PackageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
