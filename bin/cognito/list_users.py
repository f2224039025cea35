"""List the users of the Cognito user pool: sub, email, preferred_username.

Run it through bin/cognito/list-users, which uses the project's virtual
environment. The pool is AWS_COGNITO_USER_POOL_ID (or --pool-id); credentials
come from the standard AWS chain.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from cognito_pool import PoolError, check_pool_id, list_users

COLUMNS = ("sub", "email", "preferred_username", "status")


def table(users: list[dict]) -> str:
    rows = [COLUMNS, *[tuple(str(user[column]) for column in COLUMNS) for user in users]]
    widths = [max(len(row[index]) for row in rows) for index in range(len(COLUMNS))]
    lines = ("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bin/cognito/list-users",
        description="List the users of a Cognito user pool with their sub, email, preferred_username and status.",
        epilog="The pool is AWS_COGNITO_USER_POOL_ID unless --pool-id is given. Credentials come from the "
        "standard AWS chain; AWS_ENDPOINT_URL points at an emulator.",
    )
    parser.add_argument("--pool-id", default=os.environ.get("AWS_COGNITO_USER_POOL_ID"), help="the user pool id")
    parser.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    args = parser.parse_args(argv)
    try:
        pool_id = check_pool_id(args.pool_id)
        print(f"==> Listing the users of Cognito user pool {pool_id}", file=sys.stderr)
        users = sorted(list_users(pool_id), key=lambda user: (user["email"].lower(), user["sub"]))
    except PoolError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(users, indent=2))
    else:
        print(table(users))
    print(f"{len(users)} user(s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
