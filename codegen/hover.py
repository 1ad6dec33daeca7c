"""The one-line description IDEs show when hovering over a model constant."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from llmdex_runtime.enums import Kind

_CAPABILITIES = (
    ("tool_call", "tools"),
    ("reasoning", "reasoning"),
    ("structured_output", "structured output"),
    ("attachment", "attachments"),
    ("open_weights", "open weights"),
)


def tokens(count: int) -> str:
    """``128000`` -> ``128K``; ``1048576`` -> ``1.05M``."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.3g}M"
    if count >= 1_000:
        return f"{count / 1_000:.3g}K"
    return str(count)


def usd(value: int | float) -> str:
    """A price: two decimals where that is exact, otherwise every digit it has."""
    amount = Decimal(repr(value))
    if amount == amount.quantize(Decimal("0.01")):
        return f"${amount:.2f}"
    return f"${format(amount.normalize(), 'f')}"


def hover(raw: Mapping[str, Any], kind: Kind) -> str:
    """One line: name, kind, context, output, price, capabilities and status."""
    limit = raw["limit"]
    parts = [
        f"{raw['name']} ({kind.value})",
        f"{tokens(limit['context'])} context",
        f"{tokens(limit['output'])} output",
    ]
    cost = raw.get("cost")
    if cost is None or "input" not in cost or "output" not in cost:
        parts.append("price unknown")
    elif cost["input"] == 0 and cost["output"] == 0:
        parts.append("free")
    else:
        parts.append(f"{usd(cost['input'])} in / {usd(cost['output'])} out per 1M tokens")
    capabilities = ["vision"] if "image" in raw["modalities"]["input"] else []
    capabilities += [label for key, label in _CAPABILITIES if raw.get(key)]
    if capabilities:
        parts.append(", ".join(capabilities))
    if "status" in raw:
        parts.append(str(raw["status"]))
    # One line whatever the payload holds: control characters would break the docstring.
    return " · ".join(parts).translate({c: " " for c in range(32)} | {0x7F: " "})
