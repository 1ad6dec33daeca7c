"""What changed between two catalogs: models added and retired, prices, deprecations, fields.

Both sides are *entity maps*: each provider id -> its models.dev object without ``models``,
each ``provider:id`` -> the model's object (:func:`entities`). The field-by-field comparison
here is the one the generator's history log is made of.

Example:
    >>> d = diff(entities(old_payload), entities(new_payload), "2025-09-07", "2025-09-14")
    >>> print(d.text())
"""

from __future__ import annotations

from llmdex.records.rates import RATE_NAMES
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from decimal import Decimal
    from typing import Any

    from llmdex.facade import Catalog

_SHOWN = 20


def side(catalog: Catalog, name: str) -> tuple[str, dict[str, dict[str, Any]]]:
    """One side of a comparison and its label: ``catalog`` (the installed catalog), a date
    (the catalog as its history lists it then), or a payload file (``.json`` or ``.json.gz``)."""
    if name == "catalog":
        found: dict[str, dict[str, Any]] = {}
        for info in catalog.tables.providers.values():
            found[info.id] = info.to_dict()
            for mid, model in catalog.models_of(info.id).items():
                found[f"{info.id}:{mid}"] = model.to_dict()
        return f"catalog ({catalog.catalog_info().date})", found
    if len(name) == 10 and name[4] == "-" and name[7] == "-":
        from llmdex.past.log import as_of_date

        past = catalog.past.log
        at = as_of_date(name)
        date = past.snapshot_at(at)
        if date is None:
            raise ValueError(f"{name}: the history starts {past.snapshots[0]}")
        return date, past.entities_at(date)
    return name, entities(_read_payload(name))


_MAX_BYTES = 32 * 1024 * 1024
"""The largest payload ``diff`` reads, unpacked: models.dev's is about 2.5 MB."""


def _read_payload(path: str) -> Any:
    from llmdex.bounded_gzip import UnpackError, gunzip
    from llmdex.untrusted_json import PAYLOAD_DEPTH, UntrustedJSONError, loads

    what = "give a day (YYYY-MM-DD), 'catalog', or a models.dev payload file (.json or .json.gz)"
    try:
        with open(path, "rb") as handle:
            data = handle.read(_MAX_BYTES + 1)
    except OSError as exc:
        raise ValueError(f"{path}: cannot read it ({exc.strerror}); {what}") from None
    if data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data, _MAX_BYTES)
        except UnpackError as exc:
            advice = "a payload is a few MB" if exc.too_large else "fetch it again"
            raise ValueError(f"{path}: {exc}; {advice}") from None
    if len(data) > _MAX_BYTES:
        raise ValueError(f"{path}: over {_MAX_BYTES // 2**20} MiB; a payload is a few MB")
    try:
        payload = loads(data, max_depth=PAYLOAD_DEPTH)
    except UntrustedJSONError as exc:
        raise ValueError(f"{path}: {exc}; {what}") from None
    problem = _shape_problem(payload)
    if problem is not None:
        raise ValueError(f"{path}: not a models.dev payload: {problem}")
    return payload


def _shape_problem(payload: Any) -> str | None:
    # What entities() reads: providers that are objects, each with an object of models.
    if not isinstance(payload, dict):
        return "the top level is not an object of providers"
    for pid, provider in payload.items():
        if not isinstance(provider, dict):
            return f"provider {pid[:60]!r} is not an object"
        models = provider.get("models", {})
        if not isinstance(models, dict):
            return f"{pid[:60]}.models is not an object"
        for mid, model in models.items():
            if not isinstance(model, dict):
                return f"model {pid[:60]}:{mid[:60]} is not an object"
    return None


