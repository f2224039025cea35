"""A lean client of the live stream (GET /api/stream) for the harnesses: one
asyncio connection per stream, a hand-written HTTP/1.1 GET and a protocol
that reads the answer (chunked or not) as it arrives, so that one process
holds thousands of busy streams. Each event
is stamped with time.monotonic() on receipt, a clock every process on the
machine shares, so that a sender elsewhere can time its delivery.

A Stream keeps the last event id it saw and, when told to, reconnects after
its connection ends with `last_event_id` set to it, as the web app does.
Standard library only.
"""

import asyncio
import json
import resource
import time
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True)
class Event:
    kind: str
    data: str
    id: int | None
    at: float  # time.monotonic() when the read holding its last line came


class Refused(Exception):
    """The stream was not opened: an HTTP status other than 200, with its error codes."""

    def __init__(self, status: int, codes: str):
        super().__init__(f"{status} {codes}".strip())
        self.status = status
        self.codes = codes


def raise_open_files(wanted: int = 65536) -> int:
    """Lifts this process's open-file limit (and its children's, started
    after) to `wanted`, or as far as the hard limit allows; the new limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if target > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return max(target, soft)


def data_uuid(event: Event) -> str | None:
    """The uuid an event is about: a deleted crud's, a message's."""
    data = json.loads(event.data)
    if event.kind == "message":
        return data["message"]["uuid"]
    return data.get("uuid")


class Answer(asyncio.Protocol):
    """One connection's answer to a stream's GET, read as it arrives: its
    status and head, then a refusal's body, or the events of a stream, each
    handed to `on_event` as soon as a read completes it. No task wakes per
    read, so that one process can hold thousands of busy streams."""

    def __init__(self, on_event: Callable[[Event], None]):
        loop = asyncio.get_running_loop()
        self.on_event = on_event
        self.head: asyncio.Future = loop.create_future()  # the status, once the head is read
        self.refusal: asyncio.Future = loop.create_future()  # a refusal's body, once read
        self.closed: asyncio.Future = loop.create_future()
        self.status: int | None = None
        self.length: int | None = None  # a refusal's content-length
        self.unchunker: Unchunker | None = None
        self.received = b""  # the head until it is complete, then a refusal's body
        self.pending = b""  # the stream's last, incomplete line
        self.fields: dict[str, str] = {}

    def data_received(self, data: bytes):
        if self.status is None:
            self.received += data
            head, found, data = self.received.partition(b"\r\n\r\n")
            if not found:
                return
            self.received = b""
            self.read_head(head.decode("latin-1"))
        body = self.unchunker.feed(data) if self.unchunker else data
        if self.status == 200:
            self.read_events(body, time.monotonic())
            return
        self.received += body
        complete = self.unchunker.ended if self.unchunker else len(self.received) >= (self.length or 0)
        if complete and not self.refusal.done():
            self.refusal.set_result(self.received)

    def read_head(self, head: str):
        status_line, *lines = head.split("\r\n")
        fields = {}
        for line in lines:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        self.status = int(status_line.split()[1])
        self.length = int(fields.get("content-length", "0"))
        if "chunked" in fields.get("transfer-encoding", "").lower():
            self.unchunker = Unchunker()
        self.head.set_result(self.status)

    def read_events(self, body: bytes, at: float):
        *lines, self.pending = (self.pending + body).split(b"\n")
        fields = self.fields
        for raw in lines:
            line = raw.rstrip(b"\r").decode()
            if line:
                if not line.startswith(":"):
                    name, _, value = line.partition(":")
                    fields[name] = value[1:] if value.startswith(" ") else value
                continue
            if "event" in fields or "data" in fields:
                given = fields.get("id")
                self.on_event(
                    Event(fields.get("event", "message"), fields.get("data", ""), int(given) if given else None, at)
                )
            fields.clear()

    def connection_lost(self, exc):
        # None: closed before it came (what waits may have been cancelled).
        for waiting in (self.head, self.refusal, self.closed):
            if not waiting.done():
                waiting.set_result(None)


async def open_stream(
    host: str, port: int, path: str, headers: dict[str, str], on_event: Callable[[Event], None]
) -> tuple[asyncio.Transport, Answer]:
    """Sends the GET and reads the answer's head; its events go to
    `on_event` until `answer.closed`. Raises Refused for any status but 200,
    OSError (ConnectionRefusedError...) when it cannot connect."""
    loop = asyncio.get_running_loop()
    transport, answer = await asyncio.wait_for(
        loop.create_connection(lambda: Answer(on_event), host, port), CONNECT_TIMEOUT
    )
    try:
        lines = [f"GET {path} HTTP/1.1", f"Host: {host}:{port}", "Accept: text/event-stream"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        transport.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        status = await asyncio.wait_for(asyncio.shield(answer.head), CONNECT_TIMEOUT)
        if status is None:
            raise ConnectionResetError("closed before answering")
        if status != 200:
            body = await asyncio.wait_for(asyncio.shield(answer.refusal), CONNECT_TIMEOUT)
            raise Refused(status, error_codes(body or b""))
        return transport, answer
    except BaseException:
        transport.close()
        raise


def error_codes(body: bytes) -> str:
    try:
        return ",".join(json.loads(body)["errors"])
    except (ValueError, KeyError, TypeError):
        return body[:80].decode(errors="replace")


class Unchunker:
    """A chunked body's bytes, taken out of its framing as the bytes arrive
    in reads of any size (a read holds many chunks when a stream is busy)."""

    def __init__(self):
        self.pending = b""
        self.ended = False

    def feed(self, data: bytes) -> bytes:
        self.pending += data
        found = []
        while (line_end := self.pending.find(b"\r\n")) >= 0:
            size = int(self.pending[:line_end].split(b";", 1)[0], 16)
            if size == 0:
                self.ended = True
                break
            start = line_end + 2
            if len(self.pending) < start + size + 2:
                break
            found.append(self.pending[start : start + size])
            self.pending = self.pending[start + size + 2 :]
        return b"".join(found)


class Stream:
    """One person's stream, opened with their access token (Bearer), and
    reopened after it ends when `reconnect` is set, from the last id seen.
    `on_event(stream, event)` is called for each event, `ready` included."""

    def __init__(
        self,
        host: str,
        port: int,
        token: str,
        on_event: Callable[["Stream", Event], None] | None = None,
        *,
        key=None,
        reconnect: bool = False,
        retry_seconds: float = 0.25,
    ):
        self.host, self.port, self.token = host, port, token
        self.on_event = on_event
        self.key = key
        self.reconnect = reconnect
        self.retry_seconds = retry_seconds
        self.last_id: int | None = None
        self.ready: asyncio.Event | None = None
        self.connections = 0  # streams opened (status 200)
        self.ends = 0  # opened streams that ended (by the server or the network)
        self.failures: Counter = Counter()  # attempts that opened nothing, by what happened
        self.failure_times: list[tuple[float, str]] = []
        self.opened_at: list[float] = []
        self.error: str | None = None  # why it stopped, when it does not reconnect
        self.transport: asyncio.Transport | None = None  # while open

    def path(self) -> str:
        query = {} if self.last_id is None else {"last_event_id": str(self.last_id)}
        return "/api/stream" + ("?" + urllib.parse.urlencode(query) if query else "")

    async def run(self):
        self.ready = self.ready or asyncio.Event()
        while True:
            try:
                transport, answer = await open_stream(
                    self.host, self.port, self.path(), {"Authorization": f"Bearer {self.token}"}, self.received
                )
            except (OSError, TimeoutError, Refused, ValueError) as failure:
                what = str(failure) if isinstance(failure, Refused) else type(failure).__name__
                self.failures[what] += 1
                self.failure_times.append((time.monotonic(), what))
                if not self.reconnect:
                    self.error = what
                    self.ready.set()
                    return
                await asyncio.sleep(self.retry_seconds)
                continue
            self.connections += 1
            self.opened_at.append(time.monotonic())
            self.transport = transport
            try:
                await answer.closed
            finally:
                self.transport = None
                transport.close()
            self.ends += 1
            if not self.reconnect:
                self.error = self.error or "ended"
                return
            await asyncio.sleep(self.retry_seconds)

    def received(self, event: Event):
        if event.id is not None:
            self.last_id = event.id
        if event.kind == "ready":
            self.ready.set()
        if self.on_event:
            self.on_event(self, event)
