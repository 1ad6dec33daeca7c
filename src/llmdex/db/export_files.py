"""``llmdex export``: the database's tables as CSV or JSON Lines files, for warehouse loaders.

One file per table the catalog fills (``providers.csv``, ``models.csv``, ...), the same rows
and columns a PostgreSQL sync writes, sorted by primary key. Prices are exact decimal text;
JSON columns are JSON text in CSV and objects in JSON Lines; a missing value is an empty CSV
field and ``null`` in JSON Lines. Files are written whole to a temporary name, then renamed.

A CSV text cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, such as Cloudflare's ``@cf/...`` ids) is written
with a leading ``'``, as OWASP recommends; numbers are never changed, and JSON Lines keeps
every value exact.
"""

from __future__ import annotations

import csv
import json
import os
from decimal import Decimal
from pathlib import Path

from llmdex.db.rows import catalog_rows
from llmdex.db.schema import TABLES
from llmdex.errors import DatabaseError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from llmdex.facade import Catalog

FORMATS = ("csv", "jsonl")

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What a CSV text cell may not start with unquoted: a spreadsheet would run it (OWASP)."""


def export_tables(
    catalog: Catalog, out_dir: str | os.PathLike[str], *, format: str = "csv"
) -> list[Path]:
    """Write one file per catalog table into ``out_dir``; the paths written, in table order.

    Example:
        >>> [p.name for p in llmdex.db.export("catalog", format="jsonl")][:2]  # doctest: +SKIP
        ['providers.jsonl', 'models.jsonl']
    """
    if format not in FORMATS:
        raise DatabaseError(str(out_dir), f"unknown export format {format!r}; use csv or jsonl")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(str(out), f"cannot create the directory: {exc.strerror}") from None
    rows = catalog_rows(catalog)
    written = []
    for table in TABLES:
        if not table.catalog:
            continue
        names = table.column_names("postgresql")
        ordered = [rows[table.name][key] for key in sorted(rows[table.name], key=_sort_key)]
        path = out / f"{table.name}.{format}"
        partial = path.with_name(f".{path.name}.partial")
        try:
            with partial.open("w", encoding="utf-8", newline="") as handle:
                if format == "csv":
                    writer = csv.writer(handle, lineterminator="\n")
                    writer.writerow(names)
                    writer.writerows([_csv(row.get(n)) for n in names] for row in ordered)
                else:
                    for row in ordered:
                        item = {n: _json(row.get(n)) for n in names}
                        handle.write(json.dumps(item, ensure_ascii=False, sort_keys=False) + "\n")
            partial.replace(path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise DatabaseError(str(path), f"cannot write the file: {exc.strerror}") from None
        written.append(path)
    return written


def _sort_key(key: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple((value is None, value) for value in key)


def _csv(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value) if isinstance(value, Decimal) else value


def _json(value: Any) -> Any:
    # Decimals as text keep every digit; a JSON number would go through a float.
    return str(value) if isinstance(value, Decimal) else value
