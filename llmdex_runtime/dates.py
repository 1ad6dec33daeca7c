"""Partial calendar dates as models.dev writes them (``2024-04`` or ``2024-04-15``)."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from llmdex_runtime.errors import InvalidDateError

_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the month or to the day; ``str()`` gives back the original text.

    A month-precision date sorts before every day of that month, so
    ``PartialDate(2024, 4) < PartialDate(2024, 4, 1)``. The text is kept as the payload wrote
    it even where it is no calendar date (models.dev has ``2025-02-31``); :attr:`is_valid`
    says whether it is one.

    Example:
        >>> PartialDate.parse("2024-04") < PartialDate.parse("2024-05-13")
        True
    """

    year: int
    month: int
    day: int | None = None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`InvalidDateError` otherwise."""
        match = _DATE.fullmatch(text)
        if match is None:
            raise InvalidDateError(text)
        year, month, day = match.groups()
        return cls(int(year), int(month), None if day is None else int(day))

    @property
    def is_valid(self) -> bool:
        """Whether the text names a real calendar month or day."""
        try:
            self.to_date()
        except InvalidDateError:
            return False
        return True

    @property
    def precision(self) -> str:
        """``"day"`` or ``"month"``."""
        return "month" if self.day is None else "day"

    def to_date(self) -> _dt.date:
        """The first day the partial date can mean, as a :class:`datetime.date`."""
        try:
            return _dt.date(self.year, self.month, self.day or 1)
        except ValueError:
            raise InvalidDateError(str(self)) from None

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day or 0)

    def __lt__(self, other: PartialDate) -> bool:
        return self._key() < other._key()

    def __le__(self, other: PartialDate) -> bool:
        return self._key() <= other._key()

    def __gt__(self, other: PartialDate) -> bool:
        return self._key() > other._key()

    def __ge__(self, other: PartialDate) -> bool:
        return self._key() >= other._key()

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
