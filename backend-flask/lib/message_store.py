"""Direct messages in one DynamoDB table (single-table design).

Items, by key:
- `pk = GRP#<member uuid>`, `sk = <last message time>#<group uuid>`: a
  conversation as one member sees it (the other member's uuid, the last message).
  Querying a member's pk newest first lists their conversations.
- `pk = MSG#<group uuid>`, `sk = <created time>#<message uuid>`: a message.
- `pk = INFO#<group uuid>`, `sk = INFO`: the group itself: its two members and
  the sk of their current summaries. Every send updates it under a condition,
  which makes sends to one group take turns (optimistic concurrency).

A conversation between two people has one group uuid, derived from the pair,
so two racing first messages still make one conversation. Sending writes the
message, the group and both summaries in one transaction: all or nothing.

People appear by uuid only: their names and avatars are PostgreSQL's, read
with every conversation, so the store never holds a name that can go stale.

A message is written only if its key is new: a send that names its time and
uuid (a retry under an idempotency key) writes nothing when that message is
there already, and answers as the first try did.
"""

import random
import time
import uuid
from datetime import UTC, datetime

import botocore.exceptions

from lib import pagination
from lib.ddb import ddb
from lib.errors import ApiError
from lib.pagination import TIME, TIME_KEY, UUID

PAIR_NAMESPACE = uuid.UUID("5b0f3c2e-8d1a-4c6e-9f57-2b7a41c0d9e3")
SEND_ATTEMPTS = 12


def group_uuid_for(first_user, second_user) -> str:
    """The one conversation two people share, whoever writes first."""
    low, high = sorted([str(first_user), str(second_user)])
    return str(uuid.uuid5(PAIR_NAMESPACE, f"{low}|{high}"))


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def iso_now() -> str:
    return iso_time(datetime.now(UTC))


def encode_cursor(last_key: dict | None) -> str | None:
    """The cursor of a page that ends at `last_key`: the time and uuid of its
    sort key, as the feeds' cursors carry them (lib/pagination)."""
    if not last_key:
        return None
    time_text, item_uuid = last_key["sk"]["S"].split("#")
    return pagination.encode_cursor(TIME_KEY, (TIME.read(time_text), UUID.read(item_uuid)))


def decode_cursor(cursor: str | None, pk: str) -> dict | None:
    """The ExclusiveStartKey a cursor stands for, in the list `pk`."""
    if not cursor:
        return None
    moment, item_uuid = pagination.decode_cursor(TIME_KEY, cursor)
    return {"pk": _s(pk), "sk": _s(f"{TIME.write(moment)}#{item_uuid}")}


def _s(value) -> dict:
    return {"S": str(value)}


def _plain(item: dict) -> dict:
    return {name: value["S"] for name, value in item.items() if "S" in value}


class SendConflict(Exception):
    """Another send to the same group won the race; try again."""


