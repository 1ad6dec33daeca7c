"""Where a value came from when it is not upstream's: the patch that set it, and why."""

from __future__ import annotations

from llmdex.records.record import Record, record


@record
class Provenance(Record):
    """One field changed by a patch file: llmdex's own (``data_sources/patches/``) or, in a
    catalog of your own, one of yours (``llmdex regen --patches DIR``).

    Example:
        >>> llmdex.provenance("vercel:voyage/voyage-3.5")["kind"].reason
        'Voyage AI ... are embedding models ...'
    """

    patch: str
    """The patch file and entry: ``20-kinds.json#0`` for llmdex's, ``DIR/file.json#0`` for
    one of ``--patches DIR``."""
    reason: str
    source: str | None
