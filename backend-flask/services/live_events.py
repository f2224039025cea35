"""Live events: what the API announces as it happens, and who hears what.

The API announces, once the change is stored: a message (to both members of
its conversation), a notification (to the person notified), a new crud (to
the author's followers whose timelines show them) and a crud or reply gone (to
everyone). The stream process asks here who of its connected people hears each
event (`deliveries`) and what a person missed (`replay`); both apply the same
rules, in SQL, as the reads do.
"""

from dataclasses import dataclass

from lib import event_bus
from lib.db import db
from lib.errors import ApiError
from services.callers import Caller

# How long the log keeps events for a reconnecting stream to replay: a
# promise of five minutes, with a minute's margin before they are purged.
REPLAY_SECONDS = 5 * 60
KEEP_SECONDS = REPLAY_SECONDS + 60


def announce_message(answer: dict, members: list) -> None:
    """`answer` is what POST /api/messages answered the sender."""
    event_bus.publish("message", answer, recipients=members)


def announce_notification(recipient_uuid) -> None:
    """The recipient's unread count changed (it is counted on delivery)."""
    event_bus.publish("notification", {}, recipients=[recipient_uuid])


def announce_crud(author_uuid, activity: dict) -> None:
    event_bus.publish("timeline", {"uuid": activity["uuid"], "handle": activity["handle"]}, followers_of=author_uuid)


def announce_gone(activity_uuid) -> None:
    event_bus.publish("delete", {"uuid": str(activity_uuid)})


@dataclass(frozen=True)
class Delivery:
    """An event for some of the connected people (None: all of them), with
    the data each one gets (`data`, or `data_for[person]` when it differs)."""

    id: int
    kind: str
    people: frozenset | None
    data: dict
    data_for: dict | None = None


def deliveries(events: list[dict], connected: set[str]) -> list[Delivery]:
    """Who of `connected` (person uuids) hears each of `events` (rows of the
    log, oldest first), in the same order."""
    authors = {str(e["author_uuid"]) for e in events if e["author_uuid"] is not None}
    audience: dict[str, set[str]] = {author: set() for author in authors}
    if authors:
        for row in db.query_all("stream/timeline_audience", {"authors": list(authors)}):
            audience[str(row["author_uuid"])].add(str(row["follower_uuid"]))
    notified = {str(p) for e in events if e["kind"] == "notification" for p in e["recipients"]} & connected
    counts = unread_counts(notified)
    found = []
    for event in events:
        if event["author_uuid"] is not None:
            people = frozenset(audience[str(event["author_uuid"])] & connected)
        elif event["recipients"] is not None:
            people = frozenset({str(p) for p in event["recipients"]} & connected)
        else:
            people = None
        if people is not None and not people:
            continue
        data_for = {p: {"unread_count": counts[p]} for p in people} if event["kind"] == "notification" else None
        found.append(Delivery(event["id"], event["kind"], people, event["data"], data_for))
    return found


def replay(person_uuid: str, after: int) -> list[Delivery] | None:
    """What the person missed after the event `after`, oldest first; None
    when that event has left the log (they must fetch afresh instead)."""
    events = db.query_value("stream/replay", {"person": person_uuid, "after": after})
    if events is None:
        return None
    notified = any(e["kind"] == "notification" for e in events)
    count = unread_counts({person_uuid}).get(person_uuid) if notified else None
    return [
        Delivery(
            e["id"],
            e["kind"],
            frozenset({person_uuid}),
            {"unread_count": count} if e["kind"] == "notification" else e["data"],
        )
        for e in events
    ]


def unread_counts(people: set[str]) -> dict[str, int]:
    if not people:
        return {}
    rows = db.query_all("stream/unread_counts", {"people": list(people)})
    return {str(row["uuid"]): row["unread_count"] for row in rows}


def ended_sessions(sessions: set[tuple[str, float]]) -> set[tuple[str, float]]:
    """Of the sessions of open streams (token subject, when the token was
    issued), those that may no longer be served: their sessions ended, the
    person was suspended, or is gone (Caller.accept's rules)."""
    if not sessions:
        return set()
    subs = list({sub for sub, _ in sessions})
    rows = {row.pop("cognito_user_id"): row for row in db.query_all("stream/sessions", {"cognito_user_ids": subs})}
    ended = set()
    for sub, issued_at in sessions:
        try:
            Caller({"sub": sub, "iat": issued_at}).accept(rows.get(sub))
        except ApiError:
            ended.add((sub, issued_at))
    return ended


def purge() -> int:
    """Forgets events past the replay window and expired tickets."""
    return db.query_value("stream/purge", {"keep_seconds": KEEP_SECONDS})
