import psycopg
from yoyo import read_migrations

from conftest import BACKEND_DIR
from migrate import backend_for


def tables(url):
    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


def test_every_migration_rolls_back_and_reapplies(database_url):
    migrations = read_migrations(str(BACKEND_DIR / "db" / "migrations"))
    backend = backend_for(database_url)
    before = tables(database_url)
    try:
        with backend.lock():
            backend.rollback_migrations(backend.to_rollback(migrations))
        assert tables(database_url) - before == set()
        assert not [t for t in tables(database_url) if not t.startswith("_yoyo") and not t.startswith("yoyo")]
    finally:
        with backend.lock():
            backend.apply_migrations(backend.to_apply(migrations))
        backend.connection.close()
    assert tables(database_url) == before
