"""The facts about a model that filters, sorting and displays name, each defined once.

:data:`CAPABILITIES` are the yes/no facts (``where(tools=True)``, ``llmdex list --tools``,
the hover line, ``compare``); :data:`SORT_KEYS` the orders ``sort()`` and ``--sort`` accept.
"""

from __future__ import annotations

from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

    from llmdex.records.model import Model


@record
class Capability(Record):
    """A yes/no fact about a model: its filter name, its label, and how to read it."""

    name: str
    """The keyword of ``where()`` and the CLI flag (``structured_output``)."""
    label: str
    """How displays name it (``structured output``)."""
    test: Callable[[Model], bool]


CAPABILITIES: dict[str, Capability] = {
    c.name: c
    for c in (
        Capability(name="vision", label="vision", test=lambda m: "image" in m.modalities.input),
        Capability(name="tools", label="tools", test=lambda m: m.tool_call),
        Capability(name="reasoning", label="reasoning", test=lambda m: m.reasoning),
        Capability(
            name="structured_output",
            label="structured output",
            test=lambda m: m.structured_output is True,
        ),
        Capability(name="attachments", label="attachments", test=lambda m: m.attachment),
        Capability(name="open_weights", label="open weights", test=lambda m: m.open_weights),
    )
}
"""Every capability, by filter name, in display order."""


def price(component: str) -> Callable[[Model], Decimal | None]:
    """A function reading one price of a model (``None`` where it has none)."""
    return lambda m: None if m.cost is None else getattr(m.cost, component)


SORT_KEYS: dict[str, Callable[[Model], object]] = {
    "input_price": price("input"),
    "output_price": price("output"),
    "context": lambda m: m.limit.context,
    "release_date": lambda m: m.release_date,
}
"""What a selection can be sorted by; models without the value come last."""
