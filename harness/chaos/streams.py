"""bin/chaos's live stream scenarios: streams open for a few demo people
(harness/sse, on an asyncio loop of their own thread, reconnecting from the
last id seen as the web app does) while messages go between them, through
PostgreSQL restarted (restart-stream-postgres) and the stream process killed
and started again (kill-stream). Afterwards every stream must hold every
message whose POST answered 201 to one of its person's conversations,
exactly once, in id order."""

from __future__ import annotations

import asyncio
import http.client
import itertools
import json
import os
import signal
import subprocess
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import psycopg

from harness import wait_until
from harness.sse import Event, Stream, data_uuid

# Demo people (db/seed.sql) the chaos load leaves alone: andrew writes to bayko.
PEOPLE = ("londo", "mira", "tomas", "priya")
STREAMS_EACH = 5
PAIRS = ((0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2))
MESSAGE_RATE = 5.0  # messages a second, over all pairs
READY_WITHIN = 15.0
CATCH_UP_WITHIN = 10.0  # after the messages stop, for every stream to hold them all
RECONNECT_WITHIN = 5.0  # of the stream process answering its health check again


@dataclass
class Sent:
    members: tuple[int, int]
    started: float
    ended: float
    status: int | None
    uuid: str | None = None
    group: str | None = None


class Watch:
    """PEOPLE signed in, STREAMS_EACH streams each, and a sender of messages
    between them; what each stream received, stamped on arrival."""

    def __init__(self, api, stream_url: str, password: str):
        self.api = api
        parts = urllib.parse.urlsplit(stream_url)
        self.host, self.port = parts.hostname, parts.port
        self.tokens = []
        for handle in PEOPLE:
            status, body, failure = api.call(
                "POST", "/api/auth/signin", {"email": f"{handle}@example.com", "password": password}
            )
            if status != 200:
                raise SystemExit(f"error: signing in as {handle} failed: {status or failure} {body[:200]!r}")
            self.tokens.append(json.loads(body)["access_token"])
        self.received: list[list[Event]] = []
        self.streams: list[Stream] = []
        self.sent: list[Sent] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="streams", daemon=True).start()
        self.tasks = []
        self.sender: threading.Thread | None = None

    # --- streams --------------------------------------------------------

    def open(self) -> bool:
        """Opens every stream and waits until each has said `ready`."""
        for index, token in enumerate(self.tokens):
            for _ in range(STREAMS_EACH):
                events: list[Event] = []
                self.received.append(events)
                stream = Stream(
                    self.host, self.port, token, lambda _s, e, box=events: box.append(e), key=index, reconnect=True
                )
                self.streams.append(stream)

        async def start():
            for stream in self.streams:
                stream.ready = asyncio.Event()
                self.tasks.append(asyncio.create_task(stream.run()))
            await asyncio.wait_for(asyncio.gather(*(s.ready.wait() for s in self.streams)), READY_WITHIN)

        try:
            asyncio.run_coroutine_threadsafe(start(), self.loop).result(READY_WITHIN + 5)
            return True
        except TimeoutError:
            return False

    def close(self):
        async def stop():
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)

    def ends(self) -> int:
        return sum(s.ends for s in self.streams)

    def failures(self) -> Counter:
        return sum((s.failures for s in self.streams), Counter())

    # --- messages -------------------------------------------------------

    def send(self, number: int, members: tuple[int, int]) -> Sent:
        sender, recipient = members
        parts = {"handle": PEOPLE[recipient], "message": f"chaos stream #{number}"}
        started = time.monotonic()
        conn = http.client.HTTPConnection(self.api.host, self.api.port, timeout=15)
        try:
            headers = {"Authorization": f"Bearer {self.tokens[sender]}", "Content-Type": "application/json"}
            conn.request("POST", "/api/messages", json.dumps(parts), headers)
            response = conn.getresponse()
            body = response.read()
            sent = Sent(members, started, time.monotonic(), response.status)
            if response.status == 201:
                answer = json.loads(body)
                sent.uuid, sent.group = answer["message"]["uuid"], answer["message_group_uuid"]
            return sent
        except (OSError, http.client.HTTPException):
            return Sent(members, started, time.monotonic(), None)
        finally:
            conn.close()

    def start_sending(self, deadline: float):
        def run():
            next_at = time.monotonic()
            for number in itertools.count(1):
                if self.stopping.is_set() or time.monotonic() >= deadline:
                    return
                sent = self.send(number, PAIRS[number % len(PAIRS)])
                with self.lock:
                    self.sent.append(sent)
                next_at = max(next_at + 1 / MESSAGE_RATE, time.monotonic() - 1 / MESSAGE_RATE)
                self.stopping.wait(max(0.0, next_at - time.monotonic()))

        self.sender = threading.Thread(target=run, name="messages", daemon=True)
        self.sender.start()

    def stop_sending(self):
        self.stopping.set()
        if self.sender:
            self.sender.join(20)

    def answered(self) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if s.status == 201]

    def sent_between(self, start: float, end: float) -> list[Sent]:
        with self.lock:
            return [s for s in self.sent if start <= s.started < end]

    # --- what arrived ---------------------------------------------------

    def messages(self, index: int) -> list[Event]:
        return [e for e in list(self.received[index]) if e.kind == "message"]

    def expected(self, index: int) -> set[str]:
        person = self.streams[index].key
        return {s.uuid for s in self.answered() if person in s.members}

    def caught_up(self) -> bool:
        return all(self.expected(i) <= {data_uuid(e) for e in self.messages(i)} for i in range(len(self.streams)))

    def delivered_at(self, sent: Sent) -> float | None:
        """When the last of its members' streams had the message (None: one has not)."""
        times = []
        for index, stream in enumerate(self.streams):
            if stream.key in sent.members:
                arrivals = [e.at for e in self.messages(index) if data_uuid(e) == sent.uuid]
                if not arrivals:
                    return None
                times.append(arrivals[0])
        return max(times)


