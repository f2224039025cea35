"""The rules every read shares (blocks, removed cruds, suspensions) hold on
every read route of the contract: the routes are enumerated from
openapi-3.0.yml, so a route added later is checked too, and a route whose
parameters this test cannot fill fails it until it is taught them. The SQL
side of the same rule: read templates reach cruds only through the
visibility functions of migration 0014."""

import itertools
import re

import pytest
import yaml

from conftest import BACKEND_DIR
from contract import SPEC_PATH

# Read routes that show nobody's cruds or people, or show them on purpose:
# each with the reason.
NOT_CONTENT = {
    "/api/health-check": "the stores' state",
    "/.well-known/jwks.json": "public keys",
    "/api/auth/dev/outbox": "sign-up codes, development only",
    "/avatars/placeholder/{handle}.svg": "an image of initials, for any handle",
    "/avatars/{file_name}": "an image behind an unguessable name",
    "/api/profile": "the caller's own",
    "/api/moderation/reports": "moderators read what was reported (test_moderation; 404 to everyone else)",
    "/api/moderation/reports/{report_uuid}": "as above",
    "/api/moderation/log": "as above",
    "/api/stream": "the stream process's; who hears each event follows the same rules (test_stream)",
    "/api/stream/health": "the stream process's state",
}


def read_routes() -> list[str]:
    spec = yaml.safe_load(SPEC_PATH.read_text())
    return [path for path, item in spec["paths"].items() if "get" in item and path not in NOT_CONTENT]


def urls(path: str, values: dict[str, list[str]]) -> list[str]:
    """Every URL of the route with each combination of the values given for its
    parameters (search gets the marker words as its term)."""
    names = re.findall(r"{(\w+)}", path)
    missing = [name for name in names if name not in values]
    assert not missing, f"{path}: no values for {missing}; teach test_visibility.py what to fill in"
    found = []
    for combination in itertools.product(*(values[name] for name in names)):
        url = path
        for name, value in zip(names, combination, strict=True):
            url = url.replace("{" + name + "}", value)
        found.append(url)
    if path == "/api/activities/search":
        return [f"{url}?term={term}" for url in found for term in values["term"]]
    return found


@pytest.fixture
def world(client, make_user, make_moderator, post_crud, sql):
    """Ada blocks Bob after they have had a history; Cy is a third person whose
    crud a moderator removed."""
    ada, bob, cy, moderator = make_user("ada_blocker"), make_user("bob_blocked"), make_user(), make_moderator()
    for who, whom in ((ada, bob), (bob, ada), (ada, cy), (bob, cy), (cy, ada)):
        client.post(f"/api/users/@{whom['handle']}/follow", headers=who["headers"])
    adas = post_crud(ada, "zebraword from ada")
    bobs = post_crud(bob, "bob's own crud")
    cys = post_crud(cy, "cy's crud")
    replies = [
        client.post(
            f"/api/activities/{crud['uuid']}/reply", json={"message": "zebraword reply"}, headers=ada["headers"]
        )
        for crud in (bobs, cys)
    ]
    for crud in (bobs, cys):
        for kind in ("like", "repost"):
            client.post(f"/api/activities/{crud['uuid']}/{kind}", headers=ada["headers"])
    message = client.post(
        "/api/messages", json={"handle": bob["handle"], "message": "zebraword"}, headers=ada["headers"]
    )

    removed = post_crud(cy, "quokkaword removed")
    client.post(f"/api/activities/{removed['uuid']}/like", headers=bob["headers"])
    report = client.post(
        "/api/reports", json={"activity_uuid": removed["uuid"], "reason": "spam"}, headers=bob["headers"]
    )
    action = {"action": "remove", "reason": "spam"}
    client.post(f"/api/moderation/reports/{report.json['uuid']}/actions", json=action, headers=moderator["headers"])

    assert client.post(f"/api/users/@{bob['handle']}/block", headers=ada["headers"]).status_code == 200
    return {
        "people": {"ada": ada, "bob": bob, "cy": cy},
        "values": {
            "handle": [ada["handle"], bob["handle"], cy["handle"]],
            "activity_uuid": [adas["uuid"], bobs["uuid"], cys["uuid"], removed["uuid"]]
            + [reply.json["uuid"] for reply in replies],
            "message_group_uuid": [message.json["message_group_uuid"]],
            "term": ["zebraword", "quokkaword"],
        },
    }


def bodies(client, viewer, world):
    headers = viewer["headers"] if viewer else {}
    for path in read_routes():
        for url in urls(path, world["values"]):
            response = client.get(url, headers=headers)
            assert response.status_code in (200, 404) or (viewer is None and response.status_code == 401), (
                url,
                response.json,
            )
            yield url, response.get_data(as_text=True)


def test_no_read_route_shows_the_blocker_to_the_blocked_person(client, world):
    ada, bob = world["people"]["ada"], world["people"]["bob"]
    checked = 0
    for url, body in bodies(client, bob, world):
        for marker in (ada["handle"], str(ada["uuid"]), "zebraword"):
            assert marker not in body, f"{url} shows the blocked person {marker!r}: {body[:300]}"
        checked += 1
    assert checked > 30


@pytest.mark.parametrize("viewer", ["nobody", "ada", "bob", "cy"])
def test_no_read_route_shows_a_removed_crud_to_anyone(client, world, viewer):
    person = world["people"].get(viewer)
    for url, body in bodies(client, person, world):
        assert "quokkaword" not in body, f"{url} shows a removed crud to {viewer}"


def test_the_blocked_person_still_reads_everyone_else(client, world):
    """The same routes do answer them (the test above would pass on a route that failed)."""
    bob, cy = world["people"]["bob"], world["people"]["cy"]
    page = client.get(f"/api/activities/@{cy['handle']}", headers=bob["headers"])
    assert page.status_code == 200 and "cy's crud" in page.get_data(as_text=True)
    assert "cy's crud" in client.get("/api/activities/home", headers=bob["headers"]).get_data(as_text=True)


# Read templates: SQL with no write in it. Those that name the activities
# table themselves (rather than through visible_activities(), timeline_activities()
# or live_activities()) would skip the rules; the moderators' reads do so on purpose.
SQL_DIR = BACKEND_DIR / "db" / "sql"
WRITES = re.compile(r"\b(INSERT|UPDATE|DELETE)\b")
READS_ACTIVITIES = re.compile(r"\b(FROM|JOIN)\s+activities\b")


def read_templates() -> list[str]:
    return sorted(
        str(path.relative_to(SQL_DIR))
        for path in SQL_DIR.rglob("*.sql")
        if not WRITES.search(path.read_text()) and path.parent.name != "moderation"
    )


def test_read_templates_reach_cruds_only_through_the_visibility_functions():
    templates = read_templates()
    assert "activities/public.sql" in templates and "activities/following.sql" in templates
    for name in templates:
        text = re.sub(r"--[^\n]*", "", (SQL_DIR / name).read_text())
        assert not READS_ACTIVITIES.search(text), f"{name} reads the activities table past the visibility rules"
