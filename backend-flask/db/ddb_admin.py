"""DynamoDB table administration behind the bin/ddb scripts.

    python db/ddb_admin.py schema-load    create the messages table (no-op if it exists)
    python db/ddb_admin.py drop           delete the messages table
    python db/ddb_admin.py list-tables    list the tables
    python db/ddb_admin.py scan [LIMIT]   print the table's items as JSON lines

Honours AWS_ENDPOINT_URL (DynamoDB Local), AWS_DEFAULT_REGION and DDB_MESSAGE_TABLE.
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.ddb import TABLE_SCHEMA, create_client  # noqa: E402


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


COMMANDS = {"schema-load": schema_load, "drop": drop, "list-tables": list_tables, "scan": scan}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    region = os.environ.get("AWS_DEFAULT_REGION", "us-east-1")
    client = create_client(region, os.environ.get("AWS_ENDPOINT_URL") or None)
    table = os.environ.get("DDB_MESSAGE_TABLE", "cruddur-messages")
    COMMANDS[argv[0]](client, table, *argv[1:])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
