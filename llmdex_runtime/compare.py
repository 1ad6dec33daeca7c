"""Side-by-side facts of several models."""

from __future__ import annotations

from llmdex_runtime.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import Any

    from llmdex_runtime.model import Model


def _price(model: Model, name: str) -> str | None:
    value = getattr(model.cost, name, None) if model.cost is not None else None
    return None if value is None else str(value)


ROWS: tuple[tuple[str, Callable[[Model], Any]], ...] = (
    ("name", lambda m: m.name),
    ("kind", lambda m: m.kind.value),
    ("context", lambda m: m.limit.context),
    ("max output", lambda m: m.limit.output),
    ("input $/1M", lambda m: _price(m, "input")),
    ("output $/1M", lambda m: _price(m, "output")),
    ("cache read $/1M", lambda m: _price(m, "cache_read")),
    ("input", lambda m: ", ".join(m.modalities.input)),
    ("output", lambda m: ", ".join(m.modalities.output)),
    ("tools", lambda m: m.tool_call),
    ("reasoning", lambda m: m.reasoning),
    ("structured output", lambda m: m.structured_output),
    ("open weights", lambda m: m.open_weights),
    ("knowledge", lambda m: None if m.knowledge is None else str(m.knowledge)),
    ("released", lambda m: str(m.release_date)),
    ("status", lambda m: None if m.status is None else m.status.value),
)


@record
class Comparison:
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
        body = [
            (label, *("-" if v is None else str(v) for v in values)) for label, values in self.rows
        ]
        table = [header, *body]
        widths = [max(len(row[i]) for row in table) for i in range(len(header))]
        return "\n".join(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in table
        )


def compare(models: Sequence[Model]) -> Comparison:
    """Compare ``models`` row by row (limits, prices, capabilities, dates)."""
    chosen = tuple(models)
    return Comparison(
        models=chosen, rows=tuple((label, tuple(get(m) for m in chosen)) for label, get in ROWS)
    )
