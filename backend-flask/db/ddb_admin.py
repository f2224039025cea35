"""DynamoDB table administration behind the bin/ddb scripts.

    python db/ddb_admin.py schema-load    create the messages table (no-op if it exists)
    python db/ddb_admin.py drop           delete the messages table
    python db/ddb_admin.py list-tables    list the tables
    python db/ddb_admin.py scan [LIMIT]   print the table's items as JSON lines
    python db/ddb_admin.py seed           the demo conversations between demo users (once)
    python db/ddb_admin.py list-conversations HANDLE   someone's conversations, most recent first
    python db/ddb_admin.py get-conversation GROUP      a conversation's summaries and messages

Honours AWS_ENDPOINT_URL (DynamoDB Local), AWS_DEFAULT_REGION and DDB_MESSAGE_TABLE;
seed and list-conversations also read users from CONNECTION_URL.
"""

import json
import os
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from psycopg.rows import dict_row  # noqa: E402

from lib.ddb import GROUP_INDEX, TABLE_SCHEMA, create_client, ddb  # noqa: E402
from lib.message_store import group_uuid_for, iso_time, message_store  # noqa: E402

# The demo conversations: (minutes before the first seed, sender, text), by pair.
# Each message has a stable uuid (from its conversation and place in it) and a
# time relative to the first seed, so seeding again writes nothing twice.
DEMO_CONVERSATIONS = [
    (
        ("andrewbrown", "bayko"),
        [
            (50, "andrewbrown", "Have you seen the new crud TTLs? Thirty days is the longest."),
            (46, "bayko", "Thirty days is forever on Cruddur."),
            (41, "andrewbrown", "Ship it anyway."),
        ],
    ),
    (
        ("londo", "andrewbrown"),
        [
            (185, "londo", "Andrew, a word. Your crud about delete buttons has caused a diplomatic incident."),
            (172, "andrewbrown", "It expires tomorrow. So does the incident."),
            (170, "londo", "Spoken like a true diplomat."),
        ],
    ),
]
DEMO_NAMESPACE = uuid.UUID("0b8e6f4c-3a51-4d2e-9c7a-5e1f2d3c4b6a")


def schema_load(client, table: str):
    existing = client.list_tables()["TableNames"]
    if table in existing:
        print(f"table {table} already exists")
        return
    client.create_table(TableName=table, **TABLE_SCHEMA)
    client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    print(f"created table {table}")


