"""Partial calendar dates as models.dev writes them (``2024-04`` or ``2024-04-15``)."""

from __future__ import annotations

from llmdex.errors import InvalidDateError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import datetime as _dt


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

    __slots__ = ("day", "month", "year")
    # Not a record: generated code builds thousands of these, positionally, for brevity.
    year: int
    month: int
    day: int | None

    def __init__(self, year: int, month: int, day: int | None = None) -> None:
        _set = object.__setattr__
        _set(self, "year", year)
        _set(self, "month", month)
        _set(self, "day", day)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("PartialDate is immutable")

    def __reduce__(self) -> tuple[type[PartialDate], tuple[int, int, int | None]]:
        return (PartialDate, (self.year, self.month, self.day))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`InvalidDateError` otherwise."""
        parts = text.split("-")
        widths = [len(part) for part in parts]
        if widths not in ([4, 2], [4, 2, 2]) or not all(p.isascii() and p.isdigit() for p in parts):
            raise InvalidDateError(text)
        return cls(*(int(part) for part in parts))

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
        import datetime

        try:
            return datetime.date(self.year, self.month, self.day or 1)
        except ValueError:
            raise InvalidDateError(str(self)) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.year, self.month, self.day) == (other.year, other.month, other.day)

    def __hash__(self) -> int:
        return hash((self.year, self.month, self.day))

    def __repr__(self) -> str:
        return f"PartialDate.parse({str(self)!r})"

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
