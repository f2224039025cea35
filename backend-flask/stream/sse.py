"""The text of Server-Sent Events."""

import json

HEARTBEAT = ": heartbeat\n\n"


def event_text(kind: str, data: dict, event_id: int | None = None) -> str:
    lines = [] if event_id is None else [f"id: {event_id}"]
    lines += [f"event: {kind}", f"data: {json.dumps(data, separators=(',', ':'))}"]
    return "\n".join(lines) + "\n\n"
