"""Inputs that bin/fuzz (schemathesis against openapi-3.0.yml) found to make
the API answer 500, each kept here once fixed: bad input is a 4xx."""

import pytest
import yaml

from contract import SPEC_PATH


@pytest.mark.parametrize("limit", ["²", "٣", "9" * 5000])
@pytest.mark.parametrize("path", ["/api/activities/home", "/api/message_groups"])
def test_a_limit_that_is_not_plain_digits_is_a_400(client, make_user, path, limit):
    # "²".isdigit() is True and int("²") raises; so does int() of 5,000 digits.
    ada = make_user()
    response = client.get(path, query_string={"limit": limit}, headers=ada["headers"])
    assert (response.status_code, response.json) == (400, {"errors": ["limit_invalid"]})


NUL = "a\x00b"


@pytest.mark.parametrize(
    ("method", "path", "body", "code"),
    [
        ("post", "/api/activities", {"message": NUL, "ttl": "1-day"}, "message_invalid"),
        ("post", "/api/activities/{crud}/reply", {"message": NUL}, "message_invalid"),
        ("put", "/api/profile", {"display_name": NUL}, "display_name_invalid"),
        ("put", "/api/profile", {"display_name": "Ada", "bio": NUL}, "bio_invalid"),
        ("post", "/api/messages", {"handle": NUL, "message": "hello"}, "handle_invalid"),
        ("post", "/api/messages", {"handle": "{handle}", "message": NUL}, "message_invalid"),
        (
            "post",
            "/api/auth/signup",
            {"email": "nul@example.com", "handle": "nul_user", "display_name": NUL, "password": "Secret-pass1"},
            "display_name_invalid",
        ),
        ("post", "/api/auth/signin", {"email": f"{NUL}@example.com", "password": "Secret-pass1"}, "email_invalid"),
        ("post", "/api/auth/confirm", {"email": f"{NUL}@example.com", "code": "123456"}, "email_invalid"),
        ("post", "/api/auth/resend-code", {"email": f"{NUL}@example.com"}, "email_invalid"),
        ("post", "/api/auth/forgot-password", {"email": f"{NUL}@example.com"}, "email_invalid"),
        (
            "post",
            "/api/auth/reset-password",
            {"email": f"{NUL}@example.com", "code": "123456", "password": "Secret-pass1"},
            "email_invalid",
        ),
    ],
)
def test_a_nul_character_in_a_body_is_a_422(client, make_user, post_crud, method, path, body, code):
    # PostgreSQL text cannot hold NUL: psycopg refused it and the API answered 500.
    ada, bob = make_user(), make_user()
    path = path.format(crud=post_crud(bob)["uuid"])
    body = {name: value.format(handle=bob["handle"]) for name, value in body.items()}
    response = getattr(client, method)(path, json=body, headers=ada["headers"])
    assert (response.status_code, response.json) == (422, {"errors": [code]})


def test_a_nul_character_in_a_search_is_a_422(client):
    response = client.get("/api/activities/search", query_string={"term": NUL})
    assert (response.status_code, response.json) == (422, {"errors": ["term_invalid"]})


def handle_reads() -> list[str]:
    """Every GET of the contract whose path names a person by handle."""
    spec = yaml.safe_load(SPEC_PATH.read_text())
    return sorted(path for path, item in spec["paths"].items() if "{handle}" in path and "get" in item)


@pytest.mark.parametrize("path", handle_reads())
@pytest.mark.parametrize("suffix", ["%00", "%2e", "-x", "x" * 28])
def test_a_path_that_cannot_name_a_handle_is_no_route(raw_client, make_user, post_crud, path, suffix):
    """The handle converter takes what a handle can be, NUL (which PostgreSQL
    text cannot hold) and over-long ones never reach the database."""
    ada = make_user()
    crud = post_crud(ada)["uuid"]
    assert raw_client.get(path.format(handle=ada["handle"], activity_uuid=crud)).status_code == 200
    response = raw_client.get(path.format(handle=f"{ada['handle']}{suffix}", activity_uuid=crud))
    assert (response.status_code, response.json) == (404, {"errors": ["not_found"]})
