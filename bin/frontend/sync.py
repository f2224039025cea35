"""Ship the built single-page app to its S3 bucket and invalidate CloudFront.

Run it through bin/frontend/sync (or `rake sync`), which uses the project's
virtual environment. It works like a plan/apply tool:

  plan     list the build directory and the bucket, and compare each file's
           SHA-256 with the one stored in its object's metadata
           (x-amz-meta-sha256) and its content type and cache policy with the
           object's headers;
  preview  print what would be uploaded (new, changed or headers), deleted and
           left alone;
  apply    after confirmation (or --yes): upload what is new or changed, the
           hashed assets first and the HTML last, delete what is gone, then ask
           CloudFront for one invalidation covering those paths.

Every run writes a changeset JSON describing what it planned and did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import mimetypes
import os
import re
import sys
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parents[2]
PROG = "bin/frontend/sync"
DEFAULT_BUILD_DIR = "frontend-react-js/dist"
DEFAULT_ENV_FILE = REPO_ROOT / "sync.env"
# The only names read from the env file: settings, never credentials.
ENV_FILE_NAMES = (
    "SYNC_S3_BUCKET",
    "SYNC_CLOUDFRONT_DISTRIBUTION_ID",
    "SYNC_BUILD_DIR",
    "SYNC_OUTPUT_CHANGESET_PATH",
    "AWS_DEFAULT_REGION",
)

IMMUTABLE = "public, max-age=31536000, immutable"
NO_CACHE = "no-cache"
HASH_METADATA_KEY = "sha256"  # stored by S3 as x-amz-meta-sha256
MAX_INVALIDATION_PATHS = 15
WORKERS = 8

# Vite names what it emits into assets/ as <name>-<hash>.<ext>, the hash being
# 8 characters of base64url (e.g. index-BAm47I2F.js, index-BAm47I2F.js.map).
HASHED_ASSET = re.compile(r"^assets/(?:[^/]+/)*[^/]*[-.](?P<hash>[A-Za-z0-9_-]{8})\.[A-Za-z0-9.]+$")

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ico": "image/x-icon",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".wasm": "application/wasm",
    ".xml": "application/xml",
}


class SyncError(Exception):
    """A problem to report in one sentence, without a traceback."""


# --- local files -------------------------------------------------------------


def is_hashed_asset(key: str) -> bool:
    """True for a file under assets/ whose name carries a Vite content hash.

    A name part that is all lowercase letters (like "-fallback.js") is taken
    for a word, not a hash: a file wrongly marked immutable would stay stale
    in browsers for a year, while one wrongly marked no-cache only costs a
    revalidation.
    """
    match = HASHED_ASSET.match(key)
    return bool(match) and not re.fullmatch(r"[a-z-]+", match.group("hash"))


def cache_control_for(key: str) -> str:
    return IMMUTABLE if is_hashed_asset(key) else NO_CACHE


def content_type_for(key: str) -> str:
    suffix = Path(key).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(key, strict=False)
    return guessed or "application/octet-stream"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class LocalFile:
    key: str
    path: Path
    size: int
    sha256: str
    content_type: str
    cache_control: str


def list_build(build_dir: Path) -> dict[str, LocalFile]:
    files = {}
    for path in sorted(build_dir.rglob("*")):
        if not path.is_file():
            continue
        key = path.relative_to(build_dir).as_posix()
        files[key] = LocalFile(
            key=key,
            path=path,
            size=path.stat().st_size,
            sha256=sha256_of(path),
            content_type=content_type_for(key),
            cache_control=cache_control_for(key),
        )
    return files


# --- plan ----------------------------------------------------------------------


@dataclass
class Upload:
    path: str
    reason: str  # new | changed | headers
    size: int
    sha256: str
    content_type: str
    cache_control: str


@dataclass
class Plan:
    uploads: list[Upload] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not self.uploads and not self.deletions

    def invalidation_paths(self) -> list[str]:
        return invalidation_paths([u.path for u in self.uploads] + self.deletions)


def invalidation_paths(keys: list[str]) -> list[str]:
    """CloudFront paths for the given object keys; "/*" when there are many."""
    paths = set()
    for key in keys:
        paths.add("/" + quote(key, safe="/-_.~"))
        if key == "index.html" or key.endswith("/index.html"):
            paths.add("/" + quote(key[: -len("index.html")], safe="/-_.~"))
    if len(paths) > MAX_INVALIDATION_PATHS:
        return ["/*"]
    return sorted(paths)


def remote_state(s3, bucket: str, keys: list[str]) -> dict[str, dict]:
    """head_object for each key, in parallel: {key: {sha256, content_type, cache_control}}."""

    def head(key: str) -> tuple[str, dict]:
        response = s3.head_object(Bucket=bucket, Key=key)
        return key, {
            "sha256": response.get("Metadata", {}).get(HASH_METADATA_KEY),
            "content_type": response.get("ContentType"),
            "cache_control": response.get("CacheControl"),
        }

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return dict(pool.map(head, keys))


def list_bucket(s3, bucket: str) -> list[str]:
    keys = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys.extend(item["Key"] for item in page.get("Contents", []))
    return keys


def make_plan(local: dict[str, LocalFile], remote_keys: list[str], remote: dict[str, dict]) -> Plan:
    plan = Plan()
    for key, file in local.items():
        if key not in remote:
            reason = "new"
        elif remote[key]["sha256"] != file.sha256:
            reason = "changed"
        elif (remote[key]["content_type"], remote[key]["cache_control"]) != (file.content_type, file.cache_control):
            reason = "headers"
        else:
            plan.unchanged += 1
            continue
        plan.uploads.append(
            Upload(key, reason, file.size, file.sha256, file.content_type, file.cache_control),
        )
    # Hashed assets first, HTML last: a browser never gets an index.html that
    # names assets not uploaded yet.
    plan.uploads.sort(key=lambda u: (u.path.endswith(".html"), not is_hashed_asset(u.path), u.path))
    plan.deletions = sorted(key for key in remote_keys if key not in local)
    return plan


# --- preview -------------------------------------------------------------------


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def print_preview(plan: Plan) -> None:
    if plan.empty:
        print(f"No changes: all {plan.unchanged} files are up to date.")
        return
    rows = [("ACTION", "REASON", "PATH", "SIZE", "CACHE")]
    for u in plan.uploads:
        cache = "immutable" if u.cache_control == IMMUTABLE else u.cache_control
        rows.append(("upload", u.reason, u.path, human_size(u.size), cache))
    rows.extend(("delete", "gone", key, "", "") for key in plan.deletions)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    reasons = {}
    for u in plan.uploads:
        reasons[u.reason] = reasons.get(u.reason, 0) + 1
    detail = ", ".join(f"{count} {reason}" for reason, count in sorted(reasons.items()))
    print()
    print(
        f"Plan: {len(plan.uploads)} to upload"
        + (f" ({detail})" if detail else "")
        + f", {len(plan.deletions)} to delete, {plan.unchanged} unchanged."
    )
    print("Invalidation: " + " ".join(plan.invalidation_paths()))


# --- apply ---------------------------------------------------------------------


def upload(s3, bucket: str, build: dict[str, LocalFile], item: Upload) -> None:
    file = build[item.path]
    if sha256_of(file.path) != item.sha256:
        raise SyncError(f"{item.path} changed while syncing; run the sync again once the build is finished")
    s3.upload_file(
        str(file.path),
        bucket,
        item.path,
        ExtraArgs={
            "ContentType": item.content_type,
            "CacheControl": item.cache_control,
            "Metadata": {HASH_METADATA_KEY: item.sha256},
        },
    )
    print(f"  uploaded  {item.path}")


def apply_uploads(s3, bucket: str, build: dict[str, LocalFile], uploads: list[Upload], done: list[Upload]) -> None:
    # Assets in parallel, then the HTML pages once every asset is in place.
    assets = [u for u in uploads if not u.path.endswith(".html")]
    pages = [u for u in uploads if u.path.endswith(".html")]
    for batch in (assets, pages):
        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            futures = {pool.submit(upload, s3, bucket, build, item): item for item in batch}
        # Leaving the block waited for every upload of the batch.
        done.extend(item for future, item in futures.items() if future.exception() is None)
        for future in futures:
            future.result()  # raises the first failure, if any


def apply_deletions(s3, bucket: str, keys: list[str], done: list[str]) -> None:
    for start in range(0, len(keys), 1000):
        batch = keys[start : start + 1000]
        response = s3.delete_objects(
            Bucket=bucket,
            Delete={"Objects": [{"Key": key} for key in batch], "Quiet": True},
        )
        failed = {error["Key"]: error for error in response.get("Errors", [])}
        for key in batch:
            if key not in failed:
                done.append(key)
                print(f"  deleted   {key}")
        if failed:
            key, error = next(iter(failed.items()))
            raise SyncError(f"could not delete {key}: {error.get('Code')}: {error.get('Message')}")


def invalidate(cloudfront, distribution_id: str, paths: list[str]) -> str:
    reference = f"cruddur-sync-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    response = cloudfront.create_invalidation(
        DistributionId=distribution_id,
        InvalidationBatch={"Paths": {"Quantity": len(paths), "Items": paths}, "CallerReference": reference},
    )
    return response["Invalidation"]["Id"]


def confirm() -> bool:
    print()
    print("Apply these changes? Only 'yes' is accepted (pass --yes to skip this question).")
    try:
        answer = input("  Enter a value: ")
    except EOFError:
        print()
        return False
    return answer.strip() == "yes"


# --- configuration -------------------------------------------------------------


def read_env_file(path: Path) -> dict[str, str]:
    """NAME=value lines of the env file, keeping only the sync's settings."""
    values = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        name = name.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        if name in ENV_FILE_NAMES and value:
            values[name] = value
    return values