def entities(payload: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A payload as entities: each provider (without its models) and each ``provider:model``."""
    found: dict[str, dict[str, Any]] = {}
    for pid, provider in payload.items():
        found[pid] = {k: v for k, v in provider.items() if k != "models"}
        for mid, model in provider.get("models", {}).items():
            found[f"{pid}:{mid}"] = model
    return found


def field_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], path: tuple[str, ...] = ()
) -> Iterator[tuple[str, tuple[str, ...], Any, Any]]:
    """``(op, path, old, new)`` for every field that differs: ``~`` changed, ``+`` added,
    ``-`` removed; objects are compared key by key, anything else as a whole."""
    for key in sorted(set(old) | set(new)):
        here = (*path, key)
        if key not in new:
            yield ("-", here, old[key], None)
        elif key not in old:
            yield ("+", here, None, new[key])
        elif isinstance(old[key], dict) and isinstance(new[key], dict):
            yield from field_changes(old[key], new[key], here)
        elif not same(old[key], new[key]):
            yield ("~", here, old[key], new[key])


def same(a: Any, b: Any) -> bool:
    """JSON equality that tells ``1``, ``1.0`` and ``true`` apart."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


@record
class PriceChange(Record):
    """One price of one model that changed (USD per 1M tokens; ``None`` where unpriced)."""

    spec: str
    component: str
    """``input``, ``output``, ``cache_read``, ...; ``context_over_200k.input`` and so on."""
    old: Decimal | None
    new: Decimal | None

    @property
    def percent(self) -> Decimal | None:
        """The change in percent, where both prices are known and the old one is not zero."""
        if self.old is None or self.new is None or not self.old:
            return None
        return (self.new - self.old) / self.old * 100


@record
class CatalogDiff(Record):
    """What changed from one catalog (``before``) to another (``after``)."""

    before: str
    after: str
    added: tuple[str, ...]
    """Models listed after and not before."""
    retired: tuple[str, ...]
    """Models listed before and not after."""
    prices: tuple[PriceChange, ...]
    deprecated: tuple[str, ...]
    """Models whose status became ``deprecated``."""
    changed: Mapping[str, tuple[tuple[str, str, Any, Any], ...]]
    """Every other model that changed: spec -> ``(op, dotted path, old, new)``."""
    new_providers: tuple[str, ...]
    gone_providers: tuple[str, ...]

    def text(self) -> str:
        """A summary for a terminal."""
        return "\n".join(self._lines(markdown=False))

    def markdown(self) -> str:
        """The same summary as Markdown (a section of ``CHANGELOG-data.md``)."""
        return "\n".join(self._lines(markdown=True))

    def to_json(self) -> dict[str, Any]:
        """Every change, as JSON-ready data (prices as exact decimal strings)."""
        from llmdex.views.display import exact

        def price(value: Decimal | None) -> str | None:
            return None if value is None else exact(value)

        return {
            "before": self.before,
            "after": self.after,
            "added": list(self.added),
            "retired": list(self.retired),
            "prices": [
                {
                    "spec": p.spec,
                    "component": p.component,
                    "old": price(p.old),
                    "new": price(p.new),
                    "percent": None if p.percent is None else exact(round(p.percent, 2)),
                }
                for p in self.prices
            ],
            "deprecated": list(self.deprecated),
            "changed": {
                spec: [
                    {"op": op, "path": path, "old": old, "new": new} for op, path, old, new in rows
                ]
                for spec, rows in self.changed.items()
            },
            "new_providers": list(self.new_providers),
            "gone_providers": list(self.gone_providers),
        }

    def _lines(self, *, markdown: bool) -> Iterator[str]:
        from llmdex.views.display import exact

        head = "## " if markdown else ""
        item = "- " if markdown else "  "
        yield f"{head}{self.before} -> {self.after}: {len(self.added)} added, " + (
            f"{len(self.retired)} retired, {len(self.prices)} price changes, "
            f"{len(self.deprecated)} deprecated, {len(self.changed)} other models changed"
        )
        sections: list[tuple[str, list[str]]] = [
            ("New providers", list(self.new_providers)),
            ("Providers gone", list(self.gone_providers)),
            ("Added", list(self.added)),
            ("Retired", list(self.retired)),
            ("Deprecated", list(self.deprecated)),
            (
                "Prices (USD per 1M tokens)",
                [
                    f"{p.spec} {p.component}: {_price(p.old, exact)} -> {_price(p.new, exact)}"
                    + ("" if p.percent is None else f" ({p.percent:+.1f}%)")
                    for p in self.prices
                ],
            ),
        ]
        for title, rows in sections:
            if not rows:
                continue
            yield ""
            yield f"### {title} ({len(rows)})" if markdown else f"{title} ({len(rows)}):"
            for row in rows[:_SHOWN]:
                yield f"{item}{'`' + row + '`' if markdown and ' ' not in row else row}"
            if len(rows) > _SHOWN:
                yield f"{item}... and {len(rows) - _SHOWN} more"


def _price(value: Decimal | None, exact: Any) -> str:
    return "none" if value is None else str(exact(value))


def diff(
    before: Mapping[str, Mapping[str, Any]],
    after: Mapping[str, Mapping[str, Any]],
    before_label: str,
    after_label: str,
) -> CatalogDiff:
    """Compare two entity maps (:func:`entities`)."""
    from decimal import Decimal

    models_before = {e for e in before if ":" in e}
    models_after = {e for e in after if ":" in e}
    prices: list[PriceChange] = []
    deprecated: list[str] = []
    changed: dict[str, tuple[tuple[str, str, Any, Any], ...]] = {}
    for spec in sorted(models_before & models_after):
        rows = list(field_changes(before[spec], after[spec]))
        other = []
        for op, path, old, new in rows:
            if path[0] == "cost" and path[-1] in RATE_NAMES and _number(old) and _number(new):
                prices.append(
                    PriceChange(
                        spec=spec,
                        component=".".join(path[1:]),
                        old=None if old is None else Decimal(str(old)),
                        new=None if new is None else Decimal(str(new)),
                    )
                )
            elif path == ("status",) and new == "deprecated":
                deprecated.append(spec)
            else:
                other.append((op, ".".join(path), old, new))
        if other:
            changed[spec] = tuple(other)
    providers_before = {e for e in before if ":" not in e}
    providers_after = {e for e in after if ":" not in e}
    return CatalogDiff(
        before=before_label,
        after=after_label,
        added=tuple(sorted(models_after - models_before)),
        retired=tuple(sorted(models_before - models_after)),
        prices=tuple(prices),
        deprecated=tuple(deprecated),
        changed=changed,
        new_providers=tuple(sorted(providers_after - providers_before)),
        gone_providers=tuple(sorted(providers_before - providers_after)),
    )


def _number(value: Any) -> bool:
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool))
