"""``llmdex db sync``: make a database hold the installed catalog, losing nothing.

A sync is one transaction under the database's write lock: it migrates the schema to
:data:`~llmdex.db.schema.SCHEMA_VERSION`, reads the rows it wrote before, and
compares them with the catalog's (:mod:`llmdex.db.rows`):

* rows the catalog gives and the database lacks are inserted; rows that differ are updated;
* a provider or model the catalog no longer gives is marked ``unavailable_since``, never
  deleted (usage records point at it); rows of the derived tables (``prices``,
  ``effective_prices``, ``model_names``) the catalog no longer gives are deleted, so price
  periods never overlap;
* rows whose ``origin`` is not ``'llmdex'`` (anyone else's) and columns a user added are
  never touched;
* a sync of the catalog the database already holds changes nothing, not even a timestamp;
  a changing sync records itself in ``catalog_versions``.

A failure, or a kill, before the commit leaves the database as it was.
"""

from __future__ import annotations

from datetime import UTC, datetime

from llmdex.db.database import DEFAULT_URL, Database, first_line
from llmdex.db.rows import catalog_rows
from llmdex.db.schema import OWN, SCHEMA_VERSION, TABLE, TABLES, Table, migration
from llmdex.errors import DatabaseError
from llmdex.records.about import CatalogInfo, version
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from llmdex.db.rows import Rows
    from llmdex.facade import Catalog

_KEPT = ("models", "providers")
"""Tables whose rows are marked unavailable instead of deleted."""


@record
class TableChanges(Record):
    """What a sync did (or, dry, would do) to one table."""

    table: str
    inserted: int = 0
    updated: int = 0
    deleted: int = 0
    marked: int = 0
    """Rows marked ``unavailable_since``: models and providers the catalog no longer lists."""
    kept: int = 0
    """Rows the catalog also gives but a user owns (``origin`` not ``'llmdex'``): left alone."""

    @property
    def changed(self) -> int:
        """Rows inserted, updated, deleted or marked."""
        return self.inserted + self.updated + self.deleted + self.marked


@record
class SyncReport(Record):
    """What one sync did: the schema versions before and after, and the changes per table.

    Example:
        >>> report = llmdex.db.sync("sqlite:///llmdex.db")  # doctest: +SKIP
        >>> report.changed, str(report).splitlines()[0]  # doctest: +SKIP
        (0, 'sqlite:///llmdex.db: catalog 2026-07-02 already in sync (schema 2)')
    """

    url: str
    dialect: str
    catalog: CatalogInfo
    schema_before: int
    """The schema version found: 0 for a new database."""
    schema_after: int
    tables: tuple[TableChanges, ...]
    dry_run: bool = False

    @property
    def changed(self) -> int:
        """Rows changed in every table."""
        return sum(t.changed for t in self.tables)

    def __str__(self) -> str:
        would = "would be " if self.dry_run else ""
        head = f"{self.url}: catalog {self.catalog.date}"
        lines = []
        if self.schema_before != self.schema_after:
            start = "a new database" if not self.schema_before else f"{self.schema_before}"
            lines.append(f"schema {would}migrated from {start} to {self.schema_after}")
        if not self.changed:
            return "\n".join([f"{head} already in sync (schema {self.schema_after})", *lines])
        for t in self.tables:
            counts = [
                f"{n:,} {what}"
                for n, what in (
                    (t.inserted, "inserted"),
                    (t.updated, "updated"),
                    (t.marked, "marked unavailable"),
                    (t.deleted, "deleted"),
                    (t.kept, "left to their user"),
                )
                if n
            ]
            if counts:
                lines.append(f"  {t.table}: {', '.join(counts)}")
        verb = "would change" if self.dry_run else "changed"
        return "\n".join([f"{head}: {self.changed:,} rows {verb}", *lines])


def sync_catalog(
    catalog: Catalog,
    url: str = DEFAULT_URL,
    *,
    dry_run: bool = False,
    allow_older: bool = False,
) -> SyncReport:
    """Write the catalog of ``catalog`` into the database at ``url``; see the module doc.

    ``dry_run`` does everything, reports it, and rolls it back. A database that holds a newer
    catalog than this one is refused unless ``allow_older``.
    """
    given: object = url  # typed str, but callers' values come from anywhere
    if not isinstance(given, str):
        from llmdex.errors import InvalidArgumentError

        raise InvalidArgumentError(
            "sync", "url", given, "give a URL: sqlite:///FILE or postgresql://..."
        )
    database = Database(url)
    committed = False
    try:
        # Seconds of work: done before the write lock is taken, not while others wait on it.
        info = catalog.catalog_info()
        rows = catalog_rows(catalog)
        database.begin()
        before = _migrate(database)
        _refuse_older(database, info, allow_older)
        changes = tuple(
            _sync_table(database, table, rows[table.name], info.date)
            for table in TABLES
            if table.catalog
        )
        report = SyncReport(
            url=database.url,
            dialect=database.dialect,
            catalog=info,
            schema_before=before,
            schema_after=SCHEMA_VERSION,
            tables=changes,
            dry_run=dry_run,
        )
        if report.changed:
            _record_version(database, info, report.changed)
        if dry_run:
            database.rollback()
        else:
            database.commit()
            committed = True
            database.keep_readers_going()
        return report
    except DatabaseError:
        database.rollback()
        raise
    except Exception as exc:
        if not _is_database_error(exc):
            raise
        database.rollback()
        raise DatabaseError(
            database.url, f"the sync failed and changed nothing: {first_line(exc)}"
        ) from exc
    finally:
        database.close(keep_new_file=committed)