@dataclass
class Config:
    bucket: str
    distribution_id: str
    build_dir: Path
    changeset: Path
    region: str | None
    dry_run: bool
    yes: bool


def setting(flag: str | None, name: str, env_file: dict[str, str]) -> tuple[str | None, bool]:
    """(value, from_flag): a flag wins over the environment, which wins over the env file."""
    if flag:
        return flag, True
    value = os.environ.get(name) or env_file.get(name)
    return value, False


def resolve(value: str, from_flag: bool) -> Path:
    """Paths given as flags are relative to the current directory, the others to the repository."""
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    return (Path.cwd() if from_flag else REPO_ROOT) / path


def load_config(args: argparse.Namespace, started: dt.datetime) -> Config:
    env_file: dict[str, str] = {}
    if args.env_file is not None:
        if args.env_file:
            path = Path(args.env_file)
            if not path.is_file():
                raise SyncError(f"env file not found: {path}")
            env_file = read_env_file(path)
    elif DEFAULT_ENV_FILE.is_file():
        env_file = read_env_file(DEFAULT_ENV_FILE)
        print(f"Settings not given as flags or environment variables come from {DEFAULT_ENV_FILE.name}.")

    bucket, _ = setting(args.bucket, "SYNC_S3_BUCKET", env_file)
    if not bucket:
        raise SyncError(
            "no S3 bucket given: pass --bucket NAME or set SYNC_S3_BUCKET "
            "(bin/frontend/generate-env --sync writes it to sync.env)"
        )
    distribution_id, _ = setting(args.distribution_id, "SYNC_CLOUDFRONT_DISTRIBUTION_ID", env_file)
    if not distribution_id:
        raise SyncError(
            "no CloudFront distribution given: pass --distribution-id ID or set SYNC_CLOUDFRONT_DISTRIBUTION_ID "
            "(bin/frontend/generate-env --sync writes it to sync.env)"
        )

    build_value, build_from_flag = setting(args.build_dir, "SYNC_BUILD_DIR", env_file)
    build_dir = resolve(build_value or DEFAULT_BUILD_DIR, build_from_flag)
    if not build_dir.is_dir():
        raise SyncError(
            f"build directory not found: {build_dir} "
            "(build the app first with bin/frontend/static-build, or pass --build-dir)"
        )
    if not (build_dir / "index.html").is_file():
        raise SyncError(f"{build_dir} has no index.html: is it a finished Vite build?")

    changeset_value, changeset_from_flag = setting(args.changeset, "SYNC_OUTPUT_CHANGESET_PATH", env_file)
    if changeset_value:
        changeset = resolve(changeset_value, changeset_from_flag)
    else:
        changeset = REPO_ROOT / "tmp" / f"sync-changeset-{started:%Y%m%dT%H%M%SZ}.json"

    region, _ = setting(args.region, "AWS_DEFAULT_REGION", env_file)
    return Config(bucket, distribution_id, build_dir, changeset, region, args.dry_run, args.yes)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="""\
Ship the built front end (a Vite build directory) to its S3 bucket, like a
plan/apply tool: compare each file's SHA-256 with the one stored on its object,
preview the changes, then apply them (upload what is new or changed, delete what
is gone, one CloudFront invalidation). Every run writes a changeset JSON.""",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""\
settings: a flag wins over the environment variable, which wins over the
  env file (sync.env at the repository root, written by
  bin/frontend/generate-env --sync; only the names below are read from it).
  Relative paths from flags are taken from the current directory, the others
  from the repository root.

