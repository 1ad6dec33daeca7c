"""llmdex's one JSON form of its records, for ``--json`` output and exports.

Unlike ``to_dict()`` (the models.dev object, exactly as the payload had it), this form has
every field of the record, ``null`` where the payload gives nothing, so each object of a
kind has the same keys. Field names are the records' (models.dev's, plus llmdex's own such
as ``kind`` and ``spec``). Prices and costs are exact decimal strings (``"2.5"``), never
floats; token counts are JSON numbers; dates are ``YYYY-MM[-DD]`` strings.
"""

from __future__ import annotations

from enum import Enum

from llmdex.records.partial_date import PartialDate
from llmdex.records.record import fields
from llmdex.views.display import exact

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from llmdex.pricing.cost import CallCost


def json_form(value: Any) -> Any:
    """``value`` (a record, or anything it holds) as JSON-ready data.

    Example:
        >>> json_form(GPT_4O)["cost"]["input"], json_form(GPT_4O)["limit"]["input"]
        ('2.5', None)
    """
    if isinstance(value, Enum):
        return value.value
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if type(value).__name__ == "Decimal":
        return exact(value)
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, tuple | list):
        return [json_form(item) for item in value]
    names = fields(type(value))
    if names:
        out = {name: json_form(getattr(value, name)) for name in names}
        spec = getattr(value, "spec", None)
        return {"spec": spec, **out} if isinstance(spec, str) else out
    if hasattr(value, "items"):
        return {str(k): json_form(v) for k, v in value.items()}
    raise TypeError(f"no JSON form for {type(value).__name__}")


def cost_form(cost: CallCost) -> dict[str, Any]:
    """A priced call as JSON: amounts in USD as exact decimal strings."""
    return {
        "spec": cost.model.spec,
        "total": exact(cost.total),
        "breakdown": {name: exact(amount) for name, amount in cost.breakdown.items()},
        "usage": json_form(cost.usage),
        "tier": cost.tier,
        "mode": cost.mode,
        "notes": list(cost.notes),
        "currency": cost.currency,
        "reported": None if cost.reported is None else exact(cost.reported),
    }


def error_form(error: BaseException) -> dict[str, Any]:
    """An error as the command line reports it under ``--json``: its type, its message in
    the command line's terms, and what it carries (code, suggestions...)."""
    message = getattr(error, "cli", None) or str(error)
    detail: dict[str, Any] = {"type": type(error).__name__.lstrip("_"), "message": message}
    for name in ("code", "suggestions", "candidates", "status", "provider", "retry_after"):
        value = getattr(error, name, None)
        if value is not None:
            detail[name] = list(value) if isinstance(value, tuple) else value
    return {"error": detail}