def drop(client, table: str):
    client.delete_table(TableName=table)
    client.get_waiter("table_not_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 60})
    print(f"deleted table {table}")


def list_tables(client, _table: str):
    for name in client.get_paginator("list_tables").paginate().build_full_result()["TableNames"]:
        print(name)


def scan(client, table: str, limit: str = "100"):
    remaining = int(limit)
    for page in client.get_paginator("scan").paginate(TableName=table):
        for item in page["Items"]:
            if remaining <= 0:
                return
            print(json.dumps(item, sort_keys=True))
            remaining -= 1


def people(handles=(), uuids=()) -> list[dict]:
    """uuid and handle of the people in PostgreSQL with these handles or uuids."""
    url = os.environ.get("CONNECTION_URL")
    if not url:
        raise SystemExit("error: CONNECTION_URL is not set (needed to look people up)")
    with psycopg.connect(url, row_factory=dict_row) as conn:
        return conn.execute(
            "SELECT uuid::text, handle FROM users"
            " WHERE lower(handle) = ANY(%(handles)s) OR uuid = ANY(%(uuids)s::uuid[])",
            {"handles": [h.lower() for h in handles], "uuids": sorted(set(uuids))},
        ).fetchall()


def users_by_handle(handles) -> dict[str, dict]:
    return {row["handle"].lower(): row for row in people(handles=handles)}


def handles_by_uuid(uuids) -> dict[str, str]:
    """Each person's handle; the store knows people by uuid only."""
    return {row["uuid"]: row["handle"] for row in people(uuids=uuids)}


def seed(client, table: str):
    """Writes each demo conversation that is not there yet. A conversation the
    pair already has without the demo messages (their own, or an older seed's)
    is left alone; one that has some of them gets the rest, at their times."""
    known = users_by_handle({handle for pair, _ in DEMO_CONVERSATIONS for handle in pair})
    for pair, lines in DEMO_CONVERSATIONS:
        if not all(handle in known for handle in pair):
            print(f"demo conversation @{pair[0]} and @{pair[1]} skipped: not both in users")
            continue
        seed_conversation(*(known[handle] for handle in pair), lines)


def seed_conversation(first: dict, second: dict, lines: list[tuple[int, str, str]]):
    group = group_uuid_for(first["uuid"], second["uuid"])
    uuids = [str(uuid.uuid5(DEMO_NAMESPACE, f"{group}#{n}")) for n in range(len(lines))]
    written = {}
    if message_store.group(group) is not None:
        messages, _ = message_store.list_messages(group, None, 100)
        written = {m["message_uuid"]: m["created_at"] for m in messages if m["message_uuid"] in uuids}
        if not written or len(written) == len(uuids):
            print(f"demo conversation {group} already there")
            return
    # The messages already written keep their times; the others are placed around them.
    start = datetime.now(UTC)
    for message_uuid, (minutes_ago, _, _) in zip(uuids, lines, strict=True):
        if message_uuid in written:
            start = datetime.fromisoformat(written[message_uuid]) + timedelta(minutes=minutes_ago)
            break
    by_handle = {first["handle"].lower(): first, second["handle"].lower(): second}
    for message_uuid, (minutes_ago, sender, text) in zip(uuids, lines, strict=True):
        if message_uuid in written:
            continue
        recipient = second if by_handle[sender] is first else first
        at = iso_time(start - timedelta(minutes=minutes_ago))
        message_store.send(by_handle[sender]["uuid"], recipient["uuid"], text, at, message_uuid)
    print(f"seeded demo conversation {group} ({len(uuids) - len(written)} messages)")


def list_conversations(client, table: str, handle: str):
    person = users_by_handle([handle]).get(handle.lower())
    if person is None:
        raise SystemExit(f"error: no user with handle {handle}")
    groups, _ = message_store.list_groups(person["uuid"], None, 50)
    handles = handles_by_uuid(group["user_uuid"] for group in groups)
    for group in groups:
        other = handles.get(group["user_uuid"], group["user_uuid"])
        print(f"{group['created_at']}  {group['message_group_uuid']}  @{other}: {group['message']}")


def get_conversation(client, table: str, group_uuid: str):
    summaries = client.query(
        TableName=table,
        IndexName=GROUP_INDEX,
        KeyConditionExpression="message_group_uuid = :g",
        ExpressionAttributeValues={":g": {"S": group_uuid}},
    )["Items"]
    messages, _ = message_store.list_messages(group_uuid, None, 50)
    handles = handles_by_uuid([s["user_uuid"]["S"] for s in summaries] + [m["user_uuid"] for m in messages])
    for summary in summaries:
        other = summary["user_uuid"]["S"]
        print(f"summary {summary['pk']['S']} sk={summary['sk']['S']} with @{handles.get(other, other)}")
    for message in reversed(messages):
        sender = message["user_uuid"]
        print(f"{message['created_at']}  @{handles.get(sender, sender)}: {message['message']}")


COMMANDS = {
    "schema-load": schema_load,
    "drop": drop,
    "list-tables": list_tables,
    "scan": scan,
    "seed": seed,
    "list-conversations": list_conversations,
    "get-conversation": get_conversation,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    client = create_client(region, os.environ.get("AWS_ENDPOINT_URL") or None)
    table = os.environ.get("DDB_MESSAGE_TABLE", "cruddur-messages")
    ddb.client, ddb.table = client, table
    COMMANDS[argv[0]](client, table, *argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
