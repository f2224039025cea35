"""The live stream (stream/, lib/event_bus, services/live_events): its
tickets, who hears each event, replay after a reconnect, and the end of a
stream whose session ends. The stream process runs on a thread (stream_url)."""

import asyncio
import contextlib
import socket
import threading
import time
import urllib.parse

import psycopg
import requests
import uvicorn
from sse import EventStream
from stream import hub
from stream.app import create_stream_app
from stream.hub import QUEUE_LIMIT, Stream
from stream.server import StreamServer
from stream.sse import HEARTBEAT

from lib import event_bus
from lib.db import db
from lib.errors import Unavailable
from services.live_events import purge


def send_message(client, sender, recipient, text="hi there"):
    response = client.post(
        "/api/messages", json={"handle": recipient["handle"], "message": text}, headers=sender["headers"]
    )
    assert response.status_code == 201, response.json
    return response.json


def ticket(client, user) -> str:
    response = client.post("/api/stream/ticket", headers=user["headers"])
    assert response.status_code == 201
    assert response.json["expires_in"] == 30
    return response.json["ticket"]


# Tickets and who may open a stream


def test_a_ticket_opens_one_stream_once(client, make_user, stream_url):
    ada = make_user()
    given = ticket(client, ada)
    stream = EventStream(f"{stream_url}/api/stream?ticket={given}")
    assert stream.status == 200
    assert stream.response.headers["Content-Type"].startswith("text/event-stream")
    assert stream.response.headers["Cache-Control"] == "no-cache"
    assert stream.ready() == []
    stream.close()
    again = EventStream(f"{stream_url}/api/stream?ticket={given}")
    assert (again.status, again.body) == (401, {"errors": ["ticket_invalid"]})


def test_the_web_app_origin_may_open_a_stream_and_no_other(client, make_user, stream_url):
    ada = make_user()
    for origin, allowed in [("http://localhost:3000", "http://localhost:3000"), ("https://evil.example", None)]:
        url = f"{stream_url}/api/stream?ticket={ticket(client, ada)}"
        stream = EventStream(url, {"Origin": origin})
        assert stream.response.headers.get("Access-Control-Allow-Origin") == allowed
        assert stream.response.headers["Vary"] == "Origin"
        stream.close()
    refused = EventStream(f"{stream_url}/api/stream", {"Origin": "http://localhost:3000"})
    assert refused.response.headers.get("Access-Control-Allow-Origin") == "http://localhost:3000", "errors too"


def test_an_expired_or_made_up_ticket_or_none_is_refused(client, make_user, stream_url, sql):
    ada = make_user()
    old = ticket(client, ada)
    sql("UPDATE stream_tickets SET expires_at = now() - interval '1 second'")
    for query, code in [
        (f"ticket={old}", "ticket_invalid"),
        ("ticket=made-up", "ticket_invalid"),
        ("", "ticket_missing"),
    ]:
        refused = EventStream(f"{stream_url}/api/stream?{query}")
        assert (refused.status, refused.body) == (401, {"errors": [code]}), query
    assert client.post("/api/stream/ticket").status_code == 401


def test_a_bearer_token_opens_a_stream_checked_as_the_api_checks_it(client, make_user, stream_url, sql):
    ada = make_user()
    assert EventStream(f"{stream_url}/api/stream", ada["headers"]).status == 200
    forged = EventStream(f"{stream_url}/api/stream", {"Authorization": "Bearer not.a.token"})
    assert (forged.status, forged.body) == (401, {"errors": ["token_malformed"]})
    sql("UPDATE users SET sessions_ended_at = now() + interval '1 second' WHERE uuid = %(u)s", {"u": ada["uuid"]})
    ended = EventStream(f"{stream_url}/api/stream", ada["headers"])
    assert (ended.status, ended.body) == (401, {"errors": ["token_revoked"]})


