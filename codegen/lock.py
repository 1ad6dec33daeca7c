"""``data_sources/models_dev.lock.json``: which payload made the committed tree."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from .errors import RegenError

LOCK = Path("data_sources/models_dev.lock.json")

_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


@dataclass(frozen=True, slots=True)
class Lock:
    """The payload that made the committed tree: the copy kept in ``data_sources/``, where it
    came from, its sha256 (of the JSON, not of the gzip file), date, and what it held.

    ``curated`` has the sha256 of each of our own inputs (patches, aliases, first-party
    table) that went into the tree.
    """

    source: str
    """The kept copy, relative to the project (``data_sources/api-YYYY-MM-DD.json.gz``)."""
    origin: str
    """Where the payload was fetched from: a URL (without credentials) or a file name."""
    sha256: str
    date: str
    providers: int
    models: int
    curated: dict[str, str]

    def write(self, path: Path) -> None:
        """Write the lock as stable, indented JSON."""
        path.write_text(json.dumps(asdict(self), indent=2) + "\n", encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> Lock:
        """Read a lock file, with a clear error if it is missing or malformed."""
        try:
            return cls(**json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError) as exc:
            raise RegenError(
                f"{path}: cannot read the lock file ({exc}); run `make regen`"
            ) from None


def payload_date(source: str, today: str) -> str:
    """The date a payload is from: the ``YYYY-MM-DD`` in its file name, else ``today``."""
    match = _DATE_IN_NAME.search(Path(source).name)
    return match.group(1) if match else today
