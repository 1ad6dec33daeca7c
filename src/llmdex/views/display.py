"""How llmdex writes numbers and tables for people: one formatter each, used everywhere."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal


def exact(amount: Decimal) -> str:
    """Every digit an exact amount has, without exponent or trailing zeros.

    Example:
        >>> exact(Decimal("0.19500000")), exact(Decimal("1E+1"))
        ('0.195', '10')
    """
    return format(amount.normalize(), "f")


def usd(amount: Decimal | int | float) -> str:
    """A dollar amount: two decimals where that is exact, otherwise every digit it has.

    Example:
        >>> usd(Decimal("2.5")), usd(Decimal("0.19500000")), usd(0)
        ('$2.50', '$0.195', '$0.00')
    """
    from decimal import Decimal

    value = amount if isinstance(amount, Decimal) else Decimal(repr(amount))
    if value == value.quantize(Decimal("0.01")):
        return f"${value:.2f}"
    return f"${exact(value)}"


def tokens(count: int) -> str:
    """A token count, short: ``128000`` -> ``128K``, ``1048576`` -> ``1.05M``."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.3g}M"
    if count >= 1_000:
        return f"{count / 1_000:.3g}K"
    return str(count)


def cell(value: object) -> str:
    """One value as a table shows it: counts with separators, ``yes``/``no``, ``-`` for none.

    Example:
        >>> cell(128000), cell(True), cell(None)
        ('128,000', 'yes', '-')
    """
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Rows of cells as aligned columns, two spaces apart, without trailing space."""
    if not rows:
        return ""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
