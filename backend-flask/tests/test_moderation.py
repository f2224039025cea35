"""Reports, and the moderators who act on them: held cruds, removal,
suspension, the audit log, and routes that do not exist for anyone else."""

import subprocess
import sys

import pytest
import yaml
from test_safety import block, crud_page, uuids

from conftest import BACKEND_DIR
from contract import SPEC_PATH


def report(client, who, **body):
    return client.post("/api/reports", json={"reason": "harassment", **body}, headers=who["headers"])


def act(client, moderator, report_uuid, action, **body):
    return client.post(
        f"/api/moderation/reports/{report_uuid}/actions",
        json={"action": action, "reason": "seen it", **body},
        headers=moderator["headers"],
    )


def purge(database_url):
    subprocess.run(
        [sys.executable, str(BACKEND_DIR / "db" / "purge_expired.py")],
        env={"CONNECTION_URL": database_url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
    )


def test_one_open_report_per_reporter_and_target(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(bob)
    first = report(client, ada, activity_uuid=crud["uuid"], comment="not nice")
    assert first.status_code == 201 and first.json["reason"] == "harassment"
    again = report(client, ada, activity_uuid=crud["uuid"])
    assert (again.status_code, again.json) == (409, {"errors": ["already_reported"]})
    assert report(client, ada, handle=bob["handle"]).status_code == 201  # the person is another target
    assert report(client, make_user(), activity_uuid=crud["uuid"]).status_code == 201


@pytest.mark.parametrize(
    ("body", "status", "codes"),
    [
        ({"reason": "rude"}, 422, ["reason_invalid"]),
        ({"handle": "x"}, 422, ["reason_blank"]),
        ({"reason": "spam"}, 422, ["target_blank"]),
        ({"reason": "spam", "handle": "x", "comment": "c" * 1001}, 422, ["comment_exceed_max_chars"]),
        ({"reason": "spam", "activity_uuid": "not-a-uuid"}, 404, ["activity_not_found"]),
        ({"reason": "spam", "activity_uuid": "00000000-0000-0000-0000-000000000000"}, 404, ["activity_not_found"]),
        ({"reason": "spam", "handle": "nobody_at_all"}, 404, ["user_not_found"]),
    ],
)
def test_bad_reports(client, make_user, body, status, codes):
    response = client.post("/api/reports", json=body, headers=make_user()["headers"])
    assert (response.status_code, response.json) == (status, {"errors": codes})


def test_nobody_reports_themselves_nor_someone_who_blocked_them(client, make_user, post_crud):
    ada, bob = make_user(), make_user()
    mine = post_crud(ada)
    assert report(client, ada, activity_uuid=mine["uuid"]).json == {"errors": ["cannot_report_self"]}
    block(client, bob, ada)
    assert report(client, ada, handle=bob["handle"]).status_code == 404
    assert report(client, bob, handle=ada["handle"]).status_code == 201  # the blocker can report


def test_reports_are_rate_limited(make_client, make_user, post_crud):
    limited = make_client(report_rate_limit="2/minute")
    ada = make_user()
    statuses = [report(limited, ada, handle=make_user()["handle"]).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]


def test_every_moderation_route_is_404_to_everyone_else(client, make_user, make_moderator):
    spec = yaml.safe_load(SPEC_PATH.read_text())
    routes = [
        (method, path.replace("{report_uuid}", "00000000-0000-0000-0000-000000000000").replace("{handle}", "ada"))
        for path, item in spec["paths"].items()
        if path.startswith("/api/moderation/")
        for method in item
    ]
    assert len(routes) == 5
    member = make_user()
    for method, path in routes:
        for headers in ({}, member["headers"]):
            response = client.open(path, method=method.upper(), json={}, headers=headers)
            assert (response.status_code, response.json) == (404, {"errors": ["not_found"]}), (method, path)
    moderator = make_moderator()
    assert client.get("/api/moderation/reports", headers=moderator["headers"]).status_code == 200
    assert client.get("/api/profile", headers=moderator["headers"]).json["role"] == "moderator"


def test_a_reported_crud_is_held_past_its_expiry_for_moderators_then_purged(
    client, make_user, make_moderator, post_crud, expire, sql, database_url
):
    ada, bob, moderator = make_user(), make_user(), make_moderator()
    crud = post_crud(bob, "nasty words")
    context = client.post(
        f"/api/activities/{crud['uuid']}/reply", json={"message": "a reply"}, headers=ada["headers"]
    ).json
    filed = report(client, ada, activity_uuid=crud["uuid"]).json
    expire(crud["uuid"])
    purge(database_url)

    assert crud_page(client, ada, crud).status_code == 404  # expired for everyone
    queue = client.get("/api/moderation/reports", headers=moderator["headers"]).json["items"]
    assert [(item["uuid"], item["activity"]["state"]) for item in queue] == [(filed["uuid"], "expired")]
    detail = client.get(f"/api/moderation/reports/{filed['uuid']}", headers=moderator["headers"]).json
    assert detail["snapshot"]["activity"]["message"] == "nasty words"
    assert [r["uuid"] for r in detail["snapshot"]["replies"]] == [context["uuid"]]
    assert sql("SELECT count(*) FROM activities") == [(2,)], "the thread is kept"

    assert act(client, moderator, filed["uuid"], "remove").status_code == 200
    purge(database_url)
    assert sql("SELECT count(*) FROM activities") == [(2,)], "kept 30 days after the report is closed"
    [(held_days,)] = sql(
        "SELECT round(extract(epoch FROM held_until - now()) / 86400) FROM activities WHERE held_until IS NOT NULL"
    )
    assert held_days == 30
    sql("UPDATE activities SET held_until = now() - interval '1 second' WHERE held_until IS NOT NULL")
    sql("UPDATE reports SET closed_at = now() - interval '31 days'")
    purge(database_url)
    assert sql("SELECT count(*) FROM activities") == [(0,)]
    after = client.get(f"/api/moderation/reports/{filed['uuid']}", headers=moderator["headers"]).json
    assert after["snapshot"] is None and after["report"]["activity"]["state"] == "deleted"


def test_removing_a_crud_hides_it_from_everyone_and_is_logged(client, make_user, make_moderator, post_crud):
    ada, bob, moderator = make_user(), make_user(), make_moderator()
    crud = post_crud(bob, "removable words")
    filed = [report(client, who, activity_uuid=crud["uuid"]).json for who in (ada, make_user())]

    closed = act(client, moderator, filed[0]["uuid"], "remove")
    assert closed.status_code == 200
    assert (closed.json["resolution"], closed.json["activity"]["state"]) == ("removed", "removed")
    for viewer in (None, ada, bob):
        headers = viewer["headers"] if viewer else {}
        assert crud["uuid"] not in uuids(client.get("/api/activities/public", headers=headers))
        assert crud["uuid"] not in uuids(client.get("/api/activities/search?term=removable", headers=headers))
        assert crud_page(client, viewer, crud).status_code == 404
    # Both reports of the crud are closed by the one action.
    assert client.get("/api/moderation/reports", headers=moderator["headers"]).json["items"] == []
    again = act(client, moderator, filed[1]["uuid"], "dismiss")
    assert (again.status_code, again.json) == (409, {"errors": ["report_closed"]})
    [entry] = client.get("/api/moderation/log", headers=moderator["headers"]).json["items"]
    assert (entry["action"], entry["reason"], entry["moderator"]["handle"], entry["activity_uuid"]) == (
        "remove",
        "seen it",
        moderator["handle"],
        crud["uuid"],
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"action": "ban", "reason": "x"}, "action_invalid"),
        ({"action": "dismiss"}, "reason_blank"),
        ({"action": "dismiss", "reason": "x", "duration": "7-days"}, "duration_invalid"),
        ({"action": "suspend", "reason": "x", "duration": "2-years"}, "duration_invalid"),
        ({"action": "remove", "reason": "x"}, "nothing_to_remove"),
    ],
)
def test_bad_actions(client, make_user, make_moderator, body, code):
    moderator = make_moderator()
    filed = report(client, make_user(), handle=make_user()["handle"]).json
    response = client.post(f"/api/moderation/reports/{filed['uuid']}/actions", json=body, headers=moderator["headers"])
    assert (response.status_code, response.json) == (422, {"errors": [code]})


