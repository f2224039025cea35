"""Link users rows to their Cognito identities: users.cognito_user_id = the sub
of the pool's user with the same email (compared case-insensitively).

Run it through bin/db/update-cognito-user-ids, which uses the project's
virtual environment. Needed after rows were created with other ids (the demo
seed, a restored dump, a recreated user pool). Every change happens in one
transaction: all of it, or, on any conflict, none of it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "lib"))

from cognito_pool import PoolError, check_pool_id, list_users

FIND_ROW = "SELECT uuid, handle, email, cognito_user_id FROM users WHERE lower(email) = lower(%(email)s)"
HOLDER = "SELECT handle, email FROM users WHERE cognito_user_id = %(sub)s"
# Rows to change first take a placeholder unique to them, so that two rows may
# swap their ids without tripping the unique index halfway.
PARK = "UPDATE users SET cognito_user_id = 'relinking:' || uuid::text WHERE uuid = ANY(%(uuids)s)"
LINK = "UPDATE users SET cognito_user_id = %(sub)s, updated_at = now() WHERE uuid = %(uuid)s"
COUNT_ROWS = "SELECT count(*) FROM users"


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 1


def plan(conn, users: list[dict]) -> tuple[list[tuple[dict, dict]], list[tuple[str, str]]]:
    """The (row, pool user) pairs to link, and a (kind, text) report line for every pool user."""
    changes, report = [], []
    emails = Counter(user["email"].lower() for user in users if user["email"])
    for user in sorted(users, key=lambda item: (item["email"].lower(), item["sub"])):
        if not user["email"] or not user["sub"]:
            report.append(("skipped", f"{user['username']}: no email or sub in Cognito"))
            continue
        if emails[user["email"].lower()] > 1:
            report.append(("skipped", f"{user['email']} (sub {user['sub']}): several Cognito users have this email"))
            continue
        row = conn.execute(FIND_ROW, {"email": user["email"]}).fetchone()
        if row is None:
            report.append(("no row", f"{user['email']} (sub {user['sub']}): no users row has this email"))
        elif row["cognito_user_id"] == user["sub"]:
            report.append(("unchanged", f"{row['email']} (@{row['handle']}): {user['sub']}"))
        else:
            changes.append((row, user))
            old, new = row["cognito_user_id"], user["sub"]
            report.append(("updated", f"{row['email']} (@{row['handle']}): {old} -> {new}"))
    return changes, report


def apply(conn, changes: list[tuple[dict, dict]]) -> str | None:
    """Links the rows; returns why it could not, or None."""
    conn.execute(PARK, {"uuids": [row["uuid"] for row, _ in changes]})
    for row, user in changes:
        holder = conn.execute(HOLDER, {"sub": user["sub"]}).fetchone()
        if holder is not None:
            return (
                f"sub {user['sub']} (Cognito user {user['email']}) already belongs to the row of "
                f"@{holder['handle']} ({holder['email']}), whose email is not {user['email']} in Cognito. "
                "Fix that row's email or the Cognito user, then run this again."
            )
        conn.execute(LINK, {"sub": user["sub"], "uuid": row["uuid"]})
    return None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="bin/db/update-cognito-user-ids",
        description="Set users.cognito_user_id to the sub of the Cognito user with the same email, for every "
        "user of the pool, and print what changed. All changes are made in one transaction.",
        epilog="The database is CONNECTION_URL; the pool is AWS_COGNITO_USER_POOL_ID unless --pool-id is given. "
        "AWS credentials come from the standard chain; AWS_ENDPOINT_URL points at an emulator.",
    )
    parser.add_argument("--pool-id", default=os.environ.get("AWS_COGNITO_USER_POOL_ID"), help="the user pool id")
    parser.add_argument("--dry-run", action="store_true", help="print what would change and change nothing")
    args = parser.parse_args(argv)

    url = os.environ.get("CONNECTION_URL")
    if not url:
        return fail("CONNECTION_URL is not set: export the PostgreSQL URL of the database to update.")
    try:
        pool_id = check_pool_id(args.pool_id)
        database = conninfo_to_dict(url).get("dbname") or "(default)"
    except (PoolError, psycopg.ProgrammingError) as error:
        return fail(str(error))

    print(f"==> Reading the users of Cognito user pool {pool_id}")
    try:
        users = list_users(pool_id)
    except PoolError as error:
        return fail(str(error))

    verb = "Checking (dry run)" if args.dry_run else "Updating"
    print(f"==> {verb} users.cognito_user_id in database '{database}' for {len(users)} Cognito user(s), by email")
    try:
        with psycopg.connect(url, connect_timeout=5, row_factory=dict_row) as conn, conn.transaction() as tx:
            changes, report = plan(conn, users)
            for kind, text in report:
                print(f"    {kind:<10} {text}")
            if not report:
                print("    (the pool has no users)")
            total = conn.execute(COUNT_ROWS).fetchone()["count"]
            problem = apply(conn, changes) if changes else None
            if problem or args.dry_run:
                raise psycopg.Rollback(tx)
    except psycopg.OperationalError as error:
        return fail(f"could not connect to database '{database}': {error}".strip())
    except psycopg.Error as error:
        return fail(f"database '{database}': {error}".strip())
    if problem:
        return fail(f"{problem} Nothing was changed.")

    kinds = [kind for kind, _ in report]
    linked, missing = kinds.count("unchanged"), kinds.count("no row")
    done = "would be updated (dry run: nothing was changed)" if args.dry_run else "updated"
    print(f"{len(changes)} row(s) {done}, {linked} already linked, {missing} Cognito user(s) without a users row.")
    unmatched = total - len(changes) - linked
    if unmatched:
        print(f"{unmatched} users row(s) match no Cognito user by email.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
