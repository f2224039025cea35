"""Avatars with AVATAR_STORAGE=local: processed by content, stored under the
data directory, served with long cache headers; refusals change nothing."""

import io
import os

import images
import pytest
from PIL import Image


def upload(client, user, data: bytes, name="avatar.png", content_type="image/png"):
    return client.post(
        "/api/profile/avatar",
        data={"avatar": (io.BytesIO(data), name, content_type)},
        headers=user["headers"],
        content_type="multipart/form-data",
    )


def fetch_image(raw_client, url: str) -> tuple[Image.Image, bytes, object]:
    response = raw_client.get(url.removeprefix("http://localhost:4567"))
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    return Image.open(io.BytesIO(response.data)), response.data, response


def avatar_files(app) -> set[str]:
    root = app.extensions["avatars"].root
    return set(os.listdir(root)) if root.exists() else set()


@pytest.mark.parametrize(
    ("make", "mode"),
    [
        (images.jpeg_rotated_with_gps, "RGB"),
        (images.png_with_transparency, "RGBA"),
        (images.webp, "RGB"),
        (images.animated_gif, "RGB"),
    ],
    ids=["jpeg-exif-gps", "png-alpha", "webp", "gif"],
)
def test_each_format_becomes_two_clean_squares(client, raw_client, make_user, make, mode):
    ada = make_user(handle="ada")
    response = upload(client, ada, make(), name="whatever.bin", content_type="application/octet-stream")
    assert response.status_code == 200
    profile = response.json
    for url, size in ((profile["avatar_url"], 128), (profile["avatar_url_large"], 512)):
        assert url.endswith(f"-{size}.webp")
        image, data, _ = fetch_image(raw_client, url)
        assert (image.format, image.size, image.mode) == ("WEBP", (size, size), mode)
        assert not {"exif", "icc_profile", "xmp"} & set(image.info), "no metadata survives"
        assert b"Exif" not in data and b"SpyCam" not in data


def test_exif_orientation_is_applied(client, raw_client, make_user):
    ada = make_user()
    profile = upload(client, ada, images.jpeg_rotated_with_gps()).json
    image, _, _ = fetch_image(raw_client, profile["avatar_url_large"])
    # Shown upright, the red top of the stored picture is on the right.
    red, green, blue = image.getpixel((470, 40))
    assert red > 200 and blue < 60
    red, green, blue = image.getpixel((40, 40))
    assert blue > 200 and red < 60


@pytest.mark.parametrize(
    ("data", "status", "code"),
    [
        (b"just some text, honestly", 422, "avatar_unsupported_type"),
        (images.SVG, 422, "avatar_unsupported_type"),
        (images.truncated_png(), 422, "avatar_corrupt"),
        (images.png_bomb(), 422, "avatar_too_many_pixels"),
        (b"\xff" * (6 * 1024 * 1024), 413, "avatar_too_large"),
        (b"", 422, "avatar_missing"),
    ],
    ids=["text-named-png", "svg", "truncated", "bomb-20000x20000", "6mb", "empty"],
)
def test_refused_uploads_change_nothing(app, client, make_user, data, status, code):
    ada = make_user()
    first = upload(client, ada, images.webp()).json
    files_before = avatar_files(app)

    response = upload(client, ada, data, name="avatar.png")
    assert (response.status_code, response.json) == (status, {"errors": [code]})
    assert avatar_files(app) == files_before, "nothing stored"
    assert client.get("/api/profile", headers=ada["headers"]).json == first, "the previous avatar stays"


def test_bomb_is_refused_before_decoding(monkeypatch, client, make_user):
    def no_decoding(*args, **kwargs):
        raise AssertionError("the bomb was decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    response = upload(client, make_user(), images.png_bomb())
    assert response.json == {"errors": ["avatar_too_many_pixels"]}


def test_a_new_upload_gets_a_new_key_and_the_old_files_go(app, client, make_user):
    ada = make_user()
    first = upload(client, ada, images.webp()).json
    second = upload(client, ada, images.png_with_transparency()).json
    assert first["avatar_url"] != second["avatar_url"]

    def files(profile):
        return {profile["avatar_url"].rsplit("/", 1)[1], profile["avatar_url_large"].rsplit("/", 1)[1]}

    assert files(second) <= avatar_files(app)
    assert not files(first) & avatar_files(app), "the replaced avatar's files are gone"


def test_the_avatar_shows_wherever_the_person_does(client, make_user, post_crud):
    ada, bob = make_user(handle="ada"), make_user()
    crud = post_crud(ada, "look at my avatar")
    avatar = upload(client, ada, images.webp()).json["avatar_url"]
    client.post(f"/api/activities/{crud['uuid']}/reply", json={"message": "me again"}, headers=ada["headers"])
    client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])

    assert client.get("/api/activities/home").json["items"][0]["avatar_url"] == avatar
    assert client.get(f"/api/activities/@ada/status/{crud['uuid']}").json["items"][0]["avatar_url"] == avatar
    assert client.get("/api/activities/search?term=avatar").json["items"][0]["avatar_url"] == avatar
    assert client.get("/api/activities/@ada").json["profile"]["avatar_url"] == avatar
    assert client.get("/api/message_groups", headers=bob["headers"]).json["items"][0]["avatar_url"] == avatar


def test_upload_needs_sign_in_and_a_file(client, make_user):
    assert client.post("/api/profile/avatar").status_code == 401
    response = client.post("/api/profile/avatar", headers=make_user()["headers"])
    assert (response.status_code, response.json) == (422, {"errors": ["avatar_missing"]})


def test_placeholders(raw_client):
    response = raw_client.get("/avatars/placeholder/ada.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert b">A</text>" in response.data
    assert raw_client.get("/avatars/placeholder/..%2Fetc.svg").status_code == 404
    assert raw_client.get("/avatars/../../etc/passwd").status_code == 404
