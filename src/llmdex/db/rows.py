"""A catalog as the rows of the database tables (:mod:`llmdex.db.schema`).

Prices carry the dates they were valid, read from the catalog's history: a period starts on
the date of the payload that first listed a price and ends on the date of the first payload
that listed another (or none), exactly the prices ``find(spec, at=day)`` returns for each day.
Values are plain Python (``Decimal``, ``bool``, ``str`` dates, dicts for JSON); each database
converts them (:mod:`llmdex.db.database`).
"""

from __future__ import annotations

import json
from decimal import Decimal

from llmdex.db.schema import COMPONENTS, LIMBS, OWN, TABLE
from llmdex.pricing.cost import bands, rate
from llmdex.records.rates import Cost, Experimental
from llmdex.records.record import Record, record
from llmdex.views.other_names import other_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

    from llmdex.facade import Catalog
    from llmdex.past.log import History
    from llmdex.records.model import Model, ProviderInfo
    from llmdex.records.rates import Mode, Rates

    Row = dict[str, Any]
    Rows = dict[tuple[Any, ...], Row]

_LEGACY = ("context_over_200k", 200_000)


def catalog_rows(catalog: Catalog) -> dict[str, Rows]:
    """Every row the catalog gives, by table name, then by primary key."""
    info = catalog.catalog_info()
    past = catalog.past_if_any()
    tables: dict[str, Rows] = {name: {} for name in TABLE if TABLE[name].catalog}
    current = {p.id: p for p in tuple(catalog.tables.providers.values())}
    for pid in sorted(set(current) | set(past.providers_ever() if past else ())):
        row = _provider_row(current.get(pid), pid, past)
        if row is not None:
            _put(tables, "providers", row)
    for spec, model, listed in _models(catalog, past, info.date):
        pid, mid = spec
        _put(tables, "models", _model_row(model, listed))
        for start, end, priced in listed.periods:
            for row in _listed_prices(priced, start, end):
                _put(tables, "prices", row)
            for row in _effective_prices(priced, start, end):
                _put(tables, "effective_prices", row)
        _put(tables, "model_names", _name(f"{pid}:{mid}", pid, mid, "id"))
    for name, pid, mid, kind in other_names(catalog):
        _put(tables, "model_names", _name(name, pid, mid, kind))  # an id's own name stays
    return tables


@record
class Listed(Record):
    """When a model was listed, and its price periods: ``(start, end or None, prices)``."""

    first_seen: str
    last_seen: str
    unavailable_since: str | None
    periods: tuple[tuple[str, str | None, Priced], ...]


@record
class Priced(Record):
    """What pricing reads from one model object: its cost table and its modes' prices."""

    pid: str
    mid: str
    cost: Cost
    modes: tuple[tuple[str, Rates], ...]

    @classmethod
    def of(cls, model: Model) -> Priced | None:
        """The prices of a model record, or ``None`` if it has none."""
        if model.cost is None:
            return None
        experimental = model.experimental
        modes = experimental.modes if isinstance(experimental, Experimental) else None
        return cls(pid=model.provider, mid=model.id, cost=model.cost, modes=_priced_modes(modes))

    @classmethod
    def read(cls, pid: str, mid: str, state: Mapping[str, Any]) -> Priced | None:
        """The prices of a models.dev object, read as :class:`Model` reads them."""
        cost = state.get("cost")
        if not isinstance(cost, dict):
            return None
        experimental = state.get("experimental")
        modes = None
        if isinstance(experimental, dict):
            modes = Experimental.from_dict(experimental).modes
        return cls(pid=pid, mid=mid, cost=Cost.from_dict(cost), modes=_priced_modes(modes))


def _priced_modes(modes: Mapping[str, Mode] | None) -> tuple[tuple[str, Rates], ...]:
    return tuple(sorted((name, mode.cost) for name, mode in (modes or {}).items() if mode.cost))


def _models(
    catalog: Catalog, past: History | None, today: str
) -> Iterator[tuple[tuple[str, str], Model, Listed]]:
    current = {(m.provider, m.id): m for m in catalog.all_models()}
    ever = set(current)
    if past is not None:
        ever.update((pid, mid) for pid in past.providers_ever() for mid in past.ids_ever(pid))
    for pid, mid in sorted(ever):
        model = current.get((pid, mid))
        listed = _listed(past, pid, mid) if past is not None else None
        if listed is None:
            if model is None:
                continue
            priced = Priced.of(model)
            periods = ((today, None, priced),) if priced else ()
            listed = Listed(
                first_seen=today, last_seen=today, unavailable_since=None, periods=periods
            )
        if model is None:
            model = past.model(pid, mid, listed.last_seen) if past is not None else None
            if model is None:
                continue
        yield (pid, mid), model, listed


def _listed(past: History, pid: str, mid: str) -> Listed | None:
    listings = past.listings(pid, mid)
    dates = [date for date, state in listings if state is not None]
    if not dates:
        return None
    unavailable = listings[-1][0] if listings[-1][1] is None else None
    periods: list[tuple[str, str | None, Priced]] = []
    key: str | None = None
    start, opened = "", None
    for date, state in [*listings, ("", None)]:
        new = _price_key(state) if state is not None else None
        if new == key:
            continue
        if key is not None and opened is not None:
            priced = Priced.read(pid, mid, opened)
            if priced is not None:
                periods.append((start, date or None, priced))
        key, start, opened = new, date, state
    return Listed(
        first_seen=dates[0],
        last_seen=dates[-1],
        unavailable_since=unavailable,
        periods=tuple(periods),
    )


