"""The streams of bin/bench's stream rows, held by a process of their own (so
that the client and the stream process never share an event loop): many
streams on one uvloop event loop (harness/sse), and the receipts of the events the
rows time. The bench drives it through a pipe (StreamClient); the process
answers one command at a time."""

import asyncio
import contextlib
import gc
import multiprocessing
import os
import socket
import time
from collections import Counter, defaultdict
from pathlib import Path

import uvloop

from harness.sse import Stream, data_uuid, raise_open_files

OPEN_AT_ONCE = 200  # streams being opened at one time
TIMED_KINDS = ("delete", "message")
UNCOUNTED_KINDS = ("ready", "heartbeat")  # the stream's own, not the crowd's
# Reading in bulk: a wake-up for about 30 events a stream, well inside the
# socket's receive buffer (128 KB by default) even counting each segment's overhead.
BULK_BYTES = 4096


def rss_kib(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int | str = "self") -> float:
    """The CPU time (user and system) the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Holder:
    """The streams and what they received: for each timed kind, by the uuid
    the event is about, (person index, event id, receipt time) per stream;
    with `every_id`, each event's (id, time) whatever its kind."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.streams: list[Stream] = []
        self.tasks: list[asyncio.Task] = []
        self.receipts: dict[str, dict[str, list]] = {kind: defaultdict(list) for kind in TIMED_KINDS}
        self.ids: list[tuple[int, float]] = []
        self.every_id = False
        self.events = 0  # of every kind but UNCOUNTED_KINDS, over all streams

    def on_event(self, stream: Stream, event):
        if event.kind not in UNCOUNTED_KINDS:
            self.events += 1
        if self.every_id and event.id is not None and event.kind != "ready":
            self.ids.append((event.id, event.at))
        if event.kind in TIMED_KINDS:
            self.receipts[event.kind][data_uuid(event)].append((stream.key, event.id, event.at))

    async def open(self, streams: list[tuple[int, str]], reconnect: bool = False, timeout: float = 120) -> dict:
        """Opens a stream for each (person index, token) and waits until
        each is ready or refused, or `timeout` passes."""
        started = time.monotonic()
        gate = asyncio.Semaphore(OPEN_AT_ONCE)
        fresh = [
            Stream(self.host, self.port, token, self.on_event, key=key, reconnect=reconnect) for key, token in streams
        ]

        async def start(stream: Stream):
            async with gate:
                stream.ready = asyncio.Event()
                self.tasks.append(asyncio.create_task(stream.run()))
                await stream.ready.wait()

        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(asyncio.gather(*(start(s) for s in fresh)), timeout)
        # The streams live until closed: out of the collector's sight, they
        # cause it no pauses that would count against the stream process.
        gc.freeze()
        self.streams += fresh
        failed = Counter(s.error for s in fresh if s.error)
        return {
            "opened": sum(s.ready.is_set() and not s.error for s in fresh),
            "asked": len(fresh),
            "failed": dict(failed),
            "seconds": round(time.monotonic() - started, 2),
        }

    def status(self) -> dict:
        return {
            "open": sum(1 for s in self.streams if s.connections > s.ends),
            "ended": sum(s.ends for s in self.streams),
            "reconnects": sum(max(0, s.connections - 1) for s in self.streams),
            "events": self.events,
            "client_rss_kib": rss_kib(),
        }

    async def close(self) -> dict:
        figures = self.status()
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
        self.streams, self.tasks = [], []
        return figures

    def take(self, kind: str) -> dict:
        """The receipts of `kind` so far (forgotten here once taken)."""
        if kind == "ids":
            taken, self.ids = self.ids, []
            return {"ids": taken}
        taken, self.receipts[kind] = self.receipts[kind], defaultdict(list)
        return dict(taken)

    def read_in_bulk(self, on: bool) -> int:
        """With `on`, each stream's socket wakes this process only once
        BULK_BYTES wait in it (SO_RCVLOWAT), as though its reader were
        elsewhere: the kernel still receives, and acknowledges, every event
        as it comes. Off, what waits is read at once. The streams it set."""
        low_water = BULK_BYTES if on else 1
        done = 0
        for stream in self.streams:
            if stream.transport is not None:
                stream.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_RCVLOWAT, low_water)
                done += 1
        return done

    def count(self, kind: str, uuid: str) -> int:
        return len(self.receipts[kind].get(uuid, ()))

    def newest_id(self) -> int:
        return max((event_id for event_id, _ in self.ids), default=0)


async def serve(conn, host: str, port: int):
    holder = Holder(host, port)
    while True:
        command, options = await asyncio.to_thread(conn.recv)
        if command == "open":
            answer = await holder.open(**options)
        elif command == "status":
            answer = holder.status()
        elif command == "count":
            answer = holder.count(**options)
        elif command == "newest_id":
            answer = holder.newest_id()
        elif command == "take":
            answer = holder.take(**options)
        elif command == "read_in_bulk":
            answer = holder.read_in_bulk(**options)
        elif command == "every_id":
            holder.every_id = options["on"]
            answer = True
        elif command == "close":
            answer = await holder.close()
        else:
            conn.send(await holder.close())
            return
        conn.send(answer)


def main(conn, host: str, port: int):
    raise_open_files()
    uvloop.run(serve(conn, host, port))


class StreamClient:
    """The streams' process, seen from the bench: each method sends one command and waits for its answer."""

    def __init__(self, host: str, port: int):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=main, args=(child, host, port), name="stream-client", daemon=True)
        self.process.start()
        child.close()

    def ask(self, command: str, wait: float = 300, **options):
        self.conn.send((command, options))
        if not self.conn.poll(wait):
            raise SystemExit(f"error: the stream client did not answer {command!r} within {wait:.0f}s")
        return self.conn.recv()

    def open(self, streams: list[tuple[int, str]], reconnect: bool = False, timeout: float = 120) -> dict:
        return self.ask("open", timeout + 30, streams=streams, reconnect=reconnect, timeout=timeout)

    def wait_count(self, kind: str, uuid: str, count: int, seconds: float) -> int:
        """Waits until `count` streams have the event about `uuid`, or `seconds` pass: how many have."""
        deadline = time.monotonic() + seconds
        while (have := self.ask("count", kind=kind, uuid=uuid)) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return have

    def stop(self):
        if self.process.is_alive():
            with contextlib.suppress(OSError, EOFError, SystemExit):
                self.ask("exit", 30)
        self.process.join(10)
        if self.process.is_alive():
            self.process.kill()
