"""The catalog beside what a provider serves now: ``llmdex reconcile PROVIDER``.

The provider's own model-list API (through the client, under its key policy and HTTP
policy) gives the ids it serves, and, where the API has them (OpenRouter's prices and
context lengths, Gemini's token limits), prices and limits. The report says what is served
but not listed, listed but not served, and every price or limit that differs; its
:meth:`Reconciliation.patches` is a patch file in the regen's format for a person to review,
never applied by itself.
"""

from __future__ import annotations

from llmdex.records.record import Record, record
from llmdex.views.display import exact

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal
    from typing import Any

    from llmdex.client.client import Client
    from llmdex.client.wire import Listed
    from llmdex.facade import Catalog
    from llmdex.records.model import Model

    Read = Callable[[Model], Decimal | int | None]


def _rate(name: str) -> Read:
    def read(model: Model) -> Decimal | None:
        return None if model.cost is None else getattr(model.cost, name)

    return read


PRICES: dict[str, tuple[str, Read]] = {
    "cost.input": ("input_price", _rate("input")),
    "cost.output": ("output_price", _rate("output")),
    "cost.cache_read": ("cache_read_price", _rate("cache_read")),
    "cost.cache_write": ("cache_write_price", _rate("cache_write")),
}
"""Field path -> the :class:`~llmdex.client.wire.Listed` attribute and the catalog's value."""

_SHOWN = 12
"""Ids the text report names per list before it counts the rest."""

LIMITS: dict[str, tuple[str, Read]] = {
    "limit.context": ("context", lambda m: m.limit.context),
    "limit.output": ("output", lambda m: m.limit.output),
}
"""Likewise for token limits."""


@record
class Difference(Record):
    """One field of one model where the catalog and the live list disagree."""

    id: str
    field: str
    catalog: Decimal | int | None
    live: Decimal | int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exact decimals as strings, counts as numbers."""
        return {
            "id": self.id,
            "field": self.field,
            "catalog": _json(self.catalog),
            "live": _json(self.live),
        }


@record
class Reconciliation(Record):
    """What a provider's model-list API said at ``checked_at``, beside the catalog.

    Example:
        >>> report = llmdex.reconcile("openrouter")
        >>> report.live_only[:3], len(report.price_changes)
    """

    provider: str
    checked_at: str
    """When the list was read, ISO 8601 in UTC."""
    source: str
    """The list's URL."""
    live: int
    """How many models the API listed."""
    listed: int
    """How many models the catalog lists for the provider."""
    live_only: tuple[str, ...]
    catalog_only: tuple[str, ...]
    price_changes: tuple[Difference, ...]
    limit_changes: tuple[Difference, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report as ``llmdex reconcile --json`` prints it."""
        return {
            "provider": self.provider,
            "checked_at": self.checked_at,
            "source": self.source,
            "live": self.live,
            "listed": self.listed,
            "live_only": list(self.live_only),
            "catalog_only": list(self.catalog_only),
            "price_changes": [d.to_dict() for d in self.price_changes],
            "limit_changes": [d.to_dict() for d in self.limit_changes],
        }

    def patches(self) -> dict[str, Any]:
        """The price and limit changes as a patch file (``data_sources/patches/`` format), one
        entry per model with ``reason`` and ``source``, for review before a regen takes it.

        Served-only models are not written: an ``add`` needs fields no list API gives (a
        name, a release date); the report lists them.
        """
        by_model: dict[str, list[Difference]] = {}
        for difference in (*self.price_changes, *self.limit_changes):
            by_model.setdefault(difference.id, []).append(difference)
        day = self.checked_at[:10]
        entries = []
        for mid, differences in sorted(by_model.items()):
            changes: dict[str, dict[str, float | int]] = {}
            for d in differences:
                group, _, name = d.field.partition(".")
                changes.setdefault(group, {})[name] = _number(d.live)
            said = "; ".join(
                f"{d.field} {_json(d.live)} (catalog {_json(d.catalog)})" for d in differences
            )
            entries.append(
                {
                    "provider": self.provider,
                    "model": mid,
                    "set": changes,
                    "reason": f"{self.provider}'s model-list API on {day}: {said}",
                    "source": self.source,
                }
            )
        return {"patches": entries}

    def __str__(self) -> str:
        served = f"{self.live} model{'' if self.live == 1 else 's'} served"
        lines = [
            f"{self.provider}: {served} ({self.source}, {self.checked_at}), {self.listed} listed"
        ]
        for label, ids in (
            ("served, not listed", self.live_only),
            ("listed, not served", self.catalog_only),
        ):
            shown = ", ".join(ids[:_SHOWN]) if ids else "-"
            more = f", and {len(ids) - _SHOWN} more (--json lists all)" if len(ids) > _SHOWN else ""
            lines.append(f"{label} ({len(ids)}): {shown}{more}")
        for label, differences in (
            ("price changes", self.price_changes),
            ("limit changes", self.limit_changes),
        ):
            lines.append(f"{label} ({len(differences)}){':' if differences else ''}")
            lines += [
                f"  {d.id}  {d.field}  catalog {_json(d.catalog)}  live {_json(d.live)}"
                for d in differences
            ]
        return "\n".join(lines)


def reconcile(
    catalog: Catalog,
    provider: str,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    client: Client | None = None,
) -> Reconciliation:
    """Read ``provider``'s model list with ``client`` (a new :class:`~llmdex.Client` of
    ``catalog`` by default) and compare it with ``catalog``."""
    import datetime

    if client is None:
        from llmdex.client.client import Client

        client = Client(catalog=catalog)
    info = catalog.rules.provider(provider, ("reconcile", "provider"))
    checked_at = datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()
    served = client.list_models(info.id, base_url=base_url, api_key=api_key)
    live = {model.id: model for model in served.models}
    ours = catalog.models_of(info.id)
    both = sorted(set(live) & set(ours))
    return Reconciliation(
        provider=info.id,
        checked_at=checked_at.replace("+00:00", "Z"),
        source=served.source,
        live=len(live),
        listed=len(ours),
        live_only=tuple(sorted(set(live) - set(ours))),
        catalog_only=tuple(sorted(set(ours) - set(live))),
        price_changes=_differences(both, live, ours, PRICES),
        limit_changes=_differences(both, live, ours, LIMITS),
    )


def _differences(
    ids: list[str],
    live: dict[str, Listed],
    ours: Any,
    fields: dict[str, tuple[str, Read]],
) -> tuple[Difference, ...]:
    found = []
    for mid in ids:
        for path, (attribute, read) in fields.items():
            given = getattr(live[mid], attribute)
            if given is None:
                continue  # the API does not say: nothing to compare
            known = read(ours[mid])
            if known != given:
                found.append(Difference(id=mid, field=path, catalog=known, live=given))
    return tuple(found)


def _json(value: Decimal | int | None) -> str | int | None:
    if value is None or isinstance(value, int):
        return value
    return exact(value)


def _number(value: Decimal | int) -> float | int:
    # models.dev writes prices as JSON numbers; a float's repr is the shortest exact text.
    return value if isinstance(value, int) else float(value)
