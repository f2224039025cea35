"""Sets a person's role (bin/db/set-role HANDLE ROLE); the database is CONNECTION_URL."""

import os
import sys
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.db import template  # noqa: E402


def main(argv: list[str]) -> int:
    url = os.environ.get("CONNECTION_URL")
    if not url:
        print("error: CONNECTION_URL is not set", file=sys.stderr)
        return 2
    handle, role = argv
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(template("users/set_role"), {"handle": handle, "role": role}).fetchone()
    if row is None:
        print(f"error: nobody has the handle {handle!r}", file=sys.stderr)
        return 1
    print(f"@{row[0]} is now {row[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
