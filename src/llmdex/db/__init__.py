"""The catalog in a database: SQLite by default, PostgreSQL for fleets, prices you can join on.

``import llmdex`` does not import this package, ``sqlite3`` or a PostgreSQL driver. The tables
and their columns are described in :mod:`llmdex.db.schema` (and the README's database
section).

Example:
    >>> import llmdex.db
    >>> llmdex.db.sync("sqlite:///llmdex.db").changed  # doctest: +SKIP
    57868
"""

from __future__ import annotations

from llmdex.db.database import DEFAULT_URL
from llmdex.db.export_files import export_tables
from llmdex.db.synchronize import SyncReport, TableChanges, sync_catalog
from llmdex.facade import SHIPPED

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from pathlib import Path

__all__ = ["DEFAULT_URL", "SyncReport", "TableChanges", "export", "sync"]


def sync(url: str = DEFAULT_URL, *, dry_run: bool = False, allow_older: bool = False) -> SyncReport:
    """Write the catalog into the database at ``url`` (``sqlite:///FILE`` or
    ``postgresql://...``) in one transaction: upserts, never deletes a model, leaves other
    rows alone. ``dry_run`` reports what would change and changes nothing."""
    return sync_catalog(SHIPPED, url, dry_run=dry_run, allow_older=allow_older)


def export(out_dir: str | os.PathLike[str], *, format: str = "csv") -> list[Path]:
    """Write the tables :func:`sync` fills as ``csv`` or ``jsonl`` files into ``out_dir``."""
    return export_tables(SHIPPED, out_dir, format=format)
