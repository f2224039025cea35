"""Direct messages: conversations, their messages, and sending.

Only a conversation's two members may read it or write to it; to anyone else
it does not exist (404). The message store knows people by uuid only: names
and avatars come from PostgreSQL with every read, so a changed display name
shows in conversations at once, and a conversation with someone no longer
here is not shown.
"""

import json
import uuid
from typing import Annotated

from pydantic import StringConstraints, model_validator

from lib import idempotency_store
from lib.db import db
from lib.errors import ApiError, NotFound
from lib.idempotency_store import IdempotencyKey
from lib.message_store import group_uuid_for, iso_time, message_store
from lib.pagination import page_size
from lib.validation import RequestModel, parse, problem
from services.callers import Caller, read_as
from services.live_events import announce_message

MAX_CHARS = 1024


class SendMessageRequest(RequestModel):
    message: Annotated[str, StringConstraints(min_length=1, max_length=MAX_CHARS)]
    message_group_uuid: str | None = None
    handle: str | None = None

    @model_validator(mode="after")
    def _one_recipient(self):
        if not self.message_group_uuid and not self.handle:
            raise problem("recipient_blank")
        return self


def cards(viewer: Caller, uuids) -> dict[str, dict]:
    """Current handle, display name and avatar of each person, by uuid, read
    with (and checking) the viewer."""
    return json.loads(read_as(viewer, "users/cards_by_uuids", {"uuids": sorted({str(u) for u in uuids})}))


def group_key(group_uuid: str) -> str:
    """A conversation's uuid as the store writes it; 404 when it is not one."""
    try:
        return str(uuid.UUID(group_uuid))
    except ValueError:
        raise NotFound("message_group_not_found") from None


def member_group(user_uuid, group_uuid: str) -> dict:
    """The group, if the caller is one of its members; 404 otherwise."""
    group_uuid = group_key(group_uuid)
    group = message_store.group(group_uuid)
    if group is None or str(user_uuid) not in group["members"]:
        raise NotFound("message_group_not_found")
    return group | {"uuid": group_uuid}


def list_message_groups(viewer: Caller, args: dict) -> dict:
    items, next_cursor = message_store.list_groups(viewer.known_uuid(), args.get("cursor"), page_size(args))
    people = cards(viewer, (item["user_uuid"] for item in items))
    groups = [
        {
            "message_group_uuid": item["message_group_uuid"],
            **people[item["user_uuid"]],
            "message": item["message"],
            "created_at": item["created_at"],
        }
        for item in items
        if item["user_uuid"] in people
    ]
    return {"items": groups, "next_cursor": next_cursor}


def message_view(item: dict, people: dict) -> dict:
    return {
        "uuid": item["message_uuid"],
        **people[item["user_uuid"]],
        "message": item["message"],
        "created_at": item["created_at"],
    }


def members_cards(viewer: Caller, user_uuid: str, other_uuid: str) -> dict[str, dict]:
    """Both members' cards; 404 when the other one is no longer here."""
    people = cards(viewer, [user_uuid, other_uuid])
    if other_uuid not in people:
        raise NotFound("message_group_not_found")
    return people


def other_member(user_uuid: str, group_uuid: str, messages: list[dict]) -> str | None:
    """The caller's partner in the conversation, when its messages prove the
    caller is a member, which spares reading the group: a conversation's uuid
    is derived from its two members (group_uuid_for), so a sender whose pair
    with the caller gives this uuid is the other member. None when the page
    proves nothing (empty, or only the caller's own messages)."""
    for sender in {message["user_uuid"] for message in messages} - {user_uuid}:
        if group_uuid_for(user_uuid, sender) == group_uuid:
            return sender
    return None


def list_messages(viewer: Caller, group_uuid: str, args: dict) -> dict:
    """A page of the conversation, oldest to newest within the page; the
    cursor leads back to older messages."""
    user_uuid = str(viewer.known_uuid())
    group_uuid = group_key(group_uuid)
    newest_first, next_cursor = message_store.list_messages(group_uuid, args.get("cursor"), page_size(args))
    other_uuid = other_member(user_uuid, group_uuid, newest_first)
    if other_uuid is None:  # the page does not show it: ask the group
        [other_uuid] = [m for m in member_group(user_uuid, group_uuid)["members"] if m != user_uuid]
    people = members_cards(viewer, user_uuid, other_uuid)
    return {
        "message_group_uuid": group_uuid,
        "other": people[other_uuid],
        "items": [message_view(item, people) for item in reversed(newest_first)],
        "next_cursor": next_cursor,
    }


def send_message(sender: Caller, body, idempotency_key: IdempotencyKey | None = None) -> dict:
    """To a conversation (`message_group_uuid`) or a person (`handle`); writing
    to someone you already talk with goes into that conversation. Under an
    idempotency key the message's time and uuid come from the key's claim, so
    a retry (of a try that reached DynamoDB and failed after) writes it once."""
    form = parse(SendMessageRequest, body)
    sender_uuid = str(sender["uuid"])
    if form.message_group_uuid:
        group = member_group(sender_uuid, form.message_group_uuid)
        [recipient_uuid] = [m for m in group["members"] if m != sender_uuid]
    else:
        recipient_uuid = db.query_value("users/uuid_by_handle", {"handle": form.handle})
        if recipient_uuid is None:
            raise NotFound("user_not_found")
        recipient_uuid = str(recipient_uuid)
        if recipient_uuid == sender_uuid:
            raise ApiError(422, "cannot_message_self")
    people = members_cards(sender, sender_uuid, recipient_uuid)
    if idempotency_key is None:
        item = message_store.send(sender_uuid, recipient_uuid, form.message)
    else:
        claim = idempotency_store.claim(idempotency_key)
        item = message_store.send(sender_uuid, recipient_uuid, form.message, iso_time(claim.created_at), claim.uuid)
    answer = {"message_group_uuid": item["message_group_uuid"], "message": message_view(item, people)}
    if idempotency_key is not None:
        idempotency_store.answer_claim(idempotency_key, 201, json.dumps(answer))
    announce_message(answer, [sender_uuid, recipient_uuid])
    return answer