environment:
  SYNC_S3_BUCKET                    bucket (--bucket)
  SYNC_CLOUDFRONT_DISTRIBUTION_ID   distribution (--distribution-id)
  SYNC_BUILD_DIR                    build directory (--build-dir)
  SYNC_OUTPUT_CHANGESET_PATH        changeset file (--changeset)
  AWS_DEFAULT_REGION                region (--region)
  AWS_ENDPOINT_URL                  send every AWS call to this endpoint instead
                                    (a local emulator, for instance)

credentials: the standard AWS chain: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
  and AWS_SESSION_TOKEN, AWS_PROFILE and the shared config files (SSO, assumed
  roles), web identity (AWS_ROLE_ARN with AWS_WEB_IDENTITY_TOKEN_FILE),
  container and instance roles. In GitHub Actions,
  aws-actions/configure-aws-credentials turns the OIDC role into session
  credentials in the environment.

The identity needs s3:ListBucket, s3:GetObject, s3:PutObject and
s3:DeleteObject on the bucket, and cloudfront:CreateInvalidation and
cloudfront:GetDistribution on the distribution.

exit status: 0 when the run succeeded (or there was nothing to do), 1 on an
error or when the apply was not confirmed, 2 on bad arguments.

examples:
  bin/frontend/sync --dry-run
  bin/frontend/sync --bucket my-spa-bucket --distribution-id E2ABC123DEF456
  rake sync ARGS="--yes"
