"""One open database, SQLite or PostgreSQL, behind the few operations a sync needs.

``sqlite:///path/to/file.db`` opens a file with the standard library's ``sqlite3``;
``postgresql://user:password@host:port/dbname`` (or ``postgres://``) connects with psycopg 3,
the ``llmdex[postgres]`` extra, imported only then. Either way the whole sync is one
transaction that holds the database's write lock from its first statement: SQLite's
``BEGIN IMMEDIATE``, PostgreSQL's transaction-scoped advisory lock. A second sync waits for
the first, then finds nothing to do.
"""

from __future__ import annotations

import contextlib
import json
import os
from datetime import date
from decimal import Decimal

from llmdex.errors import DatabaseError, DatabaseURLError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from typing import Any

    from llmdex.db.schema import Column

DEFAULT_URL = "sqlite:///llmdex.db"
"""Where ``llmdex db sync`` writes without a URL: a SQLite file in the working directory."""

_LOCK_KEY = 0x6C6C6D646578  # "llmdex": the advisory lock every llmdex sync takes
_WAIT_SECONDS = 600.0


def first_line(error: BaseException) -> str:
    """The first line of a driver's error message (they run to several), or its type."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


_SECRET_PARAMETERS = frozenset({"password", "sslpassword"})
"""libpq connection parameters that hold a secret when given in the URL's query."""


def shown_url(url: str) -> str:
    """``url`` with any password masked (in the user part or the query), for messages."""
    from urllib.parse import parse_qsl, urlencode

    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    rest, question, query = rest.partition("?")
    userinfo, at, host = rest.rpartition("@")
    if at and ":" in userinfo:
        rest = f"{userinfo.split(':', 1)[0]}:***@{host}"
    if question:
        pairs = parse_qsl(query, keep_blank_values=True)
        masked = [(k, "***" if k.lower() in _SECRET_PARAMETERS else v) for k, v in pairs]
        query = urlencode(masked, safe="*")
    return f"{scheme}://{rest}{question}{query}"