def _is_database_error(exc: BaseException) -> bool:
    import sqlite3

    if isinstance(exc, sqlite3.Error):
        return True
    module = type(exc).__module__
    return module.startswith("psycopg")


def _migrate(database: Database) -> int:
    tables = database.tables()
    if "llmdex_schema" in tables:
        found = database.execute("SELECT max(version) FROM llmdex_schema")
        current = int(found[0][0] or 0)
    else:
        clash = sorted(tables & {t.name for t in TABLES})
        if clash:
            raise DatabaseError(
                database.url,
                f"it already has tables named {', '.join(clash)} that llmdex did not make "
                "(no llmdex_schema table); sync into another database or schema",
            )
        current = 0
    if current > SCHEMA_VERSION:
        raise DatabaseError(
            database.url,
            f"its llmdex schema is version {current}, newer than this llmdex writes "
            f"({SCHEMA_VERSION}); upgrade llmdex",
        )
    for step in range(current + 1, SCHEMA_VERSION + 1):
        migrate_to(database, step)
    return current


def migrate_to(database: Database, step: int) -> None:
    """Apply the migration to schema version ``step`` (from ``step - 1``)."""
    for statement in migration(step, database.dialect):
        database.execute(statement)
    table = TABLE["llmdex_schema"]
    values = {"version": step, "applied_at": _now(), "llmdex_version": version()}
    database.execute(
        f"INSERT INTO llmdex_schema ({', '.join(values)}) VALUES (%s, %s, %s)",
        [database.encode(c, values[c.name]) for c in table.columns],
    )


def _refuse_older(database: Database, info: CatalogInfo, allow_older: bool) -> None:
    (latest,) = database.execute("SELECT max(payload_date) FROM catalog_versions")[0]
    newest = None if latest is None else str(latest)[:10]
    if newest is not None and newest > info.date and not allow_older:
        raise DatabaseError(
            database.url,
            f"it holds the catalog of {newest}, newer than this llmdex's ({info.date}); "
            "upgrade llmdex, or pass --allow-older (allow_older=True) to write the older one",
        )


def _sync_table(database: Database, table: Table, desired: Rows, today: str) -> TableChanges:
    columns = table.columns_of(database.dialect)
    names = [c.name for c in columns]
    keys = [names.index(k) for k in table.key]
    current: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    readers = [(i, f) for i, c in enumerate(columns) if (f := database.reader(c)) is not None]
    for stored in database.execute(f"SELECT {', '.join(names)} FROM {table.name}"):
        read_values = list(stored)
        for i, read in readers:
            read_values[i] = read(read_values[i])
        current[tuple(read_values[i] for i in keys)] = tuple(read_values)
    normal = [(i, f) for i, c in enumerate(columns) if (f := database.normalizer(c)) is not None]
    wanted: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for row in desired.values():
        values = [row.get(name) for name in names]
        for i, normalize in normal:
            values[i] = normalize(values[i])
        wanted[tuple(values[i] for i in keys)] = tuple(values)
    inserts, updates, kept = [], [], 0
    for key, row_values in wanted.items():
        found = current.get(key)
        if found is None:
            inserts.append(row_values)
        elif found[-1] != OWN:
            kept += 1
        elif found != row_values:
            updates.append(row_values)
    gone = [key for key, had in current.items() if key not in wanted and had[-1] == OWN]
    where = " AND ".join(f"{k} = %s" for k in table.key)
    if table.name in _KEPT:
        at = names.index("unavailable_since")
        gone = [key for key in gone if current[key][at] is None]
        database.execute_many(
            f"UPDATE {table.name} SET unavailable_since = %s WHERE {where}",
            [(database.encode(columns[at], today), *key) for key in gone],
        )
        marked, deleted = len(gone), 0
    else:
        database.execute_many(
            f"DELETE FROM {table.name} WHERE {where}",
            [
                [database.encode(columns[i], v) for i, v in zip(keys, key, strict=True)]
                for key in gone
            ],
        )
        marked, deleted = 0, len(gone)
    others = [i for i in range(len(names)) if i not in keys]
    database.execute_many(
        f"UPDATE {table.name} SET {', '.join(f'{names[i]} = %s' for i in others)} WHERE {where}",
        [[database.encode(columns[i], values[i]) for i in (*others, *keys)] for values in updates],
    )
    database.insert(
        table.name,
        names,
        [
            [database.encode(c, v) for c, v in zip(columns, values, strict=True)]
            for values in inserts
        ],
    )
    return TableChanges(
        table=table.name,
        inserted=len(inserts),
        updated=len(updates),
        deleted=deleted,
        marked=marked,
        kept=kept,
    )


def _record_version(database: Database, info: CatalogInfo, changed: int) -> None:
    table = TABLE["catalog_versions"]
    values = {
        "payload_sha256": info.sha256,
        "payload_date": info.date,
        "source": info.source,
        "llmdex_version": info.llmdex_version,
        "providers": info.providers,
        "models": info.models,
        "synced_at": _now(),
        "changes": changed,
    }
    database.execute(
        f"INSERT INTO catalog_versions ({', '.join(values)}) "
        f"VALUES ({', '.join(['%s'] * len(values))})",
        [database.encode(c, values[c.name]) for c in table.columns],
    )


def _now() -> datetime:
    return datetime.now(UTC)
