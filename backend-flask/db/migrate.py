"""Applies and rolls back the SQL migrations in db/migrations with yoyo.

    python db/migrate.py apply            apply every pending migration
    python db/migrate.py rollback [N]     undo the last N applied migrations (default 1)
    python db/migrate.py status           list migrations, A = applied, U = pending

The database is CONNECTION_URL.
"""

import os
import sys
from pathlib import Path

from yoyo import get_backend, read_migrations

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def backend_for(url: str):
    # yoyo picks the driver from the scheme; psycopg 3 is "postgresql+psycopg".
    scheme, rest = url.split("://", 1)
    return get_backend(f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url)


def main(argv: list[str]) -> int:
    url = os.environ.get("CONNECTION_URL")
    if not url:
        print("error: CONNECTION_URL is not set", file=sys.stderr)
        return 2
    command = argv[0] if argv else "apply"
    backend = backend_for(url)
    migrations = read_migrations(str(MIGRATIONS_DIR))
    with backend.lock():
        if command == "apply":
            pending = backend.to_apply(migrations)
            for migration in pending:
                print(f"applying {migration.id}")
            backend.apply_migrations(pending)
            print(f"{len(pending)} migration(s) applied")
        elif command == "rollback":
            steps = int(argv[1]) if len(argv) > 1 else 1
            applied = backend.to_rollback(migrations)[:steps]
            for migration in applied:
                print(f"rolling back {migration.id}")
            backend.rollback_migrations(applied)
            print(f"{len(applied)} migration(s) rolled back")
        elif command == "status":
            for migration in migrations:
                print(("A " if backend.is_applied(migration) else "U ") + migration.id)
        else:
            print(__doc__, file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
