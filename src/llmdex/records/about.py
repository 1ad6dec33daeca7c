"""What a catalog says about itself: the data it was made from, and llmdex's version."""

from __future__ import annotations

from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime

    __version__: str
    """The installed llmdex distribution's version (read on first use)."""


@record
class CatalogInfo(Record):
    """Where a catalog's data came from.

    Example:
        >>> llmdex.catalog_info().date
        '2026-07-02'
    """

    source: str
    """The models.dev payload it was generated from: a file name or a URL."""
    sha256: str
    """sha256 of that payload."""
    date: str
    """The payload's date (``YYYY-MM-DD``): from its file name, else the day it was fetched."""
    providers: int
    models: int
    patches: int
    """How many patch entries changed something: llmdex's own corrections
    (``data_sources/patches``) and, in a catalog of your own, yours (``--patches``)."""
    llmdex_version: str
    """The installed llmdex distribution's version."""

    def age(self, today: datetime.date | None = None) -> int:
        """Days from the data's date to ``today`` (UTC today by default).

        Example:
            >>> llmdex.catalog_info().age(datetime.date(2026, 7, 12))
            10
        """
        import datetime

        day = today or datetime.datetime.now(datetime.UTC).date()
        return (day - datetime.date.fromisoformat(self.date)).days


def version() -> str:
    """The installed ``llmdex`` distribution's version, or ``"0+unknown"`` when not installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as installed

    try:
        return installed("llmdex")
    except PackageNotFoundError:
        return "0+unknown"


def __getattr__(name: str) -> str:
    # `llmdex.__version__` reads this lazily: importlib.metadata costs milliseconds at import.
    if name == "__version__":
        return version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
