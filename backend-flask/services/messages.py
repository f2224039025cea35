"""Direct messages: conversations, their messages, and sending.

Only a conversation's two members may read it or write to it; to anyone else
it does not exist (404). Names and avatars come from PostgreSQL at read time,
so a changed display name shows in conversations at once.
"""

import json
import uuid
from typing import Annotated

from pydantic import StringConstraints, model_validator

from lib import idempotency_store
from lib.cognito_jwt_token import Caller, read_as
from lib.db import db
from lib.errors import ApiError, NotFound
from lib.idempotency_store import IdempotencyKey
from lib.message_store import group_uuid_for, iso_time, message_store
from lib.pagination import page_size
from lib.validation import RequestModel, parse, problem

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
    groups = []
    for item in items:
        other = people.get(item["user_uuid"], {"handle": item["handle"], "display_name": item["display_name"]})
        groups.append(
            {
                "message_group_uuid": item["message_group_uuid"],
                "handle": other["handle"],
                "display_name": other["display_name"],
                "avatar_url": other.get("avatar_url"),
                "message": item["message"],
                "created_at": item["created_at"],
            }
        )
    return {"items": groups, "next_cursor": next_cursor}


def message_view(item: dict, people: dict) -> dict:
    sender = people.get(item["user_uuid"], {"handle": item["handle"], "display_name": item["display_name"]})
    return {
        "uuid": item["message_uuid"],
        "handle": sender["handle"],
        "display_name": sender["display_name"],
        "avatar_url": sender.get("avatar_url"),
        "message": item["message"],
        "created_at": item["created_at"],
    }


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
    people = cards(viewer, [user_uuid, other_uuid])
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
    if form.message_group_uuid:
        group = member_group(sender["uuid"], form.message_group_uuid)
        [other_uuid] = [m for m in group["members"] if m != str(sender["uuid"])]
        recipient = db.query_one("users/by_uuid", {"uuid": other_uuid})
    else:
        recipient = db.query_one("users/by_handle", {"handle": form.handle})
        if recipient is None:
            raise NotFound("user_not_found")
        if recipient["uuid"] == sender["uuid"]:
            raise ApiError(422, "cannot_message_self")
    if idempotency_key is None:
        item = message_store.send(sender, recipient, form.message)
    else:
        claim = idempotency_store.claim(idempotency_key)
        item = message_store.send(sender, recipient, form.message, iso_time(claim.created_at), claim.uuid)
    people = cards(sender, [sender["uuid"]])
    answer = {"message_group_uuid": item["message_group_uuid"], "message": message_view(item, people)}
    if idempotency_key is not None:
        idempotency_store.answer_claim(idempotency_key, 201, json.dumps(answer))
    return answer
