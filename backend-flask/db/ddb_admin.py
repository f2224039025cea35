"""DynamoDB table administration behind the bin/ddb scripts.

    python db/ddb_admin.py schema-load    create the messages table (no-op if it exists)
    python db/ddb_admin.py drop           delete the messages table
    python db/ddb_admin.py list-tables    list the tables
    python db/ddb_admin.py scan [LIMIT]   print the table's items as JSON lines
    python db/ddb_admin.py seed           a demo conversation between demo users (once)
    python db/ddb_admin.py list-conversations HANDLE   someone's conversations, most recent first
    python db/ddb_admin.py get-conversation GROUP      a conversation's summaries and messages

Honours AWS_ENDPOINT_URL (DynamoDB Local), AWS_DEFAULT_REGION and DDB_MESSAGE_TABLE;
seed and list-conversations also read users from CONNECTION_URL.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402
from psycopg.rows import dict_row  # noqa: E402

from lib.ddb import GROUP_INDEX, TABLE_SCHEMA, create_client, ddb  # noqa: E402
from lib.message_store import group_uuid_for, message_store  # noqa: E402

DEMO_CONVERSATION = [
    ("andrewbrown", "bayko", "Have you seen the new crud TTLs? Thirty days is the longest."),
    ("bayko", "andrewbrown", "Thirty days is forever on Cruddur."),
    ("andrewbrown", "bayko", "Ship it anyway."),
]


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
    known = users_by_handle({h for line in DEMO_CONVERSATION for h in line[:2]})
    first_sender, first_recipient = (known[h] for h in DEMO_CONVERSATION[0][:2])
    group = group_uuid_for(first_sender["uuid"], first_recipient["uuid"])
    if message_store.group(group) is not None:
        print(f"demo conversation {group} already there")
        return
    for sender, recipient, text in DEMO_CONVERSATION:
        message_store.send(known[sender]["uuid"], known[recipient]["uuid"], text)
    print(f"seeded demo conversation {group} ({len(DEMO_CONVERSATION)} messages)")


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
