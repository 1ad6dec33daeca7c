"""Where a value came from when it is not upstream's: the patch that set it, and why."""

from __future__ import annotations

from llmdex.records.record import Record, record


@record
class Provenance(Record):
    """One field changed by a file of ``data_sources/patches/``.

    Example:
        >>> llmdex.provenance("vercel:voyage/voyage-3.5")["kind"].reason
        'Voyage AI ... are embedding models ...'
    """

    patch: str
    """The patch file and entry, e.g. ``20-kinds.json#0``."""
    reason: str
    source: str | None