def test_a_person_may_hold_only_so_many_streams_at_once(make_user, open_stream, stream_url, monkeypatch):
    monkeypatch.setattr(hub, "STREAMS_PER_PERSON", 2)
    ada, bob = make_user(), make_user()
    first, second = open_stream(ada), open_stream(ada)
    assert first.ready() == [] and second.ready() == []
    refused = EventStream(f"{stream_url}/api/stream", ada["headers"])
    assert (refused.status, refused.body) == (429, {"errors": ["too_many_streams"]})
    assert open_stream(bob).ready() == [], "another person's streams are their own"
    first.close()
    deadline = time.monotonic() + 5
    while (again := EventStream(f"{stream_url}/api/stream", ada["headers"])).status == 429:
        assert time.monotonic() < deadline, "a closed stream still counted"
        time.sleep(0.05)
    assert again.status == 200
    again.close()


def test_a_suspended_person_cannot_open_a_stream_and_an_open_one_ends(client, make_user, open_stream, stream_url, sql):
    ada, bob = make_user(), make_user()
    stream = open_stream(ada)
    stream.ready()
    given = ticket(client, bob)
    sql(
        "UPDATE users SET suspended_until = 'infinity' WHERE uuid IN (%(a)s, %(b)s)",
        {"a": ada["uuid"], "b": bob["uuid"]},
    )
    assert stream.ended.wait(3), "the suspended person's stream went on"
    refused = EventStream(f"{stream_url}/api/stream?ticket={given}")
    assert (refused.status, refused.body) == (403, {"errors": ["account_suspended"], "suspended_until": None})


def test_the_ticket_never_reaches_the_logs(client, make_user, stream_url, caplog):
    ada = make_user()
    caplog.set_level("DEBUG")
    given = ticket(client, ada)
    stream = EventStream(f"{stream_url}/api/stream?ticket={given}")
    stream.ready()
    stream.close()
    assert stream.ended.wait(3)
    assert [r for r in caplog.records if r.getMessage() == "stream opened"], "the stream process logs each stream"
    # (urllib3 logs the URL the test itself asked for)
    text = "\n".join(f"{r.getMessage()} {r.__dict__}" for r in caplog.records if not r.name.startswith("urllib3"))
    assert given not in text


# Who hears what


def test_a_message_reaches_both_members_and_nobody_else(client, make_user, open_stream):
    ada, bob, cy = make_user(), make_user(), make_user()
    streams = {name: open_stream(person) for name, person in [("ada", ada), ("bob", bob), ("cy", cy)]}
    for stream in streams.values():
        stream.ready()
    sent = send_message(client, ada, bob, "are you there?")
    for name in ("ada", "bob"):
        event = streams[name].next()
        assert event["event"] == "message"
        assert event["data"] == sent
    assert streams["cy"].quiet() == []