def published(uuids: set[str]) -> set[str]:
    """Of these messages, those whose event is in the replay log (stream_events)."""
    with psycopg.connect(os.environ["CONNECTION_URL"], connect_timeout=10) as conn:
        rows = conn.execute(
            "SELECT data->'message'->>'uuid' FROM stream_events WHERE kind = 'message'"
            " AND data->'message'->>'uuid' = ANY(%s)",
            [sorted(uuids)],
        ).fetchall()
    return {row[0] for row in rows}


def check_delivery(watch: Watch, verdict):
    """Every stream: each message answered 201 to its person's conversations
    once, in id order; a reset (its last id no longer kept) fails too. A
    message missing is looked for in the replay log, to tell an event the
    API never published from one the stream process did not deliver."""
    watch.stop_sending()
    caught = wait_until(watch.caught_up, CATCH_UP_WITHIN)
    answered = watch.answered()
    missing = duplicates = disordered = resets = 0
    absent: set[str] = set()
    for index in range(len(watch.streams)):
        events = watch.messages(index)
        ids = [e.id for e in events]
        got = Counter(data_uuid(e) for e in events)
        absent |= watch.expected(index) - set(got)
        missing += len(watch.expected(index) - set(got))
        duplicates += sum(n - 1 for n in got.values() if n > 1)
        disordered += sum(1 for a, b in itertools.pairwise(ids) if b <= a)
        resets += sum(1 for e in watch.received[index] if e.kind == "reset")
    with watch.lock:
        statuses = Counter(str(s.status or "no answer") for s in watch.sent)
    verdict.note(
        f"messages sent: {len(watch.sent)} ({', '.join(f'{n}x {k}' for k, n in statuses.most_common())}); "
        f"{len(watch.streams)} streams of {len(PEOPLE)} people expected "
        f"{sum(len(watch.expected(i)) for i in range(len(watch.streams)))} message events"
    )
    verdict.note(
        f"per stream: missing {missing}, duplicated {duplicates}, out of id order {disordered}, resets {resets}; "
        f"streams ended {watch.ends()} times, attempts that opened nothing: "
        f"{', '.join(f'{n}x {k}' for k, n in watch.failures().most_common()) or 'none'}"
    )
    if not answered:
        verdict.fail("no message was answered 201")
    if not caught or missing:
        unpublished = absent - published(absent)
        verdict.fail(
            f"{missing} message events answered 201 never reached a stream of their members: {len(absent)} "
            f"messages, {len(unpublished)} of them answered 201 but not in stream_events (the API never published "
            f"their event), e.g. {sorted(absent)[:2]}"
        )
    if duplicates:
        verdict.fail(f"{duplicates} message events reached a stream more than once")
    if disordered:
        verdict.fail(f"{disordered} message events arrived out of id order")
    if resets:
        verdict.fail(f"{resets} streams were told to refetch (reset): their last event was not kept")


