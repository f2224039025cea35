"""Avatars with AVATAR_STORAGE=s3, against moto in server mode: the API hands
out a presigned POST, the browser uploads, the process-images Lambda makes the
avatar. (moto accepts uploads without enforcing the POST policy, so the
policy's limits are read back from the signed form, and the Lambda's own
refusal of a bad upload is tested as well.)"""

import base64
import json

import boto3
import images
import pytest
import requests

ASSETS_URL = "https://assets.cruddur.example"


@pytest.fixture
def buckets(moto_url, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL", moto_url)
    s3 = boto3.client("s3", region_name="us-east-1")
    names = {"uploads": "cruddur-test-uploads", "assets": "cruddur-test-assets"}
    for name in names.values():
        s3.create_bucket(Bucket=name)
    yield s3, names
    for name in names.values():
        for item in s3.list_objects_v2(Bucket=name).get("Contents", []):
            s3.delete_object(Bucket=name, Key=item["Key"])
        s3.delete_bucket(Bucket=name)


@pytest.fixture
def s3_client(make_client, buckets):
    _, names = buckets
    return make_client(avatar_storage="s3", avatars_upload_bucket=names["uploads"], avatars_assets_url=ASSETS_URL)


@pytest.fixture
def process_images(lambda_handler, monkeypatch, database_url, buckets):
    monkeypatch.setenv("CONNECTION_URL", database_url)
    monkeypatch.setenv("ASSETS_BUCKET", buckets[1]["assets"])
    return lambda_handler("process-images")


def s3_event(bucket: str, key: str) -> dict:
    return {"Records": [{"s3": {"bucket": {"name": bucket}, "object": {"key": key}}}]}


def test_presigned_post_is_limited_to_the_caller_one_image_type_and_5mb(s3_client, make_user):
    ada = make_user()
    response = s3_client.post("/api/profile/avatar/upload", json={"content_type": "image/png"}, headers=ada["headers"])
    assert response.status_code == 200
    form = response.json
    assert form["key"].startswith(f"uploads/{ada['uuid']}/")
    policy = json.loads(base64.b64decode(form["fields"]["policy"]))
    assert ["content-length-range", 1, 5 * 1024 * 1024] in policy["conditions"]
    assert {"Content-Type": "image/png"} in policy["conditions"]
    assert {"key": form["key"]} in policy["conditions"]

    refused = s3_client.post(
        "/api/profile/avatar/upload", json={"content_type": "image/svg+xml"}, headers=ada["headers"]
    )
    assert (refused.status_code, refused.json) == (422, {"errors": ["avatar_unsupported_type"]})
    assert s3_client.post("/api/profile/avatar/upload", json={"content_type": "image/png"}).status_code == 401


def test_upload_then_lambda_makes_both_sizes_and_updates_the_user(s3_client, make_user, buckets, process_images):
    s3, names = buckets
    ada = make_user(handle="ada")
    form = s3_client.post(
        "/api/profile/avatar/upload", json={"content_type": "image/jpeg"}, headers=ada["headers"]
    ).json
    uploaded = requests.post(
        form["url"], data=form["fields"], files={"file": images.jpeg_rotated_with_gps()}, timeout=10
    )
    assert uploaded.status_code in (200, 204)

    result = process_images(s3_event(names["uploads"], form["key"]))
    [avatar_key] = result["processed"]
    for size in (512, 128):
        head = s3.head_object(Bucket=names["assets"], Key=f"{avatar_key}-{size}.webp")
        assert head["ContentType"] == "image/webp"
        assert head["CacheControl"] == "public, max-age=31536000, immutable"
    assert s3.list_objects_v2(Bucket=names["uploads"]).get("KeyCount") == 0, "the upload is cleaned up"

    profile = s3_client.get("/api/profile", headers=ada["headers"]).json
    assert profile["avatar_url"] == f"{ASSETS_URL}/{avatar_key}-128.webp"
    assert profile["avatar_url_large"] == f"{ASSETS_URL}/{avatar_key}-512.webp"


@pytest.mark.parametrize("data", [images.SVG, b"\x00" * (6 * 1024 * 1024)], ids=["svg", "6mb"])
def test_lambda_refuses_a_bad_upload_and_keeps_the_old_avatar(s3_client, make_user, buckets, process_images, data):
    s3, names = buckets
    ada = make_user()
    key = f"uploads/{ada['uuid']}/{'ab' * 16}"
    s3.put_object(Bucket=names["uploads"], Key=key, Body=images.webp())
    process_images(s3_event(names["uploads"], key))
    before = s3_client.get("/api/profile", headers=ada["headers"]).json

    s3.put_object(Bucket=names["uploads"], Key=key, Body=data)
    assert process_images(s3_event(names["uploads"], key)) == {"processed": []}
    assert s3_client.get("/api/profile", headers=ada["headers"]).json == before
    assert s3.list_objects_v2(Bucket=names["assets"])["KeyCount"] == 2, "only the first avatar's two files"