def test_a_notification_carries_the_unread_count(client, make_user, open_stream, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    stream = open_stream(ada)
    stream.ready()
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"]).status_code == 200
    assert stream.next()["data"] == {"unread_count": 1}
    assert client.post(f"/api/users/@{ada['handle']}/follow", headers=bob["headers"]).status_code == 200
    assert stream.next()["data"] == {"unread_count": 2}
    # a like again notifies nobody
    assert client.post(f"/api/activities/{crud['uuid']}/like", headers=bob["headers"]).status_code == 200
    assert stream.quiet() == []
    # the person's other tabs hear that they read them
    assert client.post("/api/activities/notifications/read", headers=ada["headers"]).status_code == 200
    assert stream.next()["data"] == {"unread_count": 0}
    # reading them again changes nothing, and tells nobody
    assert client.post("/api/activities/notifications/read", headers=ada["headers"]).status_code == 200
    assert stream.quiet() == []


def test_a_new_crud_reaches_the_followers_who_see_the_author(client, make_user, open_stream, post_crud):
    author, fan, muter, stranger = make_user(), make_user(), make_user(), make_user()
    for person in (fan, muter):
        assert client.post(f"/api/users/@{author['handle']}/follow", headers=person["headers"]).status_code == 200
    assert (
        client.post(
            f"/api/users/@{author['handle']}/mute", json={"duration": None}, headers=muter["headers"]
        ).status_code
        == 200
    )
    streams = [open_stream(person) for person in (author, fan, muter, stranger)]
    for stream in streams:
        stream.ready()
    crud = post_crud(author)
    author_stream, fan_stream, muter_stream, stranger_stream = streams
    assert fan_stream.next()["data"] == {"uuid": crud["uuid"], "handle": author["handle"]}
    for stream in (author_stream, muter_stream, stranger_stream):
        assert stream.quiet(0.3) == []


def test_a_deleted_crud_is_announced_to_every_stream(client, make_user, open_stream, post_crud):
    ada, bob = make_user(), make_user()
    crud = post_crud(ada)
    streams = [open_stream(ada), open_stream(bob)]
    for stream in streams:
        stream.ready()
    assert client.delete(f"/api/activities/{crud['uuid']}", headers=ada["headers"]).status_code == 204
    for stream in streams:
        assert stream.next() | {"id": 0} == {"id": 0, "event": "delete", "data": {"uuid": crud["uuid"]}}


def test_a_removed_crud_is_announced_and_a_blocked_follower_hears_nothing(
    client, make_user, make_moderator, open_stream, post_crud
):
    author, fan, moderator = make_user(), make_user(), make_moderator()
    assert client.post(f"/api/users/@{author['handle']}/follow", headers=fan["headers"]).status_code == 200
    crud = post_crud(author)
    filed = client.post("/api/reports", json={"activity_uuid": crud["uuid"], "reason": "spam"}, headers=fan["headers"])
    stream = open_stream(fan)
    stream.ready()
    acted = client.post(
        f"/api/moderation/reports/{filed.json['uuid']}/actions",
        json={"action": "remove", "reason": "spam"},
        headers=moderator["headers"],
    )
    assert acted.status_code == 200
    assert stream.next()["data"] == {"uuid": crud["uuid"]}
    assert client.post(f"/api/users/@{fan['handle']}/block", headers=author["headers"]).status_code == 200
    post_crud(author)
    assert stream.quiet() == []


# Replay


def events_of(stream, count):
    return [(e["id"], e["event"], e["data"]) for e in stream.take(count)]


def test_a_reconnect_replays_what_was_missed_in_order_once(client, make_user, open_stream):
    ada, bob = make_user(), make_user()
    first = open_stream(ada)
    first.ready()
    send_message(client, bob, ada, "one")
    seen = events_of(first, 1)
    first.close()
    for text in ("two", "three"):
        send_message(client, bob, ada, text)
    send_message(client, bob, make_user(), "not for ada")
    again = open_stream(ada, after=seen[-1][0])
    missed = [(e["id"], e["data"]["message"]["message"]) for e in again.ready()]
    assert [text for _, text in missed] == ["two", "three"]
    assert [event_id for event_id, _ in missed] == sorted(event_id for event_id, _ in missed)
    assert again.position >= missed[-1][0]
    send_message(client, bob, ada, "four")
    assert [e["data"]["message"]["message"] for e in again.take(1)] == ["four"]
    assert again.quiet(0.3) == []


def test_a_reconnect_from_an_event_no_longer_kept_is_told_to_refetch(client, make_user, open_stream, sql, stream_url):
    ada, bob = make_user(), make_user()
    first = open_stream(ada)
    first.ready()
    send_message(client, bob, ada)
    [seen] = first.take(1)
    sql("UPDATE stream_events SET created_at = now() - interval '10 minutes' WHERE id = %(id)s", {"id": seen["id"]})
    assert purge() >= 1
    again = open_stream(ada, after=seen["id"])
    assert [e["event"] for e in again.ready()] == ["reset"]
    for bad in ("abc", "-1", "9" * 30):
        refused = EventStream(f"{stream_url}/api/stream?ticket={ticket(client, ada)}&last_event_id={bad}")
        assert (refused.status, refused.body) == (422, {"errors": ["last_event_id_invalid"]})


def test_the_last_event_id_header_replays_as_the_parameter_does(client, make_user, open_stream, stream_url):
    ada, bob = make_user(), make_user()
    first = open_stream(ada)
    first.ready()
    send_message(client, bob, ada, "one")
    [seen] = first.take(1)
    send_message(client, bob, ada, "two")
    again = EventStream(f"{stream_url}/api/stream?ticket={ticket(client, ada)}", {"Last-Event-ID": str(seen["id"])})
    assert [e["data"]["message"]["message"] for e in again.ready()] == ["two"]


# The bus under load and faults


def test_events_published_at_once_arrive_in_id_order_with_none_lost(client, make_user, open_stream, post_crud):
    ada = make_user()
    likers = [make_user() for _ in range(6)]
    cruds = [post_crud(ada) for _ in range(5)]
    stream = open_stream(ada)
    stream.ready()

    def like_all(person):
        for crud in cruds:
            assert client.post(f"/api/activities/{crud['uuid']}/like", headers=person["headers"]).status_code == 200

    threads = [threading.Thread(target=like_all, args=(person,)) for person in likers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    got = stream.take(len(likers) * len(cruds))
    ids = [e["id"] for e in got]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)
    assert got[-1]["data"] == {"unread_count": len(likers) * len(cruds)}


def test_the_stream_process_reads_on_after_losing_postgres(client, make_user, open_stream, database_url):
    ada, bob = make_user(), make_user()
    stream = open_stream(ada)
    stream.ready()
    with psycopg.connect(database_url, autocommit=True) as conn:
        ended = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = 'cruddur-stream-listener'"
        ).fetchall()
    assert ended, "found the listening connection"
    for text in ("while", "it", "reconnects"):
        send_message(client, bob, ada, text)
    got = [e["data"]["message"]["message"] for e in stream.take(3, timeout=10)]
    assert got == ["while", "it", "reconnects"]