""",
    )
    parser.add_argument("--bucket", metavar="NAME", help="S3 bucket to sync into (env SYNC_S3_BUCKET)")
    parser.add_argument(
        "--distribution-id",
        metavar="ID",
        help="CloudFront distribution serving the bucket (env SYNC_CLOUDFRONT_DISTRIBUTION_ID)",
    )
    parser.add_argument(
        "--build-dir",
        metavar="DIR",
        help=f"the built app (env SYNC_BUILD_DIR; default {DEFAULT_BUILD_DIR} in the repository)",
    )
    parser.add_argument(
        "--changeset",
        metavar="PATH",
        help="where to write the changeset JSON (env SYNC_OUTPUT_CHANGESET_PATH; "
        "default tmp/sync-changeset-<UTC time>.json in the repository)",
    )
    parser.add_argument("--region", metavar="REGION", help="AWS region (env AWS_DEFAULT_REGION)")
    parser.add_argument(
        "--env-file",
        metavar="PATH",
        help="read settings from this file instead of <repository>/sync.env ('' reads none)",
    )
    parser.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    parser.add_argument("-y", "--yes", action="store_true", help="apply without asking for confirmation")
    return parser.parse_args(argv)


# --- run -----------------------------------------------------------------------


def utc_iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_changeset(config: Config, record: dict) -> None:
    config.changeset.parent.mkdir(parents=True, exist_ok=True)
    tmp = config.changeset.with_name(f".{config.changeset.name}.tmp")
    tmp.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    tmp.replace(config.changeset)
    print(f"Changeset written to {config.changeset}")


def aws_clients(config: Config):
    import boto3

    session = boto3.session.Session(region_name=config.region)
    if session.get_credentials() is None:
        raise SyncError(
            "no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN "
            "for temporary ones), AWS_PROFILE, or a web identity role (AWS_ROLE_ARN + AWS_WEB_IDENTITY_TOKEN_FILE)"
        )
    return session.client("s3"), session.client("cloudfront")


def error_code(error) -> str:
    return error.response.get("Error", {}).get("Code", "")


def check_distribution(cloudfront, distribution_id: str) -> None:
    from botocore.exceptions import ClientError

    try:
        cloudfront.get_distribution(Id=distribution_id)
    except ClientError as error:
        if error_code(error) == "NoSuchDistribution":
            raise SyncError(f"CloudFront distribution not found: {distribution_id}") from None
        if error_code(error) in ("AccessDenied", "AccessDeniedException"):
            print(f"warning: cannot check that distribution {distribution_id} exists (no cloudfront:GetDistribution)")
            return
        raise


def new_record(config: Config, started: dt.datetime) -> dict:
    return {
        "version": 1,
        "status": "started",
        "dry_run": config.dry_run,
        "started_at": utc_iso(started),
        "finished_at": None,
        "bucket": config.bucket,
        "distribution_id": config.distribution_id,
        "build_dir": str(config.build_dir),
        "endpoint_url": os.environ.get("AWS_ENDPOINT_URL") or None,
        "uploads": [],
        "deletions": [],
        "unchanged": None,
        "invalidation": None,
        "error": None,
    }


def execute(config: Config, record: dict) -> str:
    """Plan, preview and (unless told otherwise) apply; returns the run's status.

    record["uploads"] and record["deletions"] always hold what was done, or in a
    dry run what would be done.
    """
    from botocore.exceptions import ClientError

    s3, cloudfront = aws_clients(config)
    print(f"Build:        {config.build_dir}")
    print(f"Bucket:       s3://{config.bucket}")
    print(f"Distribution: {config.distribution_id}")
    if record["endpoint_url"]:
        print(f"Endpoint:     {record['endpoint_url']}")
    print()

    build = list_build(config.build_dir)
    try:
        remote_keys = list_bucket(s3, config.bucket)
    except ClientError as error:
        if error_code(error) == "NoSuchBucket":
            raise SyncError(f"S3 bucket not found: {config.bucket}") from None
        raise
    remote = remote_state(s3, config.bucket, [key for key in remote_keys if key in build])
    plan = make_plan(build, remote_keys, remote)
    record["unchanged"] = plan.unchanged
    print_preview(plan)

    if plan.empty:
        return "no-changes"
    if config.dry_run:
        record["uploads"] = [asdict(u) for u in plan.uploads]
        record["deletions"] = [{"path": key} for key in plan.deletions]
        record["invalidation"] = {"id": None, "paths": plan.invalidation_paths()}
        print("\nDry run: nothing was changed.")
        return "dry-run"
    if not config.yes and not confirm():
        print("Apply cancelled: nothing was changed.")
        return "cancelled"

    check_distribution(cloudfront, config.distribution_id)
    print()
    uploaded: list[Upload] = []
    deleted: list[str] = []
    try:
        apply_uploads(s3, config.bucket, build, plan.uploads, uploaded)
        apply_deletions(s3, config.bucket, plan.deletions, deleted)
    finally:
        record["uploads"] = [asdict(u) for u in uploaded]
        record["deletions"] = [{"path": key} for key in deleted]
    paths = invalidation_paths([u.path for u in uploaded] + deleted)
    record["invalidation"] = {"id": None, "paths": paths}
    record["invalidation"]["id"] = invalidate(cloudfront, config.distribution_id, paths)
    print(f"\nInvalidation {record['invalidation']['id']} created for: {' '.join(paths)}")
    print(f"Applied: {len(uploaded)} uploaded, {len(deleted)} deleted, {plan.unchanged} unchanged.")
    return "applied"


def run(config: Config, started: dt.datetime) -> int:
    """execute(), then the changeset, written whatever happened."""
    from boto3.exceptions import Boto3Error
    from botocore.exceptions import BotoCoreError, ClientError

    record = new_record(config, started)
    try:
        status = execute(config, record)
        code = 1 if status == "cancelled" else 0
    except (SyncError, ClientError, BotoCoreError, Boto3Error, OSError) as error:
        status, code = "failed", 1
        record["error"] = describe(error)
        print(f"{PROG}: error: {record['error']}", file=sys.stderr)
        if record["uploads"] or record["deletions"]:
            print("The bucket is partly synced and nothing was invalidated: run the sync again.", file=sys.stderr)
    record["status"] = status
    record["finished_at"] = utc_iso(dt.datetime.now(dt.UTC))
    write_changeset(config, record)
    return code


def describe(error: Exception) -> str:
    """One line for an error, with a hint for the usual AWS mistakes."""
    from botocore.exceptions import ClientError, NoCredentialsError

    if isinstance(error, NoCredentialsError):
        return "no AWS credentials found (see --help, 'credentials')"
    if not isinstance(error, ClientError):
        return str(error)
    code = error_code(error)
    message = error.response.get("Error", {}).get("Message", "")
    text = f"{error.operation_name} failed: {code or 'error'}" + (f": {message}" if message else "")
    if code in ("ExpiredToken", "ExpiredTokenException", "RequestExpired"):
        text += " (the credentials have expired: refresh them)"
    elif code in ("InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId"):
        text += " (the credentials are not valid)"
    elif code in ("AccessDenied", "AccessDeniedException", "403"):
        text += " (the identity lacks a permission: see --help)"
    return text


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    try:
        import boto3  # noqa: F401
    except ImportError:
        print(
            f"{PROG}: error: boto3 is not installed: run this through bin/frontend/sync, which uses the "
            "project's virtual environment",
            file=sys.stderr,
        )
        return 1
    try:
        config = load_config(args, started)
    except SyncError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    try:
        return run(config, started)
    except KeyboardInterrupt:
        print(f"\n{PROG}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
