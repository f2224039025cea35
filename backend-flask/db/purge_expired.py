"""Deletes expired cruds (and their replies, likes, reposts and notifications;
not the threads held for the moderators, until their hold ends), the
snapshots of reports closed more than 30 days ago,
idempotency keys past their lifetime, ended rate-limit windows, expired
refresh tokens, sign-ups never confirmed within their day, and live events past their
replay window with expired stream tickets (which the stream process also purges), in
batches, each its own short
transaction, so it can run at any time next to the live API. Run by
bin/db/purge-expired; the database is CONNECTION_URL."""

import os
import sys
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.db import template  # noqa: E402
from lib.idempotency_store import KEY_LIFETIME  # noqa: E402
from services.auth.identities import PENDING_SECONDS  # noqa: E402
from services.live_events import KEEP_SECONDS  # noqa: E402


def purge_batches(connection_url: str, name: str, batch: int, what: str, **params) -> int:
    """Runs the delete `name` until a batch comes back short; returns how many rows went."""
    total = 0
    with psycopg.connect(connection_url, autocommit=True) as conn:
        while True:
            deleted = conn.execute(template(name), {"batch": batch, **params}).rowcount
            total += deleted
            if deleted:
                print(f"deleted {deleted} {what} ({total} so far)", flush=True)
            if deleted < batch:
                return total
            time.sleep(0.05)  # let the API's writes through between batches


def purge(connection_url: str, batch: int) -> int:
    return purge_batches(connection_url, "activities/purge_expired", batch, "expired activities")


def forget_report_snapshots(connection_url: str, batch: int) -> int:
    return purge_batches(connection_url, "reports/forget_snapshots", batch, "snapshots of reports closed 30 days ago")


def purge_idempotency_keys(connection_url: str, batch: int) -> int:
    return purge_batches(
        connection_url, "idempotency/purge_expired", batch, "expired idempotency keys", lifetime=KEY_LIFETIME
    )


def purge_identity_leftovers(connection_url: str, batch: int) -> int:
    return (
        purge_batches(connection_url, "rate_limits/purge_ended", batch, "ended rate-limit windows")
        + purge_batches(connection_url, "local_auth/purge_refresh_tokens", batch, "expired refresh tokens")
        + purge_batches(
            connection_url,
            "local_auth/purge_pending",
            batch,
            "unconfirmed sign-ups",
            pending_seconds=PENDING_SECONDS,
        )
    )


def purge_stream_log(connection_url: str) -> int:
    with psycopg.connect(connection_url, autocommit=True) as conn:
        return conn.execute(template("stream/purge"), {"keep_seconds": KEEP_SECONDS}).fetchone()[0]


def main(argv: list[str]) -> int:
    url = os.environ.get("CONNECTION_URL")
    if not url:
        print("error: CONNECTION_URL is not set", file=sys.stderr)
        return 2
    batch = int(argv[0]) if argv else 1000
    print(f"{purge_idempotency_keys(url, batch)} expired idempotency keys deleted")
    print(f"{purge_identity_leftovers(url, batch)} ended windows, expired refresh tokens and stale sign-ups deleted")
    print(f"{purge(url, batch)} expired activities deleted")
    print(f"{forget_report_snapshots(url, batch)} report snapshots past their keeping forgotten")
    print(f"{purge_stream_log(url)} live events past their replay window and expired stream tickets deleted")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
