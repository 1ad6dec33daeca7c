"""The one-line description IDEs show when hovering over a model constant."""

from __future__ import annotations

from llmdex.records.model import Model
from llmdex.views.display import tokens, usd
from llmdex.views.facts import CAPABILITIES


def hover(model: Model) -> str:
    """One line: name, kind, context, output, price, capabilities and status."""
    parts = [
        f"{model.name} ({model.kind.value})",
        f"{tokens(model.limit.context)} context",
        f"{tokens(model.limit.output)} output",
    ]
    cost = model.cost
    if cost is None or cost.input is None or cost.output is None:
        parts.append("price unknown")
    elif cost.input == 0 and cost.output == 0:
        parts.append("free")
    else:
        parts.append(f"{usd(cost.input)} in / {usd(cost.output)} out per 1M tokens")
    capabilities = [c.label for c in CAPABILITIES.values() if c.test(model)]
    if capabilities:
        parts.append(", ".join(capabilities))
    if model.status is not None:
        parts.append(model.status.value)
    # One line whatever the payload holds: control characters would break the docstring.
    return " · ".join(parts).translate({c: " " for c in range(32)} | {0x7F: " "})
