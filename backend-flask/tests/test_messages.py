"""Direct messages on DynamoDB Local: who may read, paging, ordering, races, atomicity."""

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest

from lib.ddb import ddb
from lib.message_store import SendConflict, group_uuid_for, message_store


def send(client, sender, **body):
    return client.post("/api/messages", json=body, headers=sender["headers"])


def items_in_table(pk: str) -> list[dict]:
    response = ddb.client.query(
        TableName=ddb.table,
        KeyConditionExpression="pk = :pk",
        ExpressionAttributeValues={":pk": {"S": pk}},
        ConsistentRead=True,
    )
    return response["Items"]


def test_two_people_converse(client, make_user):
    ada, bob = make_user(handle="ada", display_name="Ada"), make_user(handle="bob", display_name="Bob")
    first = send(client, ada, handle="BOB", message="  Hello Bob  ")
    assert first.status_code == 201
    group = first.json["message_group_uuid"]
    assert first.json["message"]["message"] == "Hello Bob"
    assert first.json["message"]["handle"] == "ada"

    reply = send(client, bob, message_group_uuid=group, message="Hi Ada")
    assert (reply.status_code, reply.json["message_group_uuid"]) == (201, group)
    again = send(client, ada, handle="bob", message="Still there?")
    assert again.json["message_group_uuid"] == group, "writing to someone you talk with joins that conversation"

    ada_groups = client.get("/api/message_groups", headers=ada["headers"]).json
    assert [(g["handle"], g["message"]) for g in ada_groups["items"]] == [("bob", "Still there?")]
    bob_groups = client.get("/api/message_groups", headers=bob["headers"]).json
    assert [(g["handle"], g["display_name"]) for g in bob_groups["items"]] == [("ada", "Ada")]

    conversation = client.get(f"/api/messages/{group}", headers=bob["headers"]).json
    assert conversation["other"]["handle"] == "ada"
    assert [(m["handle"], m["message"]) for m in conversation["items"]] == [
        ("ada", "Hello Bob"),
        ("bob", "Hi Ada"),
        ("ada", "Still there?"),
    ]
    assert all(m["created_at"].endswith("Z") for m in conversation["items"])


def test_a_third_person_cannot_read_or_write(client, make_user):
    ada, bob, eve = make_user(), make_user(), make_user()
    group = send(client, ada, handle=bob["handle"], message="private").json["message_group_uuid"]
    read = client.get(f"/api/messages/{group}", headers=eve["headers"])
    assert (read.status_code, read.json) == (404, {"errors": ["message_group_not_found"]})
    write = send(client, eve, message_group_uuid=group, message="let me in")
    assert (write.status_code, write.json) == (404, {"errors": ["message_group_not_found"]})
    assert client.get("/api/message_groups", headers=eve["headers"]).json["items"] == []
    assert len(items_in_table(f"MSG#{group}")) == 1


