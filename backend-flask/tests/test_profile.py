"""The signed-in person's profile: name and bio, shown everywhere at once."""

import pytest


def test_read_and_update_own_profile(client, make_user):
    ada = make_user(handle="ada", display_name="Ada")
    me = client.get("/api/profile", headers=ada["headers"]).json
    assert (me["display_name"], me["bio"]) == ("Ada", "")
    assert me["avatar_url"].endswith("/avatars/placeholder/ada.svg")

    body = {"display_name": "  Countess Lovelace ", "bio": "Notes on the analytical engine."}
    response = client.put("/api/profile", json=body, headers=ada["headers"])
    assert response.status_code == 200
    assert (response.json["display_name"], response.json["bio"]) == ("Countess Lovelace", body["bio"])
    assert client.get("/api/profile", headers=ada["headers"]).json == response.json


@pytest.mark.parametrize(
    ("body", "codes"),
    [
        ({"bio": "x"}, ["display_name_blank"]),
        ({"display_name": " "}, ["display_name_blank"]),
        ({"display_name": "x" * 51}, ["display_name_exceed_max_chars"]),
        ({"display_name": "Ada", "bio": "x" * 161}, ["bio_exceed_max_chars"]),
        ({"display_name": "", "bio": "x" * 161}, ["display_name_blank", "bio_exceed_max_chars"]),
    ],
)
def test_bad_profile_input(client, make_user, sql, body, codes):
    ada = make_user(display_name="Ada")
    response = client.put("/api/profile", json=body, headers=ada["headers"])
    assert (response.status_code, response.json) == (422, {"errors": codes})
    assert sql("SELECT display_name, bio FROM users") == [("Ada", "")]


def test_profile_is_only_for_the_signed_in(client):
    assert client.get("/api/profile").status_code == 401
    assert client.put("/api/profile", json={"display_name": "x"}).status_code == 401


def test_new_name_shows_on_every_route_at_once(client, make_user, post_crud):
    ada, bob = make_user(handle="ada", display_name="Ada"), make_user(handle="bob")
    crud = post_crud(ada, "a crud about engines")
    reply = client.post(
        f"/api/activities/{crud['uuid']}/reply", json={"message": "ada replies"}, headers=ada["headers"]
    )
    client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"])
    bob_crud = post_crud(bob)
    client.post(f"/api/activities/{bob_crud['uuid']}/like", headers=ada["headers"])

    client.put("/api/profile", json={"display_name": "Countess"}, headers=ada["headers"])

    assert client.get("/api/activities/home").json["items"][1]["display_name"] == "Countess"
    profile = client.get("/api/activities/@ada").json
    assert profile["profile"]["display_name"] == "Countess"
    assert profile["items"][0]["display_name"] == "Countess"
    page = client.get(f"/api/activities/@ada/status/{crud['uuid']}").json
    assert page["activity"]["display_name"] == "Countess"
    assert page["items"][0]["uuid"] == reply.json["uuid"]
    assert page["items"][0]["display_name"] == "Countess"
    assert client.get("/api/activities/search?term=engines").json["items"][0]["display_name"] == "Countess"
    assert client.get("/api/users/@ada/short").json["display_name"] == "Countess"
    bob_notes = client.get("/api/activities/notifications", headers=bob["headers"]).json
    assert bob_notes["items"][0]["actor"]["display_name"] == "Countess"
    assert client.get("/api/profile", headers=ada["headers"]).json["display_name"] == "Countess"