class Database:
    """A connection in one dialect (``"sqlite"`` or ``"postgresql"``), in a transaction."""

    def __init__(self, url: str) -> None:
        self.url = shown_url(url)
        scheme = url.partition("://")[0].lower() if "://" in url else ""
        self._new_file: str | None = None
        if scheme == "sqlite":
            self.dialect = "sqlite"
            path = _sqlite_path(url, self.url)
            self._new_file = None if os.path.exists(path) else path
            self._connection: Any = _sqlite(path, self.url)
            self._mark = "?"
            if self._new_file is not None:
                self.keep_readers_going()
        elif scheme in {"postgresql", "postgres"}:
            self.dialect = "postgresql"
            self._connection = _postgresql(url, self.url)
            self._mark = "%s"
        else:
            raise DatabaseURLError(
                self.url,
                "not a database URL; use sqlite:///FILE (for example sqlite:///llmdex.db) or "
                "postgresql://USER:PASSWORD@HOST/DBNAME",
            )

    # -- transaction ---------------------------------------------------------------------

    def begin(self) -> None:
        """Start the transaction and take the write lock (waits for another sync)."""
        if self.dialect == "sqlite":
            self.execute("BEGIN IMMEDIATE")
        else:
            self.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_KEY,))

    def commit(self) -> None:
        """Commit the transaction."""
        if self.dialect == "sqlite":
            self.execute("COMMIT")
        else:
            self._connection.commit()

    def rollback(self) -> None:
        """Undo everything since :meth:`begin`."""
        if self.dialect == "sqlite":
            if self._connection.in_transaction:
                self.execute("ROLLBACK")
        else:
            self._connection.rollback()

    def keep_readers_going(self) -> None:
        """SQLite: switch the file to write-ahead logging, so readers go on while a sync
        writes. Only for a file llmdex made or has written: a file it refused (or only
        looked at, under ``--dry-run``) is left as it was."""
        if self.dialect == "sqlite":
            self.execute("PRAGMA journal_mode=WAL")

    def close(self, *, keep_new_file: bool = True) -> None:
        """Close the connection (rolling back anything not committed); without
        ``keep_new_file``, a SQLite file this connection created is removed."""
        self._connection.close()
        if self._new_file is not None and not keep_new_file:
            for suffix in ("", "-wal", "-shm", "-journal"):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(self._new_file + suffix)

    # -- statements ----------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; its rows, if it returns any."""
        cursor = self._connection.cursor()
        try:
            cursor.execute(self._sql(sql), tuple(params))
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            cursor.close()

    def execute_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        cursor = self._connection.cursor()
        try:
            cursor.executemany(self._sql(sql), [tuple(row) for row in rows])
        finally:
            cursor.close()

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Insert rows (PostgreSQL: with ``COPY``, many times faster than inserts)."""
        if not rows:
            return
        if self.dialect == "sqlite":
            marks = ", ".join("?" * len(columns))
            self.execute_many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            return
        cursor = self._connection.cursor()
        try:
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        finally:
            cursor.close()

    def tables(self) -> set[str]:
        """The names of the tables in the database (PostgreSQL: in the current schema)."""
        if self.dialect == "sqlite":
            found = self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        else:
            found = self.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        return {str(name) for (name,) in found}

    # -- values --------------------------------------------------------------------------

    def encode(self, column: Column, value: Any) -> Any:
        """A Python value as this database stores it in ``column``."""
        if value is None:
            return None
        kind = column.type
        if kind == "json":
            return json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
        if self.dialect == "sqlite":
            if kind == "timestamp":
                return value.isoformat()
            if kind == "bool":
                return int(value)
            if kind == "decimal":
                return float(value)
            return value
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "decimal":
            return Decimal(value)
        return value

    def decode(self, column: Column, value: Any) -> Any:
        """A value read from ``column``, as Python compares it."""
        if value is None:
            return None
        kind = column.type
        if kind == "json":
            return json.loads(value) if isinstance(value, str) else value
        if kind == "bool":
            return bool(value)
        if kind == "date":
            return value.isoformat() if isinstance(value, date) else str(value)
        if kind == "decimal":
            return float(value) if self.dialect == "sqlite" else Decimal(value)
        return value

    def reader(self, column: Column) -> Callable[[Any], Any] | None:
        """:meth:`decode` for one column, or ``None`` where it returns values as they are."""
        if column.type in {"text", "int", "timestamp"}:
            return None
        return lambda value: self.decode(column, value)

    def normalizer(self, column: Column) -> Callable[[Any], Any] | None:
        """How a Python value reads back from ``column`` (what a no-op sync compares), or
        ``None`` where it reads back as it is."""
        if column.type in {"text", "int", "timestamp"}:
            return None
        if column.type in {"date", "bool"}:  # decoding alone gives what a read gives
            return lambda value: self.decode(column, value)
        return lambda value: self.decode(column, self.encode(column, value))

    def _sql(self, sql: str) -> str:
        return sql if self._mark == "%s" else sql.replace("%s", "?")


def _sqlite_path(url: str, shown: str) -> str:
    path = url.split("://", 1)[1]
    path = path[1:] if path.startswith("/") else path  # sqlite:///rel, sqlite:////abs
    if not path:
        raise DatabaseURLError(shown, "no file name; use sqlite:///FILE, e.g. sqlite:///llmdex.db")
    return path


def _sqlite(path: str, shown: str) -> Any:
    import sqlite3

    try:
        # isolation_level=None: the sync issues BEGIN IMMEDIATE and COMMIT itself.
        connection = sqlite3.connect(path, timeout=_WAIT_SECONDS, isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseError(shown, f"cannot open the SQLite file {path!r}: {exc}") from None
    return connection


def _postgresql(url: str, shown: str) -> Any:
    try:
        import psycopg
    except ImportError:
        raise DatabaseError(
            shown, "PostgreSQL needs psycopg 3: pip install 'llmdex[postgres]'"
        ) from None
    try:
        return psycopg.connect(url, connect_timeout=30)
    except psycopg.Error as exc:
        message = first_line(exc)
        for secret in _secrets(url):
            message = message.replace(secret, "***")
        raise DatabaseError(shown, f"cannot connect: {message}") from None


def _secrets(url: str) -> list[str]:
    # The passwords a URL carries, as written and decoded, so no driver message repeats one.
    from urllib.parse import parse_qsl, unquote, urlsplit

    parts = urlsplit(url)
    found = [parts.password or ""]
    found += [v for k, v in parse_qsl(parts.query) if k.lower() in _SECRET_PARAMETERS]
    return [form for value in found if value for form in {value, unquote(value)}]