def test_what_the_stream_process_does_not_serve_is_answered_in_the_api_envelope(stream_url):
    missing = requests.get(f"{stream_url}/api/stream/elsewhere", timeout=5)
    assert (missing.status_code, missing.json()) == (404, {"errors": ["not_found"]})
    wrong = requests.post(f"{stream_url}/api/stream", timeout=5)
    assert (wrong.status_code, wrong.json()) == (405, {"errors": ["method_not_allowed"]})
    assert wrong.headers["Allow"] == "GET"
    wrong = requests.post(f"{stream_url}/api/stream/health", timeout=5)
    assert (wrong.status_code, wrong.json()) == (405, {"errors": ["method_not_allowed"]})


def test_shutting_down_ends_each_open_stream_with_the_end_of_its_answer(make_user, settings_overrides, caplog):
    ada = make_user()
    caplog.set_level("INFO", logger="cruddur.stream")
    app = create_stream_app(settings_overrides, heartbeat_seconds=0.5)
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, loop="uvloop", http="httptools", log_level="warning")
    server = StreamServer(config, app.hub)  # the grace: uvicorn's default, 5 s here too
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "the stream server did not start"
        time.sleep(0.05)
    token = ada["headers"]["Authorization"]
    with socket.create_connection(("127.0.0.1", config.port), timeout=10) as client:
        client.sendall(f"GET /api/stream HTTP/1.1\r\nHost: cruddur\r\nAuthorization: {token}\r\n\r\n".encode())
        received = client.recv(4096)
        assert received.startswith(b"HTTP/1.1 200 ")
        started = time.monotonic()
        server.should_exit = True
        while chunk := client.recv(4096):
            received += chunk
            assert time.monotonic() - started < 3, "the stream went on through the shutdown"
    assert received.endswith(b"\r\n0\r\n\r\n"), "the stream was cut, not ended"
    thread.join(10)
    closed = [r for r in caplog.records if r.getMessage() == "stream closed" and r.user_uuid == str(ada["uuid"])]
    assert [r.reason for r in closed] == ["shutting_down"]