def stream_health(port: int) -> int | None:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        conn.request("GET", "/api/stream/health")
        status = conn.getresponse().status
        conn.close()
        return status
    except (OSError, http.client.HTTPException):
        return None


def first_after(watch: Watch, moment: float) -> str:
    """When the first message answered 201 after `moment` was answered, and
    when it had reached every stream of its members, both after `moment`."""
    later = [s for s in watch.answered() if s.started >= moment]
    if not later:
        return "no message answered 201 after it"
    first = min(later, key=lambda s: s.ended)
    delivered = watch.delivered_at(first)
    reached = f"{delivered - moment:.2f}s" if delivered else "never"
    return f"first message answered 201 at +{first.ended - moment:.2f}s, on every member's stream at +{reached}"


# --- scenarios -------------------------------------------------------------


def open_watch(args, verdict, budget: float, log) -> Watch | None:
    watch = Watch(args.new_api(), args.stream_url, args.password)
    if not watch.open():
        verdict.fail(f"the {len(watch.streams)} streams did not all open within {READY_WITHIN:.0f}s")
        watch.close()
        return None
    log(f"{len(watch.streams)} streams open for {', '.join(PEOPLE)}; messages at {MESSAGE_RATE:.0f}/s between them")
    watch.start_sending(time.monotonic() + budget)
    time.sleep(2)
    return watch


def restart_stream_postgres(args, embedded, log, timing, verdict):
    watch = open_watch(args, verdict, 60, log)
    if watch is None:
        return verdict
    try:
        stop_at = time.monotonic()
        log("stopping PostgreSQL (pg_ctl -m fast stop) under the streams")
        embedded("pg_stop", args.pg_data)
        down_at = time.monotonic()
        time.sleep(timing.down)
        start_at = time.monotonic()
        embedded("pg_start", args.pg_data, str(args.pg_port))
        back_at = time.monotonic()
        log(f"PostgreSQL is back ({back_at - start_at:.1f}s to start); watching {timing.observe:.0f}s")
        healthy = wait_until(lambda: stream_health(args.stream_port) == 200, timing.observe + 10)
        health_at = time.monotonic()
        time.sleep(max(0.0, back_at + timing.observe - time.monotonic()))
        during = watch.sent_between(stop_at, back_at)
        verdict.note(
            f"PostgreSQL down {start_at - down_at:.1f}s ({back_at - stop_at:.1f}s from the stop to its return); "
            f"messages sent meanwhile: {len(during)}, {Counter(str(s.status) for s in during).most_common()}"
        )
        verdict.note(
            f"the stream process listened again {health_at - back_at:.2f}s after PostgreSQL was back; "
            + first_after(watch, back_at)
        )
        if not healthy:
            verdict.fail("the stream process's health check did not answer 200 again")
        check_delivery(watch, verdict)
    finally:
        watch.stop_sending()
        watch.close()
    return verdict


