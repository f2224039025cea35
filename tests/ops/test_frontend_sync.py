"""bin/frontend/sync against S3 and CloudFront emulated by moto in server mode.

One moto server runs on a free loopback port for the module; each test gets
its own bucket, distribution and fake Vite build in tmp_path. The sync runs
as a subprocess through its real entry point (the bash wrapper), told where
moto is by AWS_ENDPOINT_URL, with dummy credentials and no access to the
machine's AWS configuration. The test inspects the bucket and the
distribution's invalidations with boto3 and reads the changeset JSON the run
wrote.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shlex
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest

REPO = Path(__file__).resolve().parents[2]
SYNC = REPO / "bin" / "frontend" / "sync"
SYNC_PY = REPO / "bin" / "frontend" / "sync.py"

IMMUTABLE = "public, max-age=31536000, immutable"
BUILD = {
    "index.html": '<!doctype html><html><head><script type="module" src="/assets/index-AbC123xy.js"></script>'
    '<link rel="stylesheet" href="/assets/index-Zz9yX8wv.css"></head><body><div id="root"></div></body></html>\n',
    "assets/index-AbC123xy.js": "console.log('cruddur');\n",
    "assets/index-Zz9yX8wv.css": "body { margin: 0; }\n",
    "favicon.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="8"/></svg>\n',
}
HEADERS = {
    "index.html": ("text/html; charset=utf-8", "no-cache"),
    "assets/index-AbC123xy.js": ("text/javascript; charset=utf-8", IMMUTABLE),
    "assets/index-Zz9yX8wv.css": ("text/css; charset=utf-8", IMMUTABLE),
    "favicon.svg": ("image/svg+xml", "no-cache"),
}
ALL_PATHS = sorted(["/", "/index.html", "/assets/index-AbC123xy.js", "/assets/index-Zz9yX8wv.css", "/favicon.svg"])


def client(service: str, endpoint: str):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def sync_env(endpoint: str, **extra: str) -> dict[str, str]:
    """The caller's environment without any AWS or sync setting, pointed at moto."""
    env = {name: value for name, value in os.environ.items() if not name.startswith(("AWS_", "SYNC_"))}
    env.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
    )
    env.update(extra)
    return env


