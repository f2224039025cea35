"""Server-Sent Events as the stream writes them."""

import json

# A comment keeps proxies from idling the connection out; the named event
# (no id) is what a browser's EventSource can see, so that a page can tell
# a connection that died without closing and open another.
HEARTBEAT = b": heartbeat\n\nevent: heartbeat\ndata: {}\n\n"


def encode_event(kind: str, data: dict, event_id: int | None = None) -> bytes:
    lines = [] if event_id is None else [f"id: {event_id}"]
    lines += [f"event: {kind}", f"data: {json.dumps(data, separators=(',', ':'))}"]
    return ("\n".join(lines) + "\n\n").encode()