def _price_key(state: Mapping[str, Any]) -> str:
    # What pricing reads from a model object: its cost table and its modes' prices.
    experimental = state.get("experimental")
    modes = experimental.get("modes") if isinstance(experimental, dict) else None
    return json.dumps([state.get("cost"), modes], sort_keys=True)


def _put(tables: dict[str, Rows], name: str, row: Row) -> None:
    tables[name].setdefault(tuple(row[column] for column in TABLE[name].key), row)


def _provider_row(info: ProviderInfo | None, pid: str, past: History | None) -> Row | None:
    if info is not None:
        return {
            "id": pid,
            "name": info.display_name,
            "env": ",".join(info.env),
            "npm": info.npm,
            "api": info.api,
            "doc": info.doc,
            "protocol": str(info.protocol),
            "base_url": info.base_url,
            "unavailable_since": None,
            "data": info.to_dict(),
            "origin": OWN,
        }
    listings = past.listings(pid) if past is not None else []
    states = [state for _, state in listings if state is not None]
    if not states:
        return None
    last = states[-1]
    env = last.get("env")
    return {
        "id": pid,
        "name": last.get("name"),
        "env": ",".join(env) if isinstance(env, list) else None,
        "npm": last.get("npm"),
        "api": last.get("api"),
        "doc": last.get("doc"),
        "protocol": None,
        "base_url": None,
        "unavailable_since": listings[-1][0] if listings[-1][1] is None else None,
        "data": last,
        "origin": OWN,
    }


def _model_row(model: Model, listed: Listed) -> Row:
    cost = model.cost
    return {
        "provider": model.provider,
        "id": model.id,
        "name": model.name,
        "family": model.family,
        "kind": str(model.kind),
        "status": None if model.status is None else str(model.status),
        "attachment": model.attachment,
        "reasoning": model.reasoning,
        "tool_call": model.tool_call,
        "structured_output": model.structured_output,
        "temperature": model.temperature,
        "open_weights": model.open_weights,
        "knowledge": None if model.knowledge is None else str(model.knowledge),
        "release_date": str(model.release_date),
        "last_updated": str(model.last_updated),
        "context_limit": model.limit.context,
        "input_limit": model.limit.input,
        "output_limit": model.limit.output,
        "input_modalities": ",".join(model.modalities.input),
        "output_modalities": ",".join(model.modalities.output),
        "input_price": None if cost is None else cost.input,
        "output_price": None if cost is None else cost.output,
        "cache_read_price": None if cost is None else cost.cache_read,
        "cache_write_price": None if cost is None else cost.cache_write,
        "first_seen": listed.first_seen,
        "unavailable_since": listed.unavailable_since,
        "data": model.to_dict(),
        "origin": OWN,
    }


def _listed_prices(priced: Priced, start: str, end: str | None) -> Iterator[Row]:
    cost = priced.cost
    tables: list[tuple[str, str, int, Rates]] = [("", "", 0, cost)]
    tables.extend(("", tier.tier.type, tier.tier.size, tier) for tier in cost.tiers or ())
    if cost.context_over_200k is not None:
        tables.append(("", *_LEGACY, cost.context_over_200k))
    tables.extend((name, "", 0, rates) for name, rates in priced.modes)
    for mode, tier_type, size, rates in tables:
        for component in COMPONENTS:
            price = getattr(rates, component)
            if price is not None:
                yield {
                    "provider": priced.pid,
                    "model_id": priced.mid,
                    "mode": mode,
                    "tier_type": tier_type,
                    "tier_size": size,
                    "component": component,
                    "valid_from": start,
                    "valid_to": end,
                    "price": price,
                    "origin": OWN,
                }


def _effective_prices(priced: Priced, start: str, end: str | None) -> Iterator[Row]:
    cost = priced.cost
    chains: list[tuple[str, int, int | None, tuple[Rates, ...]]] = [
        ("", above, upto, chain) for above, upto, chain in bands(cost)
    ]
    chains.extend((name, -1, None, (rates, cost)) for name, rates in priced.modes)
    for mode, above, upto, chain in chains:
        row: Row = {
            "provider": priced.pid,
            "model_id": priced.mid,
            "mode": mode,
            "prompt_above": above,
            "prompt_upto": upto,
            "tier": None if above < 0 or mode else above,
            "valid_from": start,
            "valid_to": end,
            "origin": OWN,
        }
        for component in COMPONENTS:
            price = rate(chain, component)[0]
            row[component] = price
            for (limb, _), value in zip(LIMBS, limbs(price), strict=True):
                row[f"{component}_{limb}"] = value
        yield row


def limbs(price: Decimal | None) -> tuple[int | None, int | None, int | None]:
    """A price as SQLite's integer limbs (:data:`~llmdex.db.schema.LIMBS`): zeros
    for an unknown price, ``None`` for one they cannot hold exactly.

    Example:
        >>> limbs(Decimal("2.0000000015"))
        (2, 1, 500000000)
    """
    if price is None:
        return 0, 0, 0
    scaled = price.scaleb(18)
    if price < 0 or scaled != scaled.to_integral_value() or price >= 2**62:
        return None, None, None
    units = int(scaled)
    whole, fraction = divmod(units, 10**18)
    high, low = divmod(fraction, 10**9)
    return whole, high, low


def _name(name: str, pid: str, mid: str, kind: str) -> Row:
    return {
        "name": name,
        "provider": pid,
        "model_id": mid,
        "kind": kind,
        "origin": OWN,
    }
