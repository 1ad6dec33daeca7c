"""Database figures: a full sync and a no-op re-sync of the committed catalog, the database's
size, and the time to price 1,000,000 usage rows with the README's SQL.

    python bench/database.py [--postgres postgresql://...] [--rows 1000000]

SQLite always (a temporary file); PostgreSQL when a URL of an empty database is given (the
script creates its tables there). Times are wall-clock seconds of one run each.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sqlite3
import tempfile
import time
from pathlib import Path
from typing import Any

import llmdex
import llmdex.db

README = Path(__file__).resolve().parent.parent / "README.md"
BUCKETS = "input, output, reasoning, cache_read, cache_write, input_audio, output_audio"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="URL of an empty PostgreSQL database")
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "llmdex.db"
        _figures("SQLite", f"sqlite:///{path}", args.rows, lambda: path.stat().st_size)
    if args.postgres:
        _figures("PostgreSQL", args.postgres, args.rows, lambda: _pg_size(args.postgres))


def _figures(label: str, url: str, rows: int, size: Any) -> None:
    started = time.perf_counter()
    report = llmdex.db.sync(url)
    full = time.perf_counter() - started
    started = time.perf_counter()
    again = llmdex.db.sync(url)
    noop = time.perf_counter() - started
    assert again.changed == 0
    print(f"{label}: full sync {full:.2f} s ({report.changed:,} rows), no-op re-sync {noop:.2f} s")
    print(f"{label}: database size {size() / 2**20:.1f} MiB")
    connection = _connect(url)
    _usage(connection, url, rows)
    query = _readme_query(label)
    started = time.perf_counter()
    cursor = connection.execute(f"SELECT count(cost_usd), count(*) FROM ({query}) AS priced")
    priced, total = cursor.fetchone()
    took = time.perf_counter() - started
    print(f"{label}: priced {total:,} usage rows in {took:.2f} s ({priced:,} with a price)")
    connection.close()


def _connect(url: str) -> Any:
    if url.startswith("sqlite"):
        return sqlite3.connect(url.split(":///", 1)[1], isolation_level=None)
    import psycopg

    return psycopg.connect(url, autocommit=True)


def _usage(connection: Any, url: str, count: int) -> None:
    """``count`` usage rows: a priced model's name, a day within its period, mixed buckets."""
    sqlite = url.startswith("sqlite")
    periods = connection.execute(
        "SELECT n.name, p.valid_from, p.valid_to FROM effective_prices AS p JOIN model_names "
        "AS n ON n.provider = p.provider AND n.model_id = p.model_id "
        "WHERE p.mode = '' AND p.prompt_above = -1 ORDER BY 1, 2"
    ).fetchall()
    rng = random.Random(1)
    stamp = "TEXT" if sqlite else "timestamp"
    connection.execute("DROP TABLE IF EXISTS usage_log")
    connection.execute(
        f"CREATE TABLE usage_log (id bigint PRIMARY KEY, model text, used_at {stamp}, "
        + ", ".join(f"{b} bigint" for b in BUCKETS.split(", "))
        + ")"
    )
    rows = []
    for index in range(count):
        name, start, _ = periods[rng.randrange(len(periods))]
        day = str(start)[:10]
        tokens = [rng.randrange(50_000), rng.randrange(4_000), 0, rng.choice((0, 20_000)), 0, 0, 0]
        rows.append((index, name, f"{day} 12:00:00", *tokens))
    if sqlite:
        connection.execute("BEGIN")
        connection.executemany(f"INSERT INTO usage_log VALUES ({', '.join('?' * 10)})", rows)
        connection.execute("COMMIT")
    else:
        with connection.cursor().copy("COPY usage_log FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        connection.execute("ANALYZE")


def _readme_query(label: str) -> str:
    blocks = re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    (query,) = [b for b in blocks if b.startswith(f"-- Price each usage_log row ({label})")]
    return query.replace("ORDER BY id", "").replace("ORDER BY u.id", "").strip()


def _pg_size(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as connection:
        (size,) = connection.execute(
            "SELECT sum(pg_total_relation_size(quote_ident(table_name))) "
            "FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_name <> 'usage_log'"
        ).fetchone()
    return int(size)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONWARNINGS", "ignore")
    main()
