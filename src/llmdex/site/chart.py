"""A model's price over time as an inline SVG: a step line per component, one point per change.

The points come from the catalog's history (:meth:`History.listings`): a point where a price
was first listed and wherever it changed; the line holds each price until the next point.
The date a status became ``deprecated`` and the date the model was no longer listed are
marked with labelled vertical lines. Nothing but SVG: no script, no font, no network.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

SERIES = (("input", "#1f5fa8"), ("output", "#b3471d"))
"""The components charted, and their colours (both over 4.5:1 against white)."""

_WIDTH, _HEIGHT = 640, 240
_LEFT, _RIGHT, _TOP, _BOTTOM = 64, 16, 16, 40


def price_points(
    listings: Sequence[tuple[str, Mapping[str, Any] | None]], component: str
) -> list[tuple[str, Decimal | None]]:
    """``(date, price)`` where ``component``'s price was first listed or changed; ``None``
    where it stopped being listed (or priced)."""
    points: list[tuple[str, Decimal | None]] = []
    last: object = object()
    for date, state in listings:
        cost = state.get("cost") if state is not None else None
        value = cost.get(component) if isinstance(cost, dict) else None
        price = None if value is None else Decimal(str(value))
        if price != last and (points or price is not None):
            points.append((date, price))
        last = price
    return points


def marks(listings: Sequence[tuple[str, Mapping[str, Any] | None]]) -> list[tuple[str, str]]:
    """``(date, label)`` of the events the chart marks: deprecation, and no longer listed."""
    found: list[tuple[str, str]] = []
    status: object = None
    for date, state in listings:
        if state is None:
            if found[-1:] != [(date, "no longer listed")]:
                found.append((date, "no longer listed"))
            continue
        new = state.get("status")
        if new == "deprecated" and status != "deprecated":
            found.append((date, "deprecated"))
        status = new
    return found


def svg(
    listings: Sequence[tuple[str, Mapping[str, Any] | None]], until: str, title: str
) -> str | None:
    """The chart, or ``None`` where the history lists no price for the model."""
    series = {name: price_points(listings, name) for name, _ in SERIES}
    known = [p for points in series.values() for _, p in points if p is not None]
    if not known:
        return None
    dates = [d for d, _ in listings] + [until]
    start, end = _day(min(dates)), _day(max(dates))
    span = max(end - start, 1)
    top = max(known) * Decimal("1.1") or Decimal(1)

    def x(date: str) -> float:
        return _LEFT + (_day(date) - start) / span * (_WIDTH - _LEFT - _RIGHT)

    def y(price: Decimal) -> float:
        return _TOP + float(1 - price / top) * (_HEIGHT - _TOP - _BOTTOM)

    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {_WIDTH} {_HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-labelledby="chart-title">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<line class="axis" x1="{_LEFT}" y1="{_HEIGHT - _BOTTOM}" x2="{_WIDTH - _RIGHT}" '
        f'y2="{_HEIGHT - _BOTTOM}"/>',
        f'<line class="axis" x1="{_LEFT}" y1="{_TOP}" x2="{_LEFT}" y2="{_HEIGHT - _BOTTOM}"/>',
    ]
    for fraction in (Decimal(0), Decimal("0.5"), Decimal(1)):
        level = top / Decimal("1.1") * fraction
        parts.append(
            f'<text class="tick" x="{_LEFT - 6}" y="{y(level) + 4:.1f}" text-anchor="end">'
            f"${_short(level)}</text>"
        )
    parts.append(
        f'<text class="tick" x="{_LEFT}" y="{_HEIGHT - 16}">{escape(min(dates))}</text>'
        f'<text class="tick" x="{_WIDTH - _RIGHT}" y="{_HEIGHT - 16}" text-anchor="end">'
        f"{escape(max(dates))}</text>"
    )
    for date, label in marks(listings):
        parts.append(
            f'<g class="mark" data-date="{date}" data-label="{escape(label)}">'
            f'<line x1="{x(date):.1f}" y1="{_TOP}" x2="{x(date):.1f}" y2="{_HEIGHT - _BOTTOM}"/>'
            f'<text x="{x(date) - 4:.1f}" y="{_TOP + 12}" text-anchor="end">{escape(label)} '
            f"{date}</text></g>"
        )
    for index, (name, colour) in enumerate(SERIES):
        parts.append(_line(series[name], (name, colour), until, (x, y)))
        parts.append(
            f'<text class="legend" x="{_WIDTH // 2 - 40 + 60 * index}" y="{_HEIGHT - 16}" '
            f'fill="{colour}">{name}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _line(
    points: list[tuple[str, Decimal | None]], series: tuple[str, str], until: str, scale: Any
) -> str:
    (name, colour), (x, y) = series, scale
    path: list[str] = []
    dots: list[str] = []
    previous: Decimal | None = None
    for index, (date, price) in enumerate(points):
        end = points[index + 1][0] if index + 1 < len(points) else until
        if price is None:
            previous = None
            continue
        # A step: straight up or down from the previous price, then along to the next change.
        start = f"V{y(price):.1f}" if previous is not None else f"M{x(date):.1f},{y(price):.1f}"
        path.append(f"{start}H{x(end):.1f}")
        previous = price
        dots.append(
            f'<circle class="point" data-series="{name}" data-date="{date}" '
            f'data-price="{price}" cx="{x(date):.1f}" cy="{y(price):.1f}" r="4" '
            f'fill="{colour}"><title>{name} ${price} per 1M tokens from {date}</title></circle>'
        )
    return (
        f'<g class="series" data-series="{name}"><path d="{"".join(path)}" stroke="{colour}" '
        f'fill="none" stroke-width="2"/>{"".join(dots)}</g>'
    )


def _day(date: str) -> int:
    from datetime import date as day

    return day.fromisoformat(date).toordinal()


def _short(price: Decimal) -> str:
    return f"{price:.2f}" if price >= Decimal("0.1") or not price else f"{price:.2g}"
