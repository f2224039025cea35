"""A Server-Sent Events reader for the tests: opens a stream and collects
its events on a thread of its own."""

import json
import queue
import threading

import requests


class EventStream:
    def __init__(self, url: str, headers: dict | None = None):
        self.response = requests.get(url, headers=headers or {}, stream=True, timeout=(3, 30))
        self.status = self.response.status_code
        self.events: queue.Queue = queue.Queue()
        self.comments: list[str] = []
        self.heartbeats = 0  # `heartbeat` events, kept out of `events`
        self.ended = threading.Event()
        if self.status == 200:
            threading.Thread(target=self._read, daemon=True).start()
        else:
            self.body = self.response.json()
            self.response.close()

    def _read(self):
        event: dict = {}
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line == "":
                    if event.get("event") == "heartbeat":
                        self.heartbeats += 1
                    elif "event" in event:
                        self.events.put({**event, "data": json.loads(event["data"])})
                    event = {}
                elif line.startswith(":"):
                    self.comments.append(line[1:].strip())
                else:
                    field, _, value = line.partition(": ")
                    event[field] = int(value) if field == "id" else value
        except (requests.RequestException, AttributeError, ValueError):
            pass  # closed by the test
        finally:
            self.ended.set()

    def next(self, timeout: float = 5.0) -> dict:
        return self.events.get(timeout=timeout)

    def take(self, count: int, timeout: float = 5.0) -> list[dict]:
        return [self.next(timeout) for _ in range(count)]

    def ready(self) -> dict:
        """Reads up to the `ready` event; the events before it."""
        before = []
        while (event := self.next())["event"] != "ready":
            before.append(event)
        self.position = event["id"]
        return before

    def quiet(self, seconds: float = 0.5) -> list[dict]:
        """Whatever arrives within `seconds` (nothing, when all is well)."""
        found = []
        try:
            while True:
                found.append(self.events.get(timeout=seconds))
        except queue.Empty:
            return found

    def close(self):
        self.response.close()
