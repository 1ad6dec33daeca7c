"""Repricing a log of calls: each call at its own day's prices, from the catalog's history.

A log is JSON Lines (one object per call: ``model``, ``date`` or ISO ``time``, ``usage`` in any
shape :meth:`~llmdex.pricing.usage.Usage.from_dict` reads) or CSV (columns ``model``, ``date``
or ``time``, and either a ``usage`` column of JSON or one column per usage key). It is read a
line at a time: memory holds the totals, one model per (spec, day) and at most
:data:`KEPT` refused rows, whatever the log's size.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from llmdex.errors import LlmdexError
from llmdex.untrusted_json import UntrustedJSONError, loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from llmdex.records.model import Model


@dataclass(frozen=True, slots=True)
class _Bad:
    """A row that cannot be priced, and why."""

    why: str


KEPT = 100
"""How many refused rows a result lists (it counts them all)."""
PROGRESS_EVERY = 10_000
"""How many rows pass between two calls of ``progress``."""
MAX_LINE = 1 << 20
"""The longest line read, in bytes: a longer one is refused, not held in memory."""
_ZERO = Decimal(0)


@dataclass
class Repriced:
    """The totals of a repriced log, in USD, exact."""

    total: Decimal = _ZERO
    rows: int = 0
    priced: int = 0
    by_model: dict[str, Decimal] = field(default_factory=dict)
    by_day: dict[str, Decimal] = field(default_factory=dict)
    refused: list[tuple[int, str]] = field(default_factory=list)
    """(line number, why) of the first :data:`KEPT` rows that could not be priced."""
    refused_count: int = 0
    notes: int = 0
    """Priced rows whose cost carries a note (a borrowed price; under lenient, what was not
    priced)."""

    def add(self, spec: str, day: str, amount: Decimal) -> None:
        """Count one priced call."""
        self.priced += 1
        self.total += amount
        self.by_model[spec] = self.by_model.get(spec, _ZERO) + amount
        self.by_day[day] = self.by_day.get(day, _ZERO) + amount

    def refuse(self, line: int, why: str) -> None:
        """Count one call that could not be priced, keeping the first few reasons."""
        self.refused_count += 1
        if len(self.refused) < KEPT:
            self.refused.append((line, why))


def reprice(
    find: Callable[..., Model],
    lines: Iterator[bytes | None],
    *,
    csv_header: bool = False,
    lenient: bool = False,
    progress: Callable[[int], None] | None = None,
) -> Repriced:
    """Price every call of a log with ``find`` (``llmdex.find``, or a catalog of your own's):
    ``lines`` are its raw lines (CSV when ``csv_header``).

    Example:
        >>> reprice(llmdex.find, iter([b'{"model": "openai:gpt-4o", "date": "2026-01-05",'
        ...     b' "usage": {"prompt_tokens": 1000, "completion_tokens": 0}}'])).total
        Decimal('0.0025000')
    """
    result = Repriced()
    models: dict[tuple[str, str], Model | LlmdexError] = {}
    rows = _csv_rows(lines) if csv_header else _json_rows(lines)
    for number, row in rows:
        result.rows += 1
        if progress is not None and result.rows % PROGRESS_EVERY == 0:
            progress(result.rows)
        call = row if isinstance(row, _Bad) else _call(row)
        if isinstance(call, _Bad):
            result.refuse(number, call.why)
            continue
        spec, day, usage = call
        key = (spec, day)
        found = models.get(key)
        if found is None:
            try:
                found = find(spec, at=day)
            except LlmdexError as exc:
                found = exc
            if len(models) < 100_000:  # distinct (model, day) pairs; a log has few
                models[key] = found
        if isinstance(found, LlmdexError):
            result.refuse(number, str(found))
            continue
        try:
            cost = found.cost_of(usage, lenient=lenient)
        except LlmdexError as exc:
            result.refuse(number, str(exc))
            continue
        result.add(found.spec, day, cost.total)
        result.notes += bool(cost.notes)
    return result


def _call(row: object) -> tuple[str, str, object] | _Bad:
    if not isinstance(row, dict):
        return _Bad("a row is an object with model, date (or time) and usage")
    spec = row.get("model")
    if not isinstance(spec, str) or not spec:
        return _Bad("no model: give the spec that was called, e.g. openai:gpt-4o")
    when = row.get("date", row.get("time"))
    if not isinstance(when, str) or len(when) < 10:
        return _Bad("no date: give date (YYYY-MM-DD) or time (ISO 8601)")
    if "usage" not in row:
        return _Bad("no usage")
    return spec, when[:10], row["usage"]


def _json_rows(lines: Iterator[bytes | None]) -> Iterator[tuple[int, object]]:
    for number, line in enumerate(lines, 1):
        if line is None:
            yield number, _Bad(f"longer than {MAX_LINE} bytes")
        elif line.strip():
            try:
                yield number, loads(line)
            except UntrustedJSONError as exc:
                yield number, _Bad(str(exc))


def _csv_rows(lines: Iterator[bytes | None]) -> Iterator[tuple[int, object]]:
    text = ("" if line is None else line.decode("utf-8", errors="replace") for line in lines)
    reader = csv.reader(text)
    header = next(reader, None)
    if header is None:
        return
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a cell over csv's field limit, a stray quote
            yield reader.line_num, _Bad(f"not CSV: {exc}")
            continue
        number = reader.line_num  # the line it ends on: a quoted cell may hold newlines
        if len(cells) != len(header):
            yield number, _Bad(f"{len(cells)} cells, the header has {len(header)}")
            continue
        row: dict[str, object] = dict(zip(header, cells, strict=True))
        if "usage" in row:
            try:
                row["usage"] = loads(str(row["usage"]))
            except UntrustedJSONError as exc:
                yield number, _Bad(f"the usage cell is not JSON: {exc}")
                continue
        else:
            usage = {}
            for key in header:
                if key in {"model", "date", "time"} or row[key] == "":
                    continue
                value = str(row[key])
                usage[key] = int(value) if value.isdigit() else value
            row = {k: row[k] for k in ("model", "date", "time") if k in row}
            row["usage"] = usage
        yield number, row


def lines_of(stream: io.BufferedIOBase) -> Iterator[bytes | None]:
    """The lines of a binary stream; ``None`` for a line over :data:`MAX_LINE` bytes, which
    is skipped without being held."""
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE:
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_LINE)
            yield None
            continue
        yield line
