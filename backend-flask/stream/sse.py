"""Server-Sent Events as the stream writes them."""

import json

HEARTBEAT = b": heartbeat\n\n"


def encode_event(kind: str, data: dict, event_id: int | None = None) -> bytes:
    lines = [] if event_id is None else [f"id: {event_id}"]
    lines += [f"event: {kind}", f"data: {json.dumps(data, separators=(',', ':'))}"]
    return ("\n".join(lines) + "\n\n").encode()
