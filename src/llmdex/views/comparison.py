"""Side-by-side facts of several models."""

from __future__ import annotations

from llmdex.records.record import Record, record
from llmdex.views.display import cell, exact, table
from llmdex.views.facts import CAPABILITIES, price

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from llmdex.records.model import Model


def _price(component: str) -> Callable[[Model], str | None]:
    read = price(component)

    def shown(model: Model) -> str | None:
        value = read(model)
        return None if value is None else exact(value)

    return shown


ROWS: tuple[tuple[str, Callable[[Model], Any]], ...] = (
    ("name", lambda m: m.name),
    ("kind", lambda m: m.kind.value),
    ("context", lambda m: m.limit.context),
    ("max output", lambda m: m.limit.output),
    ("input $/1M", _price("input")),
    ("output $/1M", _price("output")),
    ("cache read $/1M", _price("cache_read")),
    ("input", lambda m: ", ".join(m.modalities.input)),
    ("output", lambda m: ", ".join(m.modalities.output)),
    *((c.label, c.test) for c in CAPABILITIES.values()),
    ("knowledge", lambda m: None if m.knowledge is None else str(m.knowledge)),
    ("released", lambda m: str(m.release_date)),
    ("status", lambda m: None if m.status is None else m.status.value),
)
"""The rows of a comparison: a label, and how to read it from a model."""


@record
class Comparison(Record):
    """Rows of facts, one column per model; ``str()`` is an aligned table.

    Example:
        >>> print(llmdex.compare("openai:gpt-4o", "anthropic:claude-sonnet-4-5"))
    """

    models: tuple[Model, ...]
    rows: tuple[tuple[str, tuple[Any, ...]], ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"models": [spec, ...], "rows": {label: [value, ...]}}``, JSON-ready."""
        return {
            "models": [model.spec for model in self.models],
            "rows": {label: list(values) for label, values in self.rows},
        }

    def __str__(self) -> str:
        header = ("", *(model.spec for model in self.models))
        body = [(label, *(cell(value) for value in values)) for label, values in self.rows]
        return table([header, *body])


def compare(models: Sequence[Model]) -> Comparison:
    """Compare ``models`` row by row (limits, prices, capabilities, dates)."""
    chosen = tuple(models)
    return Comparison(
        models=chosen, rows=tuple((label, tuple(get(m) for m in chosen)) for label, get in ROWS)
    )
