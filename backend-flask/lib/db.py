"""PostgreSQL access: one connection pool per process and SQL kept in files.

Every query lives in `db/sql/<area>/<name>.sql` with named, bound parameters
(`%(name)s`). Callers name the template, never build SQL strings.
"""

from contextlib import contextmanager
from functools import cache
from pathlib import Path

import psycopg
import psycopg_pool
from psycopg.rows import dict_row, tuple_row

from lib.errors import IntegrityFailed, Unavailable
from lib.tracing import span

SQL_DIR = Path(__file__).resolve().parent.parent / "db" / "sql"
# How long a request waits for a connection while PostgreSQL is known to be down.
OUTAGE_WAIT_SECONDS = 0.1


@cache
def template(name: str) -> str:
    """The text of `db/sql/<name>.sql`, e.g. template("users/uuid_by_handle")."""
    return (SQL_DIR / f"{name}.sql").read_text()


@cache
def template_beside(name: str, alias: str, beside: str) -> str:
    """`name`'s SQL as a scalar subquery that can refer to the row of
    `beside`'s SQL as `alias`, with that row's columns after its value."""
    return (
        f"WITH {alias} AS MATERIALIZED (\n{template(beside)}\n)\n"
        f"SELECT (\n{template(name)}\n) AS value, {alias}.* FROM (VALUES (1)) AS one LEFT JOIN {alias} ON true"
    )


class Database:
    def __init__(self):
        self.pool: psycopg_pool.ConnectionPool | None = None
        self.failing = False

    def init_app(self, app):
        settings = app.config["SETTINGS"]
        app.extensions["db"] = self
        self.configure(settings.connection_url, settings.db_pool_size, settings.avatar_bases)

    def configure(self, connection_url: str, pool_size: int = 4, session_settings: dict | None = None):
        """Opens the pool; `session_settings` become settings of every connection."""
        # Every template is a key or keyset lookup whose best plan does not depend
        # on the values bound to it, so plan each prepared statement once: left to
        # itself, PostgreSQL re-planned the home feed on every call (+0.3 ms).
        # No JIT either: every statement reads a page or a row, and compiling one to
        # machine code takes longer than running it (the following timeline's generic
        # plan is costed high enough to be compiled: 90 ms a statement, 2 ms without).
        settings = {"plan_cache_mode": "force_generic_plan", "jit": "off"} | (session_settings or {})
        options = " ".join(f"-c {name}={value}" for name, value in settings.items())
        if self.pool is not None and (self.pool.conninfo, self.pool.kwargs.get("options")) == (connection_url, options):
            return  # another app in this process (tests) shares the pool
        self.close()
        self.pool = psycopg_pool.ConnectionPool(
            connection_url,
            min_size=1,
            max_size=pool_size,
            # A request waits at most this long for a connection (the first one to
            # find PostgreSQL down; then OUTAGE_WAIT_SECONDS).
            timeout=1.5,
            # The pool retries a failed connection with a doubling delay (1, 2, 4 s...) for
            # this long, then gives up until the next request asks for one: a short span
            # keeps retries about a second apart, so the API is back soon after PostgreSQL.
            reconnect_timeout=2,
            kwargs={"autocommit": True, "connect_timeout": 2, "options": options},
            open=False,
            name="cruddur",
        )
        # Do not wait: the API starts (and reports itself unhealthy) while PostgreSQL is down.
        self.pool.open(wait=False)

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    @contextmanager
    def connection(self):
        """A pooled connection; a PostgreSQL that does not answer becomes a 503.

        Once one has not answered, until a connection is had again, requests wait
        for one only briefly: during an outage workers answer 503 at once instead of
        each being held for the pool's whole wait, while the pool keeps reconnecting."""
        try:
            with self.pool.connection(timeout=OUTAGE_WAIT_SECONDS if self.failing else None) as conn:
                self.failing = False
                yield conn
        except (psycopg.OperationalError, psycopg_pool.PoolTimeout) as error:
            self.failing = True
            raise Unavailable("postgres_unavailable") from error

    @contextmanager
    def transaction(self):
        """A connection inside one transaction: all of it commits, or none."""
        with self.connection() as conn, conn.transaction():
            yield conn

    def query_value(self, name: str, params: dict | None = None, conn=None):
        """The first column of the first row (None when there is no row)."""
        row = self._fetch(name, params, conn, one=True, row_factory=None)
        return row[0] if row else None

    def query_value_beside(self, name: str, params: dict, alias: str, beside: str) -> tuple[object, dict | None]:
        """`name`'s value and the row of `beside` (None when it has none), read in
        one statement: `name`'s SQL finds that row as `alias`. One round trip for
        what would take two, e.g. a read and the caller it is read for."""
        with span("sql", name), self._use(None) as active, active.cursor(row_factory=dict_row) as cur:
            cur.execute(template_beside(name, alias, beside), params)
            row = cur.fetchone()
        value = row.pop("value")
        return value, row if any(v is not None for v in row.values()) else None

    def query_one(self, name: str, params: dict | None = None, conn=None) -> dict | None:
        return self._fetch(name, params, conn, one=True, row_factory=dict_row)

    def query_all(self, name: str, params: dict | None = None, conn=None) -> list[dict]:
        return self._fetch(name, params, conn, one=False, row_factory=dict_row)

    def execute(self, name: str, params: dict | None = None, conn=None) -> int:
        """Runs a statement; returns the number of rows it touched."""
        with span("sql", name), self._use(conn) as active:
            return active.execute(template(name), params or {}).rowcount

    def ping(self) -> bool:
        try:
            with self.connection() as conn:
                conn.execute("SELECT 1")
            return True
        except (Unavailable, psycopg.Error):
            return False

    @contextmanager
    def _use(self, conn):
        """The caller's connection (inside its transaction), or a pooled one."""
        try:
            if conn is not None:
                yield conn
            else:
                with self.connection() as pooled:
                    yield pooled
        except psycopg.IntegrityError as error:
            raise IntegrityFailed(error.diag.constraint_name) from error

    def _fetch(self, name, params, conn, *, one, row_factory):
        with span("sql", name), self._use(conn) as active, active.cursor(row_factory=row_factory or tuple_row) as cur:
            cur.execute(template(name), params or {})
            return cur.fetchone() if one else cur.fetchall()


db = Database()