def test_the_health_check_says_whether_it_listens(stream_url):
    response = requests.get(f"{stream_url}/api/stream/health", timeout=3)
    assert (response.status_code, response.json()) == (200, {"postgres": "up"})


def test_heartbeats_keep_an_idle_stream_open(make_user, open_stream):
    stream = open_stream(make_user())
    stream.ready()
    time.sleep(1.2)
    # a comment for the proxies, and an event (without an id) for the browser
    assert "heartbeat" in stream.comments and stream.heartbeats >= 1


def test_an_event_that_cannot_be_published_is_tried_again_in_order(client, make_user, open_stream, monkeypatch):
    ada, bob = make_user(), make_user()
    stream = open_stream(ada)
    stream.ready()
    answers = db.query_value
    failures = iter([True, True, True])  # PostgreSQL restarting, as far as publishing goes

    def flaky(name, params=None, conn=None):
        if name == "stream/publish" and next(failures, False):
            raise Unavailable("postgres_unavailable")
        return answers(name, params, conn)

    monkeypatch.setattr(db, "query_value", flaky)
    for text in ("first", "second"):
        send_message(client, bob, ada, text)  # answered 201 all the same
    assert [e["data"]["message"]["message"] for e in stream.take(2)] == ["first", "second"]


class FakeSocket:
    """What a stream writes to (stream/chunked_socket): each chunk, with
    room for so many before the client counts as behind."""

    def __init__(self, room: int, fails: bool = False):
        self.chunks: list[bytes] = []
        self.room = room
        self.fails = fails

    def write(self, data: bytes) -> bool:
        if self.fails:
            raise ConnectionResetError("the stream's connection is closing")
        self.chunks.append(data)
        return len(self.chunks) <= self.room


def test_a_stream_writes_what_waited_as_one_chunk_then_each_event_skipping_what_it_replayed():
    async def scenario():
        stream = Stream("person", "sub", 0, 0)
        for event_id in (1, 2, 3):
            stream.offer(event_id, f"event {event_id}\n\n".encode())
        stream.offer(None, HEARTBEAT)
        stream.sent = 2  # the replay went up to event 2
        socket = FakeSocket(room=2)
        stream.attach(socket)
        assert socket.chunks == [b"event 3\n\n" + HEARTBEAT]
        stream.offer(3, b"event 3 again")
        stream.offer(4, b"event 4")
        assert socket.chunks[1:] == [b"event 4"] and stream.sent == 4
        stream.offer(5, b"event 5")  # past the room
        assert stream.ended == "too_slow"
        stream.offer(6, b"event 6")
        assert len(socket.chunks) == 3
        await asyncio.wait_for(stream.wait_until_ended(), 1)

        broken = Stream("person", "sub", 0, 0)
        broken.attach(FakeSocket(room=0, fails=True))
        broken.offer(1, b"event 1")
        assert broken.ended == "client_left", "a connection that fails ends its stream, not the hub's handing out"

        waiting = Stream("person", "sub", 0, 0)
        for event_id in range(1, QUEUE_LIMIT + 2):
            waiting.offer(event_id, b"x")
        assert waiting.ended == "too_slow", "too much waited before the stream's head was sent"

    asyncio.run(scenario())