def process_of(pid: int) -> tuple[list[str], str, dict, str]:
    """A running process's command, directory, environment and stdout's path."""
    command = [part.decode() for part in Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").split(b"\0")]
    environ = Path(f"/proc/{pid}/environ").read_bytes().rstrip(b"\0").split(b"\0")
    env = dict(entry.decode().split("=", 1) for entry in environ if b"=" in entry)
    return command, os.readlink(f"/proc/{pid}/cwd"), env, os.readlink(f"/proc/{pid}/fd/1")


def poll_conversation(api, group: str, until: float) -> list[tuple[float, int | None, set[str]]]:
    """GET /api/messages/<group> every half second until `until`, as the web
    app polls without its stream: each one's start, status and message uuids."""
    answers = []
    while time.monotonic() < until:
        started = time.monotonic()
        status, body, _ = api.call("GET", f"/api/messages/{group}")
        uuids = {item["uuid"] for item in json.loads(body)["items"]} if status == 200 else set()
        answers.append((started, status, uuids))
        time.sleep(0.5)
    return answers


def kill_stream(args, embedded, log, timing, verdict):
    watch = open_watch(args, verdict, 60, log)
    if watch is None:
        return verdict
    try:
        if not wait_until(watch.answered, 10):
            verdict.fail("no message was answered 201 before the kill")
            return verdict
        # The conversation the web app would poll meanwhile: the first one written to.
        first = watch.answered()[0]
        pid = int(Path(args.stream_pid_file).read_text())
        command, cwd, env, log_path = process_of(pid)
        kill_at = time.monotonic()
        log(f"killing the stream process (SIGKILL, pid {pid})")
        os.kill(pid, signal.SIGKILL)
        if not wait_until(lambda: stream_health(args.stream_port) is None, 10):
            verdict.fail("the stream process still answered 10s after SIGKILL")
            return verdict
        ended = wait_until(lambda: all(s.ends >= 1 for s in watch.streams), 5)
        refused_before = watch.failures()["ConnectionRefusedError"]
        reader = args.new_api()
        reader.token = watch.tokens[first.members[0]]
        polled = poll_conversation(reader, first.group, time.monotonic() + timing.down)
        start_at = time.monotonic()
        refused = watch.failures()["ConnectionRefusedError"] - refused_before
        with open(log_path if log_path.startswith("/") else os.devnull, "ab") as out:
            process = subprocess.Popen(
                command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        Path(args.stream_pid_file).write_text(f"{process.pid}\n")
        if not wait_until(lambda: stream_health(args.stream_port) == 200, 30):
            verdict.fail("the stream process did not answer its health check within 30s of its start")
            return verdict
        back_at = time.monotonic()
        log(f"the stream process is back (pid {process.pid}, {back_at - start_at:.1f}s to start); watching")
        reconnected = wait_until(lambda: all(s.opened_at[-1] >= start_at for s in watch.streams), RECONNECT_WITHIN)
        reconnected_at = time.monotonic()
        time.sleep(max(0.0, back_at + timing.observe - time.monotonic()))

        down = watch.sent_between(kill_at, back_at)
        last_at, _, last_poll = polled[-1] if polled else (kill_at, None, set())
        # The conversation's messages answered between the kill and the last poll's start.
        shown = [
            s
            for s in watch.sent_between(kill_at, last_at)
            if s.status == 201 and s.ended < last_at and set(s.members) == set(first.members)
        ]
        poll_statuses = Counter(str(status) for _, status, _ in polled)
        verdict.note(
            f"down {start_at - kill_at:.1f}s; every stream ended: {ended}; {refused} reconnect attempts refused "
            f"meanwhile; messages sent meanwhile: {len(down)}, {Counter(str(s.status) for s in down).most_common()}"
        )
        verdict.note(
            f"GET /api/messages/<group> while down: {', '.join(f'{n}x {k}' for k, n in poll_statuses.items())}; "
            f"the last showed {sum(s.uuid in last_poll for s in shown)} of the {len(shown)} answered 201 in the "
            "conversation between the kill and its start"
        )
        verdict.note(
            f"started again in {back_at - start_at:.1f}s; every stream reconnected "
            f"{max(0.0, reconnected_at - back_at):.2f}s after its health check answered; " + first_after(watch, back_at)
        )
        if not ended:
            verdict.fail("not every stream ended when the stream process was killed")
        if not refused:
            verdict.fail("no reconnect attempt was refused while the stream process was down")
        if not polled or set(poll_statuses) != {"200"}:
            verdict.fail(f"the conversation's GET did not answer 200 throughout: {dict(poll_statuses)}")
        if not shown:
            verdict.fail("no message was answered 201 in the polled conversation while the stream process was down")
        if any(s.uuid not in last_poll for s in shown):
            verdict.fail("the conversation's GET did not show the messages sent while the stream was down")
        if not reconnected:
            verdict.fail(f"not every stream reconnected within {RECONNECT_WITHIN:.0f}s of the stream process's return")
        check_delivery(watch, verdict)
    finally:
        watch.stop_sending()
        watch.close()
    return verdict