def test_forty_five_messages_page_backwards_without_gap_or_repeat(client, make_user):
    ada, bob = make_user(), make_user()
    group = None
    for i in range(45):
        response = send(client, ada, handle=bob["handle"], message=f"message {i}")
        group = response.json["message_group_uuid"]

    pages, cursor = [], None
    while True:
        query = "?limit=20" + (f"&cursor={cursor}" if cursor else "")
        body = client.get(f"/api/messages/{group}{query}", headers=bob["headers"]).json
        pages.append([m["message"] for m in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None or not body["items"]:
            break
    assert pages[0] == [f"message {i}" for i in range(25, 45)], "the newest page first, oldest to newest within it"
    assert pages[1] == [f"message {i}" for i in range(5, 25)]
    assert pages[2] == [f"message {i}" for i in range(5)]
    everything = [m for page in pages for m in page]
    assert sorted(everything, key=lambda m: int(m.split()[1])) == [f"message {i}" for i in range(45)]
    assert len(everything) == len(set(everything)) == 45


def test_a_conversation_from_last_year_is_still_listed_in_place(client, make_user):
    ada, bob, cy, dee = make_user(), make_user(), make_user(), make_user()
    last_year = (datetime.now(UTC) - timedelta(days=400)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    a_month_ago = (datetime.now(UTC) - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    message_store.send(ada["uuid"], bob["uuid"], "from last year", created_at=last_year)
    message_store.send(ada["uuid"], cy["uuid"], "a month ago", created_at=a_month_ago)
    send(client, ada, handle=dee["handle"], message="today")
    groups = client.get("/api/message_groups", headers=ada["headers"]).json["items"]
    assert [g["message"] for g in groups] == ["today", "a month ago", "from last year"]
    first_page = client.get("/api/message_groups?limit=2", headers=ada["headers"]).json
    rest = client.get(f"/api/message_groups?limit=2&cursor={first_page['next_cursor']}", headers=ada["headers"]).json
    assert [g["message"] for g in rest["items"]] == ["from last year"]


def test_ten_racing_first_messages_make_one_conversation(app, make_user):
    ada, bob = make_user(), make_user()

    def write(i):
        return app.test_client().post(
            "/api/messages", json={"handle": bob["handle"], "message": f"race {i}"}, headers=ada["headers"]
        )

    with ThreadPoolExecutor(max_workers=10) as pool:
        responses = list(pool.map(write, range(10)))
    assert [r.status_code for r in responses] == [201] * 10
    groups = {r.json["message_group_uuid"] for r in responses}
    assert groups == {group_uuid_for(ada["uuid"], bob["uuid"])}
    [group] = groups
    assert sorted(item["message"]["S"] for item in items_in_table(f"MSG#{group}")) == sorted(
        f"race {i}" for i in range(10)
    )
    for member in (ada, bob):
        assert len(items_in_table(f"GRP#{member['uuid']}")) == 1, "one summary per member"


def test_a_failed_transaction_writes_nothing(make_user):
    ada, bob = make_user(), make_user()
    message_store.send(ada["uuid"], bob["uuid"], "first")
    group = group_uuid_for(ada["uuid"], bob["uuid"])
    stale = message_store.group(group) | {"summary_sk": "1999-01-01T00:00:00.000000Z#stale"}
    before = {pk: items_in_table(pk) for pk in (f"MSG#{group}", f"GRP#{ada['uuid']}", f"GRP#{bob['uuid']}")}

    with pytest.raises(SendConflict):
        message_store._send_once(group, stale, ada["uuid"], bob["uuid"], "never", "2030-01-01T00:00:00.000000Z")
    after = {pk: items_in_table(pk) for pk in before}
    assert after == before


@pytest.mark.parametrize(
    ("body", "status", "codes"),
    [
        ({"handle": "x"}, 422, ["message_blank"]),
        ({"handle": "x", "message": "  "}, 422, ["message_blank"]),
        ({"handle": "x", "message": "y" * 1025}, 422, ["message_exceed_max_chars"]),
        ({"message": "hi"}, 422, ["recipient_blank"]),
        ({"handle": "nobody_here", "message": "hi"}, 404, ["user_not_found"]),
        ({"message_group_uuid": "not-a-uuid", "message": "hi"}, 404, ["message_group_not_found"]),
        (
            {"message_group_uuid": "3f1f9c44-6f2b-4f7e-9d55-0d7c1a6a0c11", "message": "hi"},
            404,
            ["message_group_not_found"],
        ),
    ],
)
def test_bad_messages(client, make_user, body, status, codes):
    response = send(client, make_user(), **body)
    assert (response.status_code, response.json) == (status, {"errors": codes})


def test_cannot_message_yourself(client, make_user):
    ada = make_user(handle="ada")
    response = send(client, ada, handle="ADA", message="me")
    assert (response.status_code, response.json) == (422, {"errors": ["cannot_message_self"]})


def test_messages_need_sign_in(client):
    assert client.get("/api/message_groups").status_code == 401
    assert client.get("/api/messages/3f1f9c44-6f2b-4f7e-9d55-0d7c1a6a0c11").status_code == 401
    assert client.post("/api/messages", json={"handle": "x", "message": "y"}).status_code == 401


def test_a_new_display_name_shows_in_conversations(client, make_user):
    ada, bob = make_user(handle="ada", display_name="Ada"), make_user()
    group = send(client, ada, handle=bob["handle"], message="hi").json["message_group_uuid"]
    client.put("/api/profile", json={"display_name": "Countess"}, headers=ada["headers"])
    assert client.get("/api/message_groups", headers=bob["headers"]).json["items"][0]["display_name"] == "Countess"
    conversation = client.get(f"/api/messages/{group}", headers=bob["headers"]).json
    assert conversation["other"]["display_name"] == "Countess"
    assert conversation["items"][0]["display_name"] == "Countess"


def test_the_store_knows_people_by_uuid_only(client, make_user):
    ada, bob = make_user(), make_user()
    group = send(client, ada, handle=bob["handle"], message="hi").json["message_group_uuid"]
    stored = (
        items_in_table(f"MSG#{group}") + items_in_table(f"GRP#{ada['uuid']}") + items_in_table(f"GRP#{bob['uuid']}")
    )
    assert len(stored) == 3
    assert all(not {"handle", "display_name"} & item.keys() for item in stored)


def test_a_conversation_with_someone_no_longer_here_is_not_shown(client, make_user, sql):
    ada, bob, cy = make_user(), make_user(), make_user()
    gone = send(client, ada, handle=bob["handle"], message="to bob").json["message_group_uuid"]
    send(client, ada, handle=cy["handle"], message="to cy")
    sql("DELETE FROM users WHERE uuid = %(uuid)s", {"uuid": bob["uuid"]})
    groups = client.get("/api/message_groups", headers=ada["headers"]).json["items"]
    assert [g["handle"] for g in groups] == [cy["handle"]]
    for response in (
        client.get(f"/api/messages/{gone}", headers=ada["headers"]),
        send(client, ada, message_group_uuid=gone, message="still there?"),
    ):
        assert (response.status_code, response.json) == (404, {"errors": ["message_group_not_found"]})
    assert [m["message"]["S"] for m in items_in_table(f"MSG#{gone}")] == ["to bob"]


def test_dynamodb_down_is_503_for_messages_only(client, make_user, post_crud, dynamodb_down):
    ada = make_user()
    response = client.get("/api/message_groups", headers=ada["headers"])
    assert (response.status_code, response.json) == (503, {"errors": ["dynamodb_unavailable"]})
    assert send(client, ada, handle=make_user()["handle"], message="hi").status_code == 503
    post_crud(ada)
    assert client.get("/api/activities/home").status_code == 200


def test_bad_message_cursor_is_400(client, make_user):
    ada = make_user()
    response = client.get("/api/message_groups?cursor=eyJwayI6IkdSUCN4Iiwic2siOiJ5In0", headers=ada["headers"])
    assert (response.status_code, response.json) == (400, {"errors": ["cursor_invalid"]})


@pytest.fixture
def dynamodb_calls(monkeypatch):
    """The DynamoDB operations the API makes, as they go."""
    made = []
    calls = ddb.calls

    def counting(operation):
        made.append(operation)
        return calls(operation)

    monkeypatch.setattr(ddb, "calls", counting)
    return made


def test_a_conversation_that_shows_both_members_is_read_in_one_query(client, make_user, dynamodb_calls):
    ada, bob, eve = make_user(), make_user(), make_user()
    first = client.post("/api/messages", json={"handle": bob["handle"], "message": "hi"}, headers=ada["headers"])
    group = first.json["message_group_uuid"]
    path = f"/api/messages/{group}"
    # Only ada's own message: the page proves nothing, so the group is read.
    dynamodb_calls.clear()
    assert client.get(path, headers=ada["headers"]).json["other"]["handle"] == bob["handle"]
    assert dynamodb_calls == ["Query", "GetItem"]
    client.post("/api/messages", json={"message_group_uuid": group, "message": "hello"}, headers=bob["headers"])
    for person, other in ((ada, bob), (bob, ada)):
        dynamodb_calls.clear()
        body = client.get(path, headers=person["headers"]).json
        assert (body["other"]["handle"], [m["message"] for m in body["items"]]) == (other["handle"], ["hi", "hello"])
        assert dynamodb_calls == ["Query"]
    # Someone else sees two senders, neither of whom makes this conversation with them.
    response = client.get(path, headers=eve["headers"])
    assert (response.status_code, response.json) == (404, {"errors": ["message_group_not_found"]})