def test_a_suspended_person_is_refused_everywhere_until_lifted(client, make_user, make_moderator, post_crud):
    ada, bob, moderator = make_user(), make_user(), make_moderator("admin")
    crud = post_crud(bob, "before the suspension")
    filed = report(client, ada, handle=bob["handle"]).json

    assert act(client, moderator, filed["uuid"], "suspend", duration="7-days").json["resolution"] == "suspended"
    refused = client.get("/api/activities/home", headers=bob["headers"])
    assert refused.status_code == 403 and refused.json["errors"] == ["account_suspended"]
    assert refused.json["suspended_until"].endswith("Z")
    assert (
        client.post("/api/activities", json={"message": "hi", "ttl": "1-day"}, headers=bob["headers"]).status_code
        == 403
    )
    assert crud["uuid"] not in uuids(client.get("/api/activities/public"))
    assert client.get(f"/api/activities/@{bob['handle']}").status_code == 404

    lifted = client.delete(
        f"/api/moderation/users/@{bob['handle']}/suspension", json={"reason": "appeal"}, headers=moderator["headers"]
    )
    assert (lifted.status_code, lifted.json) == (200, {"handle": bob["handle"], "suspended_until": None})
    assert client.get("/api/activities/home", headers=bob["headers"]).status_code == 200
    assert crud["uuid"] in uuids(client.get("/api/activities/public"))
    log = client.get("/api/moderation/log", headers=moderator["headers"]).json["items"]
    assert [entry["action"] for entry in log] == ["unsuspend", "suspend"]


def test_a_suspended_local_account_cannot_sign_in(client, make_user, make_moderator, sql):
    body = {"email": "sus@example.com", "handle": "sus", "display_name": "Sus", "password": "Sturdy-Pass-42"}
    assert client.post("/api/auth/signup", json=body).status_code == 201
    [(code,)] = sql("SELECT code FROM dev_outbox WHERE email = 'sus@example.com' ORDER BY id DESC LIMIT 1")
    assert client.post("/api/auth/confirm", json={"email": body["email"], "code": code}).status_code == 200
    sql("UPDATE users SET suspended_until = 'infinity' WHERE handle = 'sus'")
    response = client.post("/api/auth/signin", json={"email": body["email"], "password": body["password"]})
    assert (response.status_code, response.json) == (403, {"errors": ["account_suspended"], "suspended_until": None})


def test_acting_on_no_report_is_404(client, make_moderator):
    response = act(client, make_moderator(), "00000000-0000-0000-0000-000000000000", "dismiss")
    assert (response.status_code, response.json) == (404, {"errors": ["report_not_found"]})