def run_sync(args: list[str], env: dict[str, str] | None = None, cwd: Path | None = None, stdin: str = ""):
    """bin/frontend/sync with these arguments, its output captured."""
    return subprocess.run(
        [str(SYNC), *args],
        input=stdin,
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


class Site:
    """A bucket, a distribution and a build directory, and a way to sync them."""

    def __init__(self, endpoint: str, tmp_path: Path):
        self.endpoint = endpoint
        self.tmp_path = tmp_path
        self.s3 = client("s3", endpoint)
        self.cloudfront = client("cloudfront", endpoint)
        self.bucket = f"cruddur-spa-{uuid.uuid4().hex[:12]}"
        self.s3.create_bucket(Bucket=self.bucket)
        origin = f"{self.bucket}.s3.us-east-1.amazonaws.com"
        distribution = self.cloudfront.create_distribution(
            DistributionConfig={
                "CallerReference": self.bucket,
                "Comment": "cruddur front end (test)",
                "Enabled": True,
                "DefaultRootObject": "index.html",
                "Origins": {
                    "Quantity": 1,
                    "Items": [{"Id": "spa", "DomainName": origin, "S3OriginConfig": {"OriginAccessIdentity": ""}}],
                },
                "DefaultCacheBehavior": {
                    "TargetOriginId": "spa",
                    "ViewerProtocolPolicy": "redirect-to-https",
                    "MinTTL": 0,
                    "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
                },
            }
        )
        self.distribution_id = distribution["Distribution"]["Id"]
        self.dist = tmp_path / "dist"
        for name, text in BUILD.items():
            self.write(name, text)
        self.runs = 0

    def write(self, name: str, text: str) -> None:
        path = self.dist / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def sync(self, *args: str, expect: int = 0, stdin: str = "", env: dict[str, str] | None = None, settings=True):
        """Run bin/frontend/sync; returns (completed process, changeset dict or None)."""
        self.runs += 1
        changeset = self.tmp_path / f"changeset-{self.runs}.json"
        base = ["--env-file", ""]
        if settings:
            base += [
                "--bucket",
                self.bucket,
                "--distribution-id",
                self.distribution_id,
                "--build-dir",
                str(self.dist),
                "--changeset",
                str(changeset),
            ]
        result = run_sync([*base, *args], env=env or sync_env(self.endpoint), cwd=self.tmp_path, stdin=stdin)
        output = result.stdout + result.stderr
        assert result.returncode == expect, output
        assert "Traceback" not in output, output
        record = json.loads(changeset.read_text()) if changeset.exists() else None
        return result, record

    def objects(self) -> dict[str, str]:
        """{key: ETag} of every object in the bucket."""
        response = self.s3.list_objects_v2(Bucket=self.bucket)
        return {item["Key"]: item["ETag"] for item in response.get("Contents", [])}

    def invalidations(self) -> list[dict]:
        """[{"id", "paths"}] of the distribution's invalidations, oldest first."""
        listing = self.cloudfront.list_invalidations(DistributionId=self.distribution_id)["InvalidationList"]
        found = []
        for summary in listing.get("Items", []):
            batch = self.cloudfront.get_invalidation(DistributionId=self.distribution_id, Id=summary["Id"])
            paths = batch["Invalidation"]["InvalidationBatch"]["Paths"].get("Items", [])
            found.append({"id": summary["Id"], "paths": sorted(paths), "time": summary["CreateTime"]})
        return sorted(found, key=lambda item: item["time"])


@pytest.fixture
def site(endpoint, tmp_path):
    return Site(endpoint, tmp_path)


def uploaded(record: dict) -> dict[str, str]:
    return {item["path"]: item["reason"] for item in record["uploads"]}


def deleted(record: dict) -> list[str]:
    return [item["path"] for item in record["deletions"]]


# --- the sync's behaviour --------------------------------------------------------


def test_first_sync_uploads_everything_with_headers_and_one_invalidation(site):
    result, record = site.sync("--yes")

    assert set(site.objects()) == set(BUILD)
    for key, (content_type, cache_control) in HEADERS.items():
        head = site.s3.head_object(Bucket=site.bucket, Key=key)
        assert head["ContentType"] == content_type, key
        assert head["CacheControl"] == cache_control, key
        assert head["Metadata"]["sha256"] == sha256(BUILD[key]), key
        body = site.s3.get_object(Bucket=site.bucket, Key=key)["Body"].read().decode()
        assert body == BUILD[key]

    invalidations = site.invalidations()
    assert len(invalidations) == 1
    assert invalidations[0]["paths"] == ALL_PATHS

    assert record["status"] == "applied"
    assert record["dry_run"] is False
    assert uploaded(record) == dict.fromkeys(BUILD, "new")
    assert deleted(record) == []
    assert record["invalidation"] == {"id": invalidations[0]["id"], "paths": ALL_PATHS}
    assert record["bucket"] == site.bucket
    assert record["distribution_id"] == site.distribution_id
    assert record["error"] is None
    # index.html goes last, once the assets it names are in place.
    assert record["uploads"][-1]["path"] == "index.html"
    assert "4 to upload (4 new), 0 to delete, 0 unchanged" in result.stdout


def test_second_sync_uploads_nothing_and_invalidates_nothing(site):
    site.sync("--yes")
    before = site.objects()

    result, record = site.sync("--yes")

    assert "No changes" in result.stdout
    assert site.objects() == before
    assert len(site.invalidations()) == 1
    assert record["status"] == "no-changes"
    assert record["uploads"] == [] and record["deletions"] == []
    assert record["unchanged"] == len(BUILD)
    assert record["invalidation"] is None


@pytest.mark.parametrize(
    ("name", "paths"),
    [("favicon.svg", ["/favicon.svg"]), ("index.html", ["/", "/index.html"])],
)
def test_a_changed_file_is_the_only_upload_and_invalidation(site, name, paths):
    site.sync("--yes")
    before = site.objects()
    site.write(name, BUILD[name] + "<!-- changed -->\n")

    _, record = site.sync("--yes")

    assert uploaded(record) == {name: "changed"}
    assert deleted(record) == []
    after = site.objects()
    assert after[name] != before[name]
    assert {k: v for k, v in after.items() if k != name} == {k: v for k, v in before.items() if k != name}
    head = site.s3.head_object(Bucket=site.bucket, Key=name)
    assert head["Metadata"]["sha256"] == sha256(BUILD[name] + "<!-- changed -->\n")
    invalidations = site.invalidations()
    assert len(invalidations) == 2
    assert invalidations[-1]["paths"] == paths
    assert record["invalidation"] == {"id": invalidations[-1]["id"], "paths": paths}


def test_a_removed_file_is_deleted_and_invalidated(site):
    site.sync("--yes")
    (site.dist / "assets" / "index-Zz9yX8wv.css").unlink()

    result, record = site.sync("--yes")

    assert set(site.objects()) == set(BUILD) - {"assets/index-Zz9yX8wv.css"}
    assert record["uploads"] == []
    assert deleted(record) == ["assets/index-Zz9yX8wv.css"]
    invalidations = site.invalidations()
    assert len(invalidations) == 2
    assert invalidations[-1]["paths"] == ["/assets/index-Zz9yX8wv.css"]
    assert "1 deleted" in result.stdout


def test_dry_run_changes_nothing(site):
    result, record = site.sync("--dry-run")

    assert site.objects() == {}
    assert site.invalidations() == []
    assert "Dry run" in result.stdout
    assert record["status"] == "dry-run"
    assert record["dry_run"] is True
    assert uploaded(record) == dict.fromkeys(BUILD, "new")
    assert record["invalidation"] == {"id": None, "paths": ALL_PATHS}

    site.sync("--yes")
    before = site.objects()
    site.write("favicon.svg", "<svg/>\n")
    (site.dist / "assets" / "index-AbC123xy.js").unlink()

    _, record = site.sync("--dry-run", "--yes")

    assert site.objects() == before
    assert len(site.invalidations()) == 1
    assert uploaded(record) == {"favicon.svg": "changed"}
    assert deleted(record) == ["assets/index-AbC123xy.js"]
    assert record["invalidation"]["id"] is None


def test_apply_waits_for_a_yes(site):
    result, record = site.sync(expect=1, stdin="")
    assert "Apply cancelled" in result.stdout
    assert record["status"] == "cancelled"
    assert site.objects() == {}
    assert site.invalidations() == []

    site.sync(expect=1, stdin="y\n")
    assert site.objects() == {}

    _, record = site.sync(stdin="yes\n")
    assert record["status"] == "applied"
    assert set(site.objects()) == set(BUILD)
    assert len(site.invalidations()) == 1


def test_changed_headers_are_uploaded_again(site):
    site.sync("--yes")
    key = "assets/index-AbC123xy.js"
    site.s3.copy_object(
        Bucket=site.bucket,
        Key=key,
        CopySource={"Bucket": site.bucket, "Key": key},
        MetadataDirective="REPLACE",
        Metadata={"sha256": sha256(BUILD[key])},
        ContentType="application/octet-stream",
        CacheControl="max-age=60",
    )
    # An object put by something else carries no checksum: it counts as changed.
    site.s3.put_object(Bucket=site.bucket, Key="favicon.svg", Body=BUILD["favicon.svg"].encode())

    _, record = site.sync("--yes")

    assert uploaded(record) == {key: "headers", "favicon.svg": "changed"}
    head = site.s3.head_object(Bucket=site.bucket, Key=key)
    assert (head["ContentType"], head["CacheControl"]) == HEADERS[key]
    assert site.invalidations()[-1]["paths"] == ["/assets/index-AbC123xy.js", "/favicon.svg"]


def test_many_paths_collapse_to_one_wildcard(site):
    for number in range(20):
        site.write(f"docs/page-{number}.txt", f"page {number}\n")

    _, record = site.sync("--yes")

    assert len(record["uploads"]) == len(BUILD) + 20
    assert site.invalidations()[0]["paths"] == ["/*"]
    assert record["invalidation"]["paths"] == ["/*"]
    head = site.s3.head_object(Bucket=site.bucket, Key="docs/page-3.txt")
    assert (head["ContentType"], head["CacheControl"]) == ("text/plain; charset=utf-8", "no-cache")


def test_settings_from_the_environment(site):
    changeset = site.tmp_path / "from-env" / "changeset.json"
    env = sync_env(
        site.endpoint,
        SYNC_S3_BUCKET=site.bucket,
        SYNC_CLOUDFRONT_DISTRIBUTION_ID=site.distribution_id,
        SYNC_BUILD_DIR=str(site.dist),
        SYNC_OUTPUT_CHANGESET_PATH=str(changeset),
    )
    site.sync("--yes", env=env, settings=False)

    assert set(site.objects()) == set(BUILD)
    record = json.loads(changeset.read_text())
    assert record["status"] == "applied"
    assert record["invalidation"]["id"] == site.invalidations()[0]["id"]


def test_settings_from_an_env_file_lose_to_the_environment(site):
    changeset = site.tmp_path / "changeset-from-file.json"
    env_file = site.tmp_path / "sync.env"
    env_file.write_text(
        "# written by bin/frontend/generate-env --sync\n"
        "SYNC_S3_BUCKET=no-such-bucket-here\n"
        f"SYNC_CLOUDFRONT_DISTRIBUTION_ID={site.distribution_id}\n"
        f"SYNC_BUILD_DIR={site.dist}\n"
        f"SYNC_OUTPUT_CHANGESET_PATH={changeset}\n"
        "AWS_ACCESS_KEY_ID=never-read-from-the-file\n"
    )
    env = sync_env(site.endpoint, SYNC_S3_BUCKET=site.bucket)
    result = run_sync(["--env-file", str(env_file), "--dry-run"], env=env, cwd=site.tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    record = json.loads(changeset.read_text())
    assert record["bucket"] == site.bucket
    assert record["status"] == "dry-run"


def test_default_changeset_path_is_under_tmp_in_the_repository(site):
    tmp_dir = REPO / "tmp"
    existed = tmp_dir.exists()

    def ours() -> list[Path]:
        return [p for p in tmp_dir.glob("sync-changeset-*.json") if site.bucket in p.read_text()]

    try:
        result, _ = site.sync(
            "--bucket", site.bucket, "--distribution-id", site.distribution_id, "--build-dir", str(site.dist),
            "--dry-run", settings=False,
        )  # fmt: skip
        written = ours()
        assert len(written) == 1
        assert written[0].name.endswith("Z.json")
        assert f"Changeset written to {written[0]}" in result.stdout
        assert json.loads(written[0].read_text())["status"] == "dry-run"
    finally:
        for path in ours():
            path.unlink()
        if not existed and tmp_dir.is_dir() and not any(tmp_dir.iterdir()):
            tmp_dir.rmdir()


# --- clear errors ------------------------------------------------------------------


def test_missing_settings_are_reported(site):
    result, _ = site.sync("--distribution-id", "E123", "--build-dir", str(site.dist), expect=1, settings=False)
    assert "no S3 bucket given" in result.stderr and "SYNC_S3_BUCKET" in result.stderr

    result, _ = site.sync("--bucket", site.bucket, "--build-dir", str(site.dist), expect=1, settings=False)
    assert "no CloudFront distribution given" in result.stderr
    assert "SYNC_CLOUDFRONT_DISTRIBUTION_ID" in result.stderr


def test_a_missing_build_is_reported(site):
    missing = site.tmp_path / "not-built"
    result, _ = site.sync("--build-dir", str(missing), expect=1)
    assert f"build directory not found: {missing}" in result.stderr

    (site.dist / "index.html").unlink()
    result, _ = site.sync(expect=1)
    assert "has no index.html" in result.stderr
    assert site.objects() == {}


def test_a_missing_bucket_is_reported(site):
    result, record = site.sync("--bucket", "cruddur-no-such-bucket", "--yes", expect=1)
    assert "S3 bucket not found: cruddur-no-such-bucket" in result.stderr
    assert record["status"] == "failed"
    assert "S3 bucket not found" in record["error"]


def test_a_missing_distribution_is_reported_before_any_upload(site):
    result, record = site.sync("--distribution-id", "ENOSUCHDIST", "--yes", expect=1)
    assert "CloudFront distribution not found: ENOSUCHDIST" in result.stderr
    assert site.objects() == {}
    assert record["status"] == "failed"
    assert record["uploads"] == []


def test_missing_credentials_are_reported(site):
    env = sync_env(site.endpoint)
    del env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"]
    result, record = site.sync("--yes", env=env, expect=1)
    assert "no AWS credentials found" in result.stderr
    assert site.objects() == {}
    assert record["status"] == "failed"


def test_help():
    result = run_sync(["--help"])
    assert result.returncode == 0
    for word in ("--bucket", "--distribution-id", "--build-dir", "--changeset", "--dry-run", "--yes"):
        assert word in result.stdout
    for name in ("SYNC_S3_BUCKET", "SYNC_CLOUDFRONT_DISTRIBUTION_ID", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
        assert name in result.stdout


needs_rake = pytest.mark.skipif(
    shutil.which("rake") is None, reason="rake is not installed (Debian: apt-get install ruby)"
)


@needs_rake
def test_rake_sync_passes_args_through(site):
    changeset = site.tmp_path / "from-rake.json"
    args = ["--env-file", "", "--bucket", site.bucket, "--distribution-id", site.distribution_id]
    args += ["--build-dir", str(site.dist), "--changeset", str(changeset), "--yes"]
    rake = ["rake", "-f", str(REPO / "Rakefile")]

    listing = subprocess.run([*rake, "-T"], capture_output=True, text=True, timeout=60, check=False)
    assert listing.returncode == 0 and "rake sync" in listing.stdout, listing.stderr

    result = subprocess.run(
        [*rake, "sync", f"ARGS={shlex.join(args)}"],
        env=sync_env(site.endpoint),
        cwd=site.tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert set(site.objects()) == set(BUILD)
    assert json.loads(changeset.read_text())["status"] == "applied"

    failed = subprocess.run(
        [*rake, "sync", "ARGS=--env-file '' --distribution-id E123"],
        env=sync_env(site.endpoint),
        cwd=site.tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert failed.returncode == 1
    assert "no S3 bucket given" in failed.stderr


# --- the rules, as functions ---------------------------------------------------------


@pytest.fixture(scope="module")
def sync_module():
    spec = importlib.util.spec_from_file_location("frontend_sync", SYNC_PY)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    try:
        spec.loader.exec_module(module)
        yield module
    finally:
        sys.modules.pop(spec.name, None)


@pytest.mark.parametrize(
    ("key", "hashed"),
    [
        ("assets/index-BAm47I2F.js", True),
        ("assets/index-DNt1JZmk.css", True),
        ("assets/index-BAm47I2F.js.map", True),
        ("assets/Inter-a1B2c3D4.woff2", True),
        ("assets/vendor/chunk-x_9-Yz01.mjs", True),
        ("index.html", False),
        ("favicon.svg", False),
        ("index-BAm47I2F.js", False),  # not under assets/
        ("assets/logo.svg", False),
        ("assets/workbox-fallback.js", False),  # a word, not a hash
        ("assets/index-ABC.js", False),
    ],
)
def test_hashed_assets(sync_module, key, hashed):
    assert sync_module.is_hashed_asset(key) is hashed
    assert sync_module.cache_control_for(key) == (IMMUTABLE if hashed else "no-cache")


@pytest.mark.parametrize(
    ("key", "content_type"),
    [
        ("index.html", "text/html; charset=utf-8"),
        ("assets/a-AbC123xy.js", "text/javascript; charset=utf-8"),
        ("assets/a-AbC123xy.mjs", "text/javascript; charset=utf-8"),
        ("assets/a-AbC123xy.css", "text/css; charset=utf-8"),
        ("favicon.svg", "image/svg+xml"),
        ("data.json", "application/json"),
        ("manifest.webmanifest", "application/manifest+json"),
        ("assets/font-AbC123xy.woff2", "font/woff2"),
        ("assets/a-AbC123xy.js.map", "application/json"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("blob.unknownext", "application/octet-stream"),
    ],
)
def test_content_types(sync_module, key, content_type):
    assert sync_module.content_type_for(key) == content_type


def test_invalidation_paths(sync_module):
    paths = sync_module.invalidation_paths
    assert paths([]) == []
    assert paths(["index.html"]) == ["/", "/index.html"]
    assert paths(["help/index.html"]) == ["/help/", "/help/index.html"]
    assert paths(["a b*.txt"]) == ["/a%20b%2A.txt"]
    assert paths([f"f{n}.txt" for n in range(15)]) == sorted(f"/f{n}.txt" for n in range(15))
    assert paths([f"f{n}.txt" for n in range(16)]) == ["/*"]