def test_a_replay_larger_than_the_socket_buffers_is_sent_whole_to_a_client_slow_to_start_reading(
    make_user, stream_url, caplog
):
    ada = make_user()
    caplog.set_level("INFO", logger="cruddur.stream")
    seen = event_bus.publish("message", {"marker": True}, recipients=[ada["uuid"]])
    pad = "x" * 16_000  # 6.4 MB in all: past the kernel's buffers (4 MB here) and the process's 64 KB
    missed = [event_bus.publish("message", {"n": n, "pad": pad}, recipients=[ada["uuid"]]) for n in range(400)]
    address = urllib.parse.urlsplit(stream_url)
    reader = socket.socket()
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    reader.settimeout(5)
    reader.connect((address.hostname, address.port))
    token = ada["headers"]["Authorization"]
    path = f"/api/stream?last_event_id={seen}"
    reader.sendall(f"GET {path} HTTP/1.1\r\nHost: cruddur\r\nAuthorization: {token}\r\n\r\n".encode())
    time.sleep(1.5)  # three heartbeats (every 0.5 s here) before the client reads anything
    received = b""
    deadline = time.monotonic() + 10
    while b"event: ready" not in received:
        assert time.monotonic() < deadline, "the replay did not come whole"
        chunk = reader.recv(65536)
        assert chunk, "the stream was cut off during its replay"
        received += chunk
    reader.close()
    assert all(f"id: {event_id}\n".encode() in received for event_id in missed)
    assert not [r for r in caplog.records if r.getMessage() == "stream closed" and r.reason == "too_slow"]


def test_a_stream_whose_client_pipelined_a_request_and_left_is_let_go(make_user, stream_url, caplog):
    # uvicorn hands a pipelined request a cycle of its own, so the stream's
    # answer never hears that the client left: its next write must tell.
    ada = make_user()
    caplog.set_level("INFO", logger="cruddur.stream")
    address = urllib.parse.urlsplit(stream_url)
    token = ada["headers"]["Authorization"]
    request = f"GET /api/stream HTTP/1.1\r\nHost: cruddur\r\nAuthorization: {token}\r\n\r\n".encode()
    with socket.create_connection((address.hostname, address.port), timeout=5) as client:
        client.sendall(request + b"GET /api/stream/health HTTP/1.1\r\nHost: cruddur\r\n\r\n")
        assert client.recv(1024).startswith(b"HTTP/1.1 200 ")
    deadline = time.monotonic() + 5  # heartbeats every 0.5 s here
    while not [r for r in caplog.records if r.getMessage() == "stream closed" and r.user_uuid == str(ada["uuid"])]:
        assert time.monotonic() < deadline, "the stream of a client gone was kept"
        time.sleep(0.05)


def test_a_client_that_stops_reading_is_cut_off_and_its_stream_let_go(make_user, stream_url, caplog):
    ada = make_user()
    caplog.set_level("INFO", logger="cruddur.stream")
    address = urllib.parse.urlsplit(stream_url)
    reader = socket.socket()
    reader.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connecting: a small window
    reader.settimeout(5)
    reader.connect((address.hostname, address.port))
    token = ada["headers"]["Authorization"]
    reader.sendall(f"GET /api/stream HTTP/1.1\r\nHost: cruddur\r\nAuthorization: {token}\r\n\r\n".encode())
    assert reader.recv(1024).startswith(b"HTTP/1.1 200 ")

    def cut_off() -> list:
        return [r for r in caplog.records if r.getMessage() == "stream closed" and r.reason == "too_slow"]

    pad = "x" * 16_000  # past the kernel's socket buffers (4 MB here) within a few hundred events
    for n in range(2_000):
        event_bus.publish("message", {"n": n, "pad": pad}, recipients=[ada["uuid"]])
        if n % 50 == 0 and cut_off():
            break
    deadline = time.monotonic() + 5
    while not cut_off():
        assert time.monotonic() < deadline, "a stream nobody reads was kept"
        time.sleep(0.05)
    assert cut_off()[0].user_uuid == str(ada["uuid"])
    # Dropped: what the kernel had taken is read out, then the connection ends.
    with contextlib.suppress(ConnectionResetError):
        while reader.recv(65536):
            pass
    reader.close()