class MessageStore:
    def group(self, group_uuid: str) -> dict | None:
        """The group's members and current summary sk, read strongly consistent."""
        with ddb.calls("GetItem") as client:
            item = client.get_item(
                TableName=ddb.table, Key={"pk": _s(f"INFO#{group_uuid}"), "sk": _s("INFO")}, ConsistentRead=True
            ).get("Item")
        if item is None:
            return None
        return {"members": item["members"]["SS"], "summary_sk": item["summary_sk"]["S"]}

    def list_groups(self, user_uuid, cursor: str | None, limit: int) -> tuple[list[dict], str | None]:
        """The member's conversations, most recent first."""
        return self._newest_first(f"GRP#{user_uuid}", cursor, limit, consistent=False)

    def list_messages(self, group_uuid: str, cursor: str | None, limit: int) -> tuple[list[dict], str | None]:
        """A page of messages, newest first; the cursor leads to older ones."""
        return self._newest_first(f"MSG#{group_uuid}", cursor, limit, consistent=True)

    def _newest_first(self, pk: str, cursor: str | None, limit: int, consistent: bool) -> tuple[list[dict], str | None]:
        query = {
            "TableName": ddb.table,
            "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": _s(pk)},
            "ScanIndexForward": False,
            "Limit": limit,
            "ConsistentRead": consistent,
        }
        start = decode_cursor(cursor, pk)
        if start:
            query["ExclusiveStartKey"] = start
        with ddb.calls("Query") as client:
            page = client.query(**query)
        return [_plain(item) for item in page["Items"]], encode_cursor(page.get("LastEvaluatedKey"))

    def send(
        self, sender_uuid, recipient_uuid, text: str, created_at: str | None = None, message_uuid: str | None = None
    ) -> dict:
        """Writes a message from one person to another (by uuid) into their
        conversation; returns the message item. Given its time and uuid, the
        message is written at most once."""
        sender, recipient = str(sender_uuid), str(recipient_uuid)
        group_uuid = group_uuid_for(sender, recipient)
        created_at = created_at or iso_now()
        for attempt in range(SEND_ATTEMPTS):
            current = self.group(group_uuid)
            try:
                return self._send_once(group_uuid, current, sender, recipient, text, created_at, message_uuid)
            except SendConflict:
                time.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # noqa: S311 (jitter, not security)
        raise ApiError(409, "message_conflict")

    def _send_once(self, group_uuid, current, sender, recipient, text, created_at, message_uuid=None) -> dict:
        message_uuid = message_uuid or str(uuid.uuid4())
        summary_sk = f"{created_at}#{group_uuid}"
        message = {
            "pk": _s(f"MSG#{group_uuid}"),
            "sk": _s(f"{created_at}#{message_uuid}"),
            "message_uuid": _s(message_uuid),
            "user_uuid": _s(sender),
            "message": _s(text),
            "created_at": _s(created_at),
        }
        written = _plain(message) | {"message_group_uuid": group_uuid}
        items = [{"Put": {"TableName": ddb.table, "Item": message, "ConditionExpression": "attribute_not_exists(pk)"}}]
        if current is not None and current["summary_sk"] > summary_sk:
            # A retry of a message whose first try, before newer messages, never got
            # in: it takes its place in the conversation, and the newer summaries stay.
            self._transact(items)
            return written
        if current is None:
            items.append(
                {
                    "Put": {
                        "TableName": ddb.table,
                        "Item": {
                            "pk": _s(f"INFO#{group_uuid}"),
                            "sk": _s("INFO"),
                            "members": {"SS": [sender, recipient]},
                            "summary_sk": _s(summary_sk),
                        },
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                }
            )
        else:
            items.append(
                {
                    "Update": {
                        "TableName": ddb.table,
                        "Key": {"pk": _s(f"INFO#{group_uuid}"), "sk": _s("INFO")},
                        "UpdateExpression": "SET summary_sk = :new",
                        "ConditionExpression": "summary_sk = :old",
                        "ExpressionAttributeValues": {":new": _s(summary_sk), ":old": _s(current["summary_sk"])},
                    }
                }
            )
        for member, other in ((sender, recipient), (recipient, sender)):
            if current is not None and current["summary_sk"] != summary_sk:
                old_key = {"pk": _s(f"GRP#{member}"), "sk": _s(current["summary_sk"])}
                items.append({"Delete": {"TableName": ddb.table, "Key": old_key}})
            summary = {
                "pk": _s(f"GRP#{member}"),
                "sk": _s(summary_sk),
                "message_group_uuid": _s(group_uuid),
                "user_uuid": _s(other),
                "message": _s(text),
                "created_at": _s(created_at),
            }
            items.append({"Put": {"TableName": ddb.table, "Item": summary}})
        self._transact(items)
        return written

    def _transact(self, items: list[dict]):
        try:
            with ddb.calls("TransactWriteItems") as client:
                client.transact_write_items(TransactItems=items)
        except botocore.exceptions.ClientError as error:
            reasons = [r.get("Code") for r in error.response.get("CancellationReasons", [])]
            if reasons[:1] == ["ConditionalCheckFailed"]:
                return  # the message (always the first item) is there: an earlier try got through
            conflict = {"ConditionalCheckFailed", "TransactionConflict"}
            if error.response["Error"]["Code"] == "TransactionCanceledException" and conflict & set(reasons):
                raise SendConflict from error
            if error.response["Error"]["Code"] == "TransactionConflictException":
                raise SendConflict from error
            raise


message_store = MessageStore()
