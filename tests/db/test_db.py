"""``llmdex db sync`` and ``llmdex export`` against real databases: a SQLite file, and a
PostgreSQL server started on loopback (tests/postgres_server.py).

The catalogs are built from the dated series of tests/history_series.py, so prices carry
periods: ``acme:m-1`` costs 1, then 2, then 3 per 1M input tokens; ``acme:old-2024-06-01`` and
``beta:m-1`` are gone from the third payload; ``acme:new-1`` arrives in the second.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from llmdex.db.database import Database
from llmdex.db.rows import catalog_rows, limbs
from llmdex.db.schema import TABLES
from llmdex.db.synchronize import migrate_to
from llmdex.errors import DatabaseError, LlmdexError
from llmdex.pricing.usage import Usage
from llmdex.records.rates import RATE_NAMES
from tests.conftest import ROOT
from tests.history_series import DATES, build, series
from tests.postgres_server import Server, binaries

README = ROOT / "README.md"
OURS = [t.name for t in TABLES]


# -- databases and catalogs ----------------------------------------------------------------


@pytest.fixture(scope="session")
def postgres() -> Iterator[Server]:
    bin_dir = binaries()
    if bin_dir is None:
        if os.environ.get("LLMDEX_REQUIRE_POSTGRES"):
            pytest.fail("LLMDEX_REQUIRE_POSTGRES is set but no PostgreSQL server is installed")
        pytest.skip("PostgreSQL server binaries not found (apt install postgresql; CI does)")
    server = Server(bin_dir)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'catalog.db'}"
    server: Server = request.getfixturevalue("postgres")
    return server.database()


def _catalog(tmp: pytest.TempPathFactory, payloads: int) -> tuple[ModuleType, Path]:
    dex, _, _ = build(tmp.mktemp(f"series{payloads}"), series()[:payloads])
    return dex, Path(dex.__file__).parent.parent


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    """The catalog of the first payload alone."""
    return _catalog(tmp_path_factory, 1)


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    """The catalog of the first two payloads."""
    return _catalog(tmp_path_factory, 2)


@pytest.fixture(scope="module")
def third(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path]:
    """The catalog of the whole series."""
    return _catalog(tmp_path_factory, 3)


def _sync(catalog: tuple[ModuleType, Path], url: str, **options: Any) -> Any:
    return importlib_db(catalog[0]).sync(url, **options)


def importlib_db(dex: ModuleType) -> Any:
    import importlib

    return importlib.import_module(f"{dex.__name__}.db")


class Connection:
    """A plain DB-API connection to either database, in autocommit, for the tests' own SQL."""

    def __init__(self, url: str) -> None:
        self.sqlite = url.startswith("sqlite")
        if self.sqlite:
            self._db: Any = sqlite3.connect(url.split(":///", 1)[1], isolation_level=None)
        else:
            import psycopg

            self._db = psycopg.connect(url, autocommit=True)

    def __enter__(self) -> Connection:
        return self

    def __exit__(self, *exc: object) -> None:
        self._db.close()

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        sql = sql.replace("%s", "?") if self.sqlite else sql
        cursor = self._db.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()] if cursor.description else []

    def run(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self.rows(sql, params)

    def tables(self) -> set[str]:
        if self.sqlite:
            return {r[0] for r in self.rows("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            r[0]
            for r in self.rows(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = current_schema()"
            )
        }

    def dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, sorted: a database's whole state."""
        found = {}
        for table in sorted(self.tables()):
            found[table] = sorted(self.rows(f"SELECT * FROM {table}"), key=repr)
        return found


def _day(value: Any) -> str | None:
    return None if value is None else str(value)[:10]


# -- first sync, re-sync, removals, user rows ----------------------------------------------


def test_a_first_sync_writes_every_table(url: str, third: tuple[ModuleType, Path]) -> None:
    report = _sync(third, url)
    wanted = catalog_rows(third[0]._CATALOG)
    assert (report.schema_before, report.schema_after) == (0, 2)
    assert {t.table: t.inserted for t in report.tables} == {k: len(v) for k, v in wanted.items()}
    with Connection(url) as db:
        assert set(OURS) <= db.tables()
        assert db.rows("SELECT version FROM llmdex_schema ORDER BY version") == [(1,), (2,)]
        periods = db.rows(
            "SELECT valid_from, valid_to, price FROM prices WHERE provider = 'acme' "
            "AND model_id = 'm-1' AND component = 'input' ORDER BY valid_from"
        )
        assert [(_day(a), _day(b), Decimal(str(p))) for a, b, p in periods] == [
            (DATES[0], DATES[1], 1),
            (DATES[1], DATES[2], 2),
            (DATES[2], None, 3),
        ]
        old = db.rows(
            "SELECT first_seen, unavailable_since, origin FROM models "
            "WHERE provider = 'acme' AND id = 'old-2024-06-01'"
        )
        assert [(_day(a), _day(b), c) for a, b, c in old] == [(DATES[0], DATES[2], "llmdex")]
        (versions,) = db.rows("SELECT count(*), max(payload_date) FROM catalog_versions")
        assert (versions[0], _day(versions[1])) == (1, DATES[2])


def test_a_resync_of_the_same_catalog_changes_nothing(
    url: str, third: tuple[ModuleType, Path]
) -> None:
    _sync(third, url)
    with Connection(url) as db:
        before = db.dump()
    again = _sync(third, url)
    assert again.changed == 0
    assert "already in sync" in str(again)
    with Connection(url) as db:
        assert db.dump() == before


def test_a_model_gone_from_the_catalog_is_kept_and_marked(
    url: str, second: tuple[ModuleType, Path], third: tuple[ModuleType, Path]
) -> None:
    _sync(second, url)
    with Connection(url) as db:
        # A model an earlier sync wrote that this catalog knows nothing of, history included.
        db.run(
            "INSERT INTO models (provider, id, name, origin) "
            "VALUES ('acme', 'phantom-1', 'Phantom', 'llmdex')"
        )
        count = db.rows("SELECT count(*) FROM models")[0][0]
    report = _sync(third, url)
    with Connection(url) as db:
        assert db.rows("SELECT count(*) FROM models")[0][0] >= count
        gone = db.rows(
            "SELECT provider, id, unavailable_since FROM models "
            "WHERE unavailable_since IS NOT NULL ORDER BY provider, id"
        )
    assert [(p, i, _day(d)) for p, i, d in gone] == [
        ("acme", "old-2024-06-01", DATES[2]),
        ("acme", "phantom-1", DATES[2]),
        ("beta", "m-1", DATES[2]),
    ]
    models = {t.table: t for t in report.tables}["models"]
    assert models.marked == 1  # the phantom; the other two are updated from the history


def test_rows_and_columns_a_user_added_survive(
    url: str, first: tuple[ModuleType, Path], third: tuple[ModuleType, Path]
) -> None:
    _sync(first, url)
    with Connection(url) as db:
        db.run("ALTER TABLE models ADD COLUMN notes TEXT")
        db.run("UPDATE models SET notes = 'ours' WHERE provider = 'acme' AND id = 'm-1'")
        db.run("INSERT INTO models (provider, id, name) VALUES ('acme', 'mine-1', 'Mine')")
        # A row of the user's under a key the next catalog brings: the user's stays.
        db.run("INSERT INTO models (provider, id, name) VALUES ('acme', 'new-1', 'Claimed')")
        db.run(
            "INSERT INTO prices (provider, model_id, mode, tier_type, tier_size, component, "
            "valid_from, price) VALUES ('acme', 'mine-1', '', '', 0, 'input', "
            "'2025-01-01', 0.5)"
        )
        db.run("CREATE TABLE usage_log (id INTEGER PRIMARY KEY, model TEXT)")
        db.run("INSERT INTO usage_log VALUES (1, 'acme:m-1')")
    report = _sync(third, url)
    with Connection(url) as db:
        assert db.rows("SELECT notes FROM models WHERE id = 'm-1' AND provider = 'acme'") == [
            ("ours",)
        ]
        mine = db.rows("SELECT id, name, origin FROM models WHERE id IN ('mine-1', 'new-1')")
        assert sorted(mine) == [("mine-1", "Mine", "user"), ("new-1", "Claimed", "user")]
        assert db.rows("SELECT count(*) FROM prices WHERE model_id = 'mine-1'") == [(1,)]
        assert db.rows("SELECT * FROM usage_log") == [(1, "acme:m-1")]
    assert {t.table: t.kept for t in report.tables}["models"] == 1


# -- transactions, locks, migrations ---------------------------------------------------------

_HARNESS = """
import importlib, os, signal, sys, time
sys.path[:0] = [{root!r}, {catalog!r}]
from llmdex.db import database
mode, argument = sys.argv[1], sys.argv[2]
if mode == "kill":
    calls = [0]
    def counted(method):
        def run(self, *args, **kwargs):
            calls[0] += 1
            if calls[0] > int(argument):
                os.kill(os.getpid(), signal.SIGKILL)
            return method(self, *args, **kwargs)
        return run
    for name in ("execute", "execute_many", "insert"):
        setattr(database.Database, name, counted(getattr(database.Database, name)))
elif mode == "hold":
    begin = database.Database.begin
    def holding(self):
        begin(self)
        open(argument, "w").close()  # the lock is ours: the other sync may start
        time.sleep(1.5)
    database.Database.begin = holding
db = importlib.import_module({package!r} + ".db")
print(db.sync({url!r}).changed)
"""


def _harness(catalog: tuple[ModuleType, Path], url: str, mode: str, argument: str) -> Any:
    code = _HARNESS.format(
        root=str(ROOT), catalog=str(catalog[1]), package=catalog[0].__name__, url=url
    )
    return subprocess.Popen(
        [sys.executable, "-c", code, mode, argument],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize("statements", [3, 8, 12])
def test_a_sync_killed_midway_leaves_the_previous_state(
    url: str, statements: int, first: tuple[ModuleType, Path], third: tuple[ModuleType, Path]
) -> None:
    _sync(first, url)
    with Connection(url) as db:
        before = db.dump()
    killed = _harness(third, url, "kill", str(statements))
    killed.communicate(timeout=120)
    assert killed.returncode == -9
    with Connection(url) as db:
        assert db.dump() == before
    assert _sync(third, url).changed > 0


def test_two_syncs_at_once_are_serialized(
    url: str, tmp_path: Path, third: tuple[ModuleType, Path]
) -> None:
    marker = tmp_path / "locked"
    holder = _harness(third, url, "hold", str(marker))
    for _ in range(600):
        if marker.exists() or holder.poll() is not None:
            break
        subprocess.run(["sleep", "0.1"], check=True)
    assert marker.exists(), holder.communicate()[1]
    waiter = _harness(third, url, "plain", "")
    out_first, err_first = holder.communicate(timeout=120)
    out_second, err_second = waiter.communicate(timeout=120)
    assert holder.returncode == 0, err_first
    assert waiter.returncode == 0, err_second
    assert int(out_first) > 0
    assert int(out_second) == 0  # it waited for the lock, then found the catalog in place
    with Connection(url) as db:
        assert db.rows("SELECT count(*) FROM catalog_versions") == [(1,)]


def test_a_database_of_the_previous_schema_version_is_migrated_in_place(
    url: str, third: tuple[ModuleType, Path]
) -> None:
    database = Database(url)
    database.begin()
    migrate_to(database, 1)
    database.execute(
        "INSERT INTO models (provider, id, name, origin) VALUES ('acme', 'm-1', 'Old', 'llmdex')"
    )
    database.execute("ALTER TABLE models ADD COLUMN notes TEXT")
    database.execute("UPDATE models SET notes = 'kept'")
    database.commit()
    database.close()
    with Connection(url) as db:
        assert "effective_prices" not in db.tables()
    report = _sync(third, url)
    assert (report.schema_before, report.schema_after) == (1, 2)
    with Connection(url) as db:
        assert db.rows("SELECT version FROM llmdex_schema ORDER BY version") == [(1,), (2,)]
        row = db.rows(
            "SELECT name, notes, first_seen FROM models WHERE provider = 'acme' AND id = 'm-1'"
        )
        assert [(n, notes, _day(f)) for n, notes, f in row] == [("M-1", "kept", DATES[0])]
        assert db.rows("SELECT count(*) FROM effective_prices")[0][0] > 0


def test_a_dry_run_reports_and_changes_nothing(url: str, third: tuple[ModuleType, Path]) -> None:
    report = _sync(third, url, dry_run=True)
    assert report.dry_run and report.changed > 0
    assert "would change" in str(report)
    if url.startswith("sqlite"):
        assert not Path(url.split(":///", 1)[1]).exists()
    else:
        with Connection(url) as db:
            assert db.tables() == set()
    assert _sync(third, url).changed == report.changed


# -- errors ----------------------------------------------------------------------------------


def test_failures_name_the_database_and_the_fix(
    url: str, first: tuple[ModuleType, Path], third: tuple[ModuleType, Path]
) -> None:
    _sync(third, url)
    with pytest.raises(DatabaseError, match=r"newer than this llmdex's .*--allow-older"):
        _sync(first, url)
    with Connection(url) as db:
        db.run(
            "INSERT INTO llmdex_schema (version, applied_at, llmdex_version) "
            "VALUES (99, '2030-01-01T00:00:00+00:00', '9')"
        )
    with pytest.raises(DatabaseError, match=r"schema is version 99.*upgrade llmdex"):
        _sync(third, url)


def test_bad_urls_and_foreign_tables_are_refused(
    tmp_path: Path, third: tuple[ModuleType, Path]
) -> None:
    for bad, message in [
        ("mysql://x/y", "not a database URL"),
        ("sqlite://", "no file name"),
        (f"sqlite:///{tmp_path}/no/such/dir/x.db", "cannot open the SQLite file"),
        ("postgresql://me:s3cret@127.0.0.1:1/x", "cannot connect"),
    ]:
        with pytest.raises(DatabaseError, match=message) as caught:
            _sync(third, bad)
        assert "s3cret" not in str(caught.value)
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as db:
        db.execute("CREATE TABLE models (x INTEGER)")
    with pytest.raises(DatabaseError, match="tables named models that llmdex did not make"):
        _sync(third, f"sqlite:///{foreign}")


@pytest.mark.parametrize("dry_run", [False, True])
def test_a_refused_sqlite_file_is_left_as_it_was(
    tmp_path: Path, third: tuple[ModuleType, Path], dry_run: bool
) -> None:
    foreign = tmp_path / "foreign.db"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE models (x INTEGER)")
    db.commit()
    db.close()
    before = foreign.read_bytes()
    with pytest.raises(DatabaseError, match="tables named models that llmdex did not make"):
        _sync(third, f"sqlite:///{foreign}", dry_run=dry_run)
    assert foreign.read_bytes() == before  # the journal mode (WAL) is in the header too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["foreign.db"]


def test_a_synced_sqlite_file_lets_readers_go_on_while_it_writes(
    tmp_path: Path, third: tuple[ModuleType, Path]
) -> None:
    url = f"sqlite:///{tmp_path / 'catalog.db'}"
    _sync(third, url)
    with Connection(url) as db:
        assert db.rows("PRAGMA journal_mode") == [("wal",)]


@pytest.mark.parametrize(
    "bad",
    [
        "postgresql://me:s3cret@127.0.0.1:1/x",
        "postgresql://me@127.0.0.1:1/x?password=s3cret",
        "postgresql://me@127.0.0.1:1/x?sslmode=disable&PASSWORD=s3cret",
        "postgres://me:s3cr%65t@127.0.0.1:1/x",
    ],
)
def test_a_password_in_a_postgresql_url_never_appears_in_errors(
    bad: str, third: tuple[ModuleType, Path]
) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(DatabaseError, match="cannot connect") as caught:
        _sync(third, bad)
    assert "s3cret" not in str(caught.value) and "s3cr%65t" not in str(caught.value)
    assert "***" in str(caught.value)


def test_a_url_llmdex_cannot_use_is_bad_usage_on_the_command_line(tmp_path: Path) -> None:
    for bad in ("mysql://x/y", "notaurl", "sqlite://"):
        result = subprocess.run(
            [sys.executable, "-m", "llmdex", "db", "sync", bad],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp_path,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith(f"llmdex: {bad}: ") and len(result.stderr.splitlines()) == 1


# -- SQL cost accounting ---------------------------------------------------------------------


def _readme_query(dialect: str) -> str:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    marker = f"-- Price each usage_log row ({dialect})"
    found = [b for b in blocks if b.startswith(marker)]
    assert len(found) == 1, f"the README has no single SQL block starting {marker!r}"
    return found[0]


def _usage_table(db: Connection, rows: list[tuple[Any, ...]]) -> None:
    stamp = "TEXT" if db.sqlite else "timestamp"
    db.run("DROP TABLE IF EXISTS usage_log")
    db.run(
        f"CREATE TABLE usage_log (id bigint PRIMARY KEY, model text, used_at {stamp}, "
        "input_tokens bigint, output_tokens bigint, reasoning_tokens bigint, "
        "cache_read_tokens bigint, cache_write_tokens bigint, input_audio_tokens bigint, "
        "output_audio_tokens bigint)"
    )
    for row in rows:
        # A row's tokens are written as the buckets they bill; the table has Usage's totals.
        head, usage = row[:3], _usage(row)
        totals = tuple(getattr(usage, name) for name in _COLUMNS)
        db.run(f"INSERT INTO usage_log VALUES ({', '.join(['%s'] * 10)})", (*head, *totals))


_COLUMNS = (
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "input_audio_tokens",
    "output_audio_tokens",
)


def _usage(row: tuple[Any, ...]) -> Usage:
    return Usage.from_buckets(**dict(zip(RATE_NAMES, row[3:], strict=True)))


def _expected(dex: ModuleType, names: dict[str, tuple[str, str]], row: tuple[Any, ...]) -> Any:
    # SQL resolves a name as the catalog does today, then prices it as listed on the day.
    _, name, at = row[:3]
    usage = _usage(row)
    if name not in names:
        return None
    pid, mid = names[name]
    try:
        model = dex.find(f"{pid}:{mid}", at=at[:10])
    except LlmdexError:
        return None
    if model.spec != f"{pid}:{mid}":
        # Not listed that day: find() resolves the id to what was listed then (its snapshot);
        # SQL keeps the model the name means today, and has no price for it that day.
        return None
    try:
        return model.cost_of(usage).total
    except LlmdexError:
        return None


def _priced_by_sql(dex: ModuleType, url: str, rows: list[tuple[Any, ...]]) -> list[str]:
    """The rows whose SQL cost differs from cost_of (none, we hope)."""
    with Connection(url) as db:
        _usage_table(db, rows)
        names = {
            n: (p, m) for n, p, m in db.rows("SELECT name, provider, model_id FROM model_names")
        }
        dialect = "SQLite" if db.sqlite else "PostgreSQL"
        got = dict(db.rows(_readme_query(dialect)))
    wrong = []
    for row in rows:
        want, cost = _expected(dex, names, row), got[row[0]]
        if (want is None) != (cost is None) or (want is not None and Decimal(cost) != want):
            wrong.append(f"{row}: cost_of {want}, SQL {cost}")
    assert len(got) == len(rows)
    return wrong


def test_sql_prices_the_edges_of_periods_bands_and_fallbacks(
    url: str, third: tuple[ModuleType, Path]
) -> None:
    _sync(third, url)
    day = {i: f"{d} 00:00:00" for i, d in enumerate(DATES)}
    rows = [
        (1, "acme:m-1", day[0], 1_000_000, 0, 0, 0, 0, 0, 0),  # first day of the first price
        (2, "acme:m-1", "2025-02-01 23:59:59", 1_000_000, 0, 0, 0, 0, 0, 0),  # its last day
        (3, "acme:m-1", day[1], 1_000_000, 10, 0, 0, 0, 0, 0),  # the second price
        (4, "acme:m-1", day[2], 7, 3, 0, 0, 0, 0, 0),  # the third
        (5, "acme:m-1", "2024-12-31 12:00:00", 5, 5, 0, 0, 0, 0, 0),  # before any listing
        (6, "acme:old-2024-06-01", day[1], 100, 100, 0, 0, 0, 0, 0),  # listed then
        (7, "acme:old-2024-06-01", day[2], 100, 100, 0, 0, 0, 0, 0),  # retired by then
        (8, "acme:m-1", day[2], 10, 10, 5, 7, 9, 0, 0),  # reasoning, cache: fallbacks
        (9, "acme:m-1", day[2], 10, 10, 0, 0, 0, 1, 0),  # audio with no price: unknown
        (10, "nobody:x", day[2], 10, 10, 0, 0, 0, 0, 0),  # a name nothing resolves
        (11, "acme:new-1", day[1], 0, 0, 0, 0, 0, 0, 0),  # no tokens: zero
        (12, "gamma:g-1", day[2], 10, 10, 0, 0, 0, 0, 0),  # listed without a price
    ]
    assert _priced_by_sql(third[0], url, rows) == []


def test_sql_prices_tiers_as_cost_of_does(url: str, dex: ModuleType) -> None:
    # The fixture catalog has context tiers and the older context_over_200k form; it has no
    # history, so its prices start on its payload's date.
    importlib_db(dex).sync(url)
    today = f"{dex.catalog_info().date} 08:00:00"
    rows = []
    for index, model in enumerate(m for m in dex.all_models() if m.cost is not None):
        for offset, prompt in enumerate((0, 1, 199_999, 200_000, 200_001, 1_500_000)):
            rows.append((index * 10 + offset, model.spec, today, prompt, 1_234, 0, 0, 0, 0, 0))
            cached = (index * 10 + offset + 5000, model.spec, today, prompt // 2, 10)
            rows.append((*cached, 17, prompt - prompt // 2, 0, 0, 0))
    assert _priced_by_sql(dex, url, rows) == []


def test_the_readme_queries_price_1000_rows_of_the_catalog_as_cost_of(url: str) -> None:
    import llmdex
    import llmdex.db

    llmdex.db.sync(url)
    with Connection(url) as db:
        rows = _generated_usage(db, 1000)
    wrong = _priced_by_sql(llmdex, url, rows)
    assert wrong == [], "\n".join(wrong[:10])


def test_reprice_and_the_readme_queries_agree_to_the_last_digit(url: str) -> None:
    import io

    import llmdex
    import llmdex.db
    from llmdex.pricing.reprice import lines_of, reprice

    llmdex.db.sync(url)
    with Connection(url) as db:
        rows = _generated_usage(db, 400)
        _usage_table(db, rows)
        dialect = "SQLite" if db.sqlite else "PostgreSQL"
        by_sql = {i: cost for i, cost in db.rows(_readme_query(dialect)) if cost is not None}
    # A log of the calls SQL prices, as a user would write it: the usage in llmdex's own form.
    log = "".join(
        json.dumps({"model": row[1], "time": row[2].replace(" ", "T"), "usage": _own(row)}) + "\n"
        for row in rows
        if row[0] in by_sql
    )
    result = reprice(llmdex.find, lines_of(io.BytesIO(log.encode())))
    assert result.refused == [] and result.priced == len(by_sql) > 300
    assert result.total == sum((Decimal(c) for c in by_sql.values()), Decimal(0))


def _own(row: tuple[Any, ...]) -> dict[str, int]:
    usage = _usage(row)
    return {name: getattr(usage, name) for name in _COLUMNS}


def _generated_usage(db: Connection, count: int) -> list[tuple[Any, ...]]:
    """Usage rows over the history's span: most inside a listed price period and band, the
    rest any name on any day (so also unlisted, unpriced and retired)."""
    import random
    from datetime import date, timedelta

    rng = random.Random(20261123)
    periods = db.rows(
        "SELECT n.name, p.valid_from, p.valid_to, p.prompt_above, p.prompt_upto "
        "FROM effective_prices AS p JOIN model_names AS n "
        "ON n.provider = p.provider AND n.model_id = p.model_id WHERE p.mode = '' "
        "ORDER BY 1, 2, 4"
    )
    names = [r[0] for r in db.rows("SELECT name FROM model_names ORDER BY name")]
    first = date.fromisoformat(min(_day(r[1]) or "" for r in periods))
    last = date.fromisoformat(max(_day(r[1]) or "" for r in periods))
    rows = []
    for index in range(count):
        if rng.random() < 0.9:
            name, start, end, above, upto = rng.choice(periods)
            begin = date.fromisoformat(_day(start) or "")
            stop = date.fromisoformat(_day(end)) if end else begin + timedelta(days=60)
            day = begin + timedelta(days=rng.randrange(max(1, (stop - begin).days)))
            low = max(above, 0) + 1
            prompt = rng.randrange(low, (upto or low + 500_000) + 1)
        else:
            name = rng.choice(names)
            day = first + timedelta(days=rng.randrange(-20, (last - first).days + 60))
            prompt = rng.randrange(0, 300_000)
        cached = rng.choice([0, 0, prompt // 3])
        written = rng.choice([0, 0, 0, prompt // 7])
        audio = rng.choice([0] * 9 + [rng.randrange(1, 2000)])
        fresh = max(prompt - cached - written - audio, 0)
        output, reasoning = rng.randrange(0, 20_000), rng.choice([0, rng.randrange(0, 8000)])
        spoken = rng.choice([0] * 19 + [rng.randrange(1, 1000)])
        at = f"{day.isoformat()} {rng.randrange(24):02d}:{rng.randrange(60):02d}:00"
        rows.append((index, name, at, fresh, output, reasoning, cached, written, audio, spoken))
    return rows


def test_limbs_hold_prices_exactly() -> None:
    assert limbs(Decimal("2.0000000015")) == (2, 1, 500_000_000)
    assert limbs(Decimal("0.30000000000000004")) == (0, 300_000_000, 40)
    assert limbs(None) == (0, 0, 0)
    assert limbs(Decimal("1e-19")) == (None, None, None)  # more digits than SQLite's limbs


# -- export, the command line, and what import llmdex loads ----------------------------------


@pytest.mark.parametrize("form", ["csv", "jsonl"])
def test_export_writes_the_rows_a_sync_writes(
    form: str, tmp_path: Path, third: tuple[ModuleType, Path]
) -> None:
    paths = importlib_db(third[0]).export(tmp_path / "out", format=form)
    wanted = catalog_rows(third[0]._CATALOG)
    assert [p.name for p in paths] == [f"{t}.{form}" for t in wanted]
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        body = lines[1:] if form == "csv" else lines
        assert len(body) == len(wanted[path.stem]), path.name
    prices = (tmp_path / "out" / f"prices.{form}").read_text(encoding="utf-8")
    if form == "jsonl":
        first_row = json.loads(prices.splitlines()[0])
        assert isinstance(first_row["price"], str) and "valid_from" in first_row
    else:
        assert prices.splitlines()[0].startswith("provider,model_id,mode,tier_type")
    assert not list((tmp_path / "out").glob(".*partial"))


def test_the_command_line_syncs_and_exports(tmp_path: Path, third: tuple[ModuleType, Path]) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(third[1]), str(ROOT)])}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", third[0].__name__, *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )

    dry = cli("db", "sync", "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "rows would change" in dry.stdout and not (tmp_path / "llmdex.db").exists()
    done = cli("db", "sync", "--json")
    assert json.loads(done.stdout)["schema"] == {"before": 0, "after": 2}
    assert "already in sync" in cli("db", "sync", "sqlite:///llmdex.db").stdout
    bad = cli("db", "sync", "mysql://x")
    assert (bad.returncode, bad.stderr.count("\n")) == (2, 1)
    assert "not a database URL" in bad.stderr
    exported = cli("export", "--format", "jsonl", "--out", "files")
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "files" / "models.jsonl").exists()


def test_import_llmdex_and_find_load_no_database_module() -> None:
    probe = (
        "import sys, llmdex; llmdex.find('openai:' + next(iter(llmdex.models_of('openai')))); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'sqlite3', 'psycopg', 'csv'} "
        "or m.endswith('.db') or '.db.' in m))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_csv_cell_a_spreadsheet_would_run_is_neutralised() -> None:
    from decimal import Decimal

    from llmdex.db.export_files import _csv

    for text in ("=cmd|' /C calc'!A0", "+1", "-1", "@cf/meta/llama", "\tx", "\rx"):
        assert _csv(text) == "'" + text
    assert _csv("openai") == "openai"
    assert _csv(Decimal("2.50")) == "2.50"
    assert _csv(-1) == -1
