"""What the site shows, read from a catalog: the index's data, and each page's facts.

Everything here is plain data for the templates (:mod:`llmdex.site.build`); the
index's data is the same for the search script and the compare view (``data.js``).
"""

from __future__ import annotations

from llmdex.records.rates import RATE_NAMES
from llmdex.views.display import exact
from llmdex.views.facts import CAPABILITIES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal
    from typing import Any

    from llmdex.facade import Catalog
    from llmdex.records.model import Model, ProviderInfo
    from llmdex.records.rates import Rates

NONE = "\u2013"
"""What a page shows for a value the catalog does not give: an en dash."""
_UNSAFE = set("/\\:?#%&*\"'<>| ")


def slug(text: str) -> str:
    """A file name for an id: safe characters kept, any other as ``~`` and its hex code.

    A leading dot is escaped, so no id names ``.`` or ``..``, and so are capital letters, so
    two ids that differ only in case never share a file on a case-insensitive file system. A
    code point above U+00FF is ``~~`` and six hex digits, so no escape reads as another.

    Example:
        >>> slug("openai/gpt-4o:free")
        'openai~2fgpt-4o~3afree'
        >>> slug("..")
        '~2e.'
    """
    return "".join(
        _escape(ch)
        if ch in _UNSAFE
        or ch == "~"
        or not ch.isprintable()
        or ch != ch.lower()
        or (ch == "." and i == 0)
        else ch
        for i, ch in enumerate(text)
    )


def _escape(ch: str) -> str:
    # `~` is always escaped itself, so `~~` never stands for anything but a long escape.
    code = ord(ch)
    return f"~{code:02x}" if code <= 0xFF else f"~~{code:06x}"


def model_path(model: Model) -> str:
    """The page of a model, relative to the site's root."""
    return f"models/{slug(model.provider)}/{slug(model.id)}.html"


def provider_path(pid: str) -> str:
    """The page of a provider, relative to the site's root."""
    return f"providers/{slug(pid)}.html"


def price_text(price: Decimal | None) -> str:
    """A price per 1M tokens as the pages show it: ``$2.50``, ``$0.075``, or an en dash."""
    if price is None:
        return NONE
    text = exact(price)
    whole, _, decimals = text.partition(".")
    return f"${whole}.{decimals.ljust(2, '0')}"


def retired_models(catalog: Catalog) -> list[Model]:
    """The models the history lists and the catalog no longer does, as last listed."""
    return list(catalog.catalog().where(retired=True)) if catalog.past_if_any() else []


def base_prices(model: Model) -> tuple[str, str]:
    """The input and output prices of a model's base band, as pages show them."""
    cost = model.cost
    if cost is None:
        return NONE, NONE
    return price_text(cost.input), price_text(cost.output)


def index_rows(catalog: Catalog, retired: list[Model]) -> list[dict[str, Any]]:
    """One compact record per model, in ``catalog()`` order, then the ``retired`` ones (status
    ``retired``, which the index shows only when asked), for the index and compare."""
    aliases: dict[tuple[str, str], list[str]] = {}
    for pid, table in catalog.tables.aliases().items():
        for alias, target in table.items():
            aliases.setdefault((pid, target), []).append(alias)
    rows = []
    gone = {m.spec for m in retired}
    for model in [*catalog.catalog(), *retired]:
        cost = model.cost
        shown = base_prices(model)
        rows.append(
            {
                "s": model.spec,
                "p": model.provider,
                "i": model.id,
                "n": model.name,
                "f": model.family or "",
                "k": str(model.kind),
                "c": [name for name, cap in CAPABILITIES.items() if cap.test(model)],
                "mi": list(model.modalities.input),
                "mo": list(model.modalities.output),
                "x": model.limit.context,
                "o": model.limit.output,
                "pi": None if cost is None else exact(cost.input),
                "po": None if cost is None else exact(cost.output),
                "di": shown[0],
                "do": shown[1],
                "st": "retired" if model.spec in gone else _status(model),
                "r": str(model.release_date),
                "a": sorted(aliases.get((model.provider, model.id), ())),
                "m": model.provider in catalog.tables.makers.get(model.id, ()),
                "u": model_path(model),
            }
        )
    return rows


def _status(model: Model) -> str:
    return "ga" if model.status is None else str(model.status)


def dialects(catalog: Catalog) -> dict[str, str]:
    """Other libraries' provider names (``vertex_ai``) -> provider id, for the search box."""
    return dict(catalog.tables.dialect_names())


def fields(model: Model) -> list[tuple[str, str]]:
    """Every fact of a model with its unit, in reading order."""
    limit = model.limit
    rows = [
        ("Provider", model.provider),
        ("Model id", model.id),
        ("Name", model.name),
        ("Family", model.family or NONE),
        ("Kind", str(model.kind)),
        ("Status", "generally available" if model.status is None else str(model.status)),
        ("Context window", f"{limit.context:,} tokens"),
        ("Maximum input", NONE if limit.input is None else f"{limit.input:,} tokens"),
        ("Maximum output", f"{limit.output:,} tokens"),
        ("Input", ", ".join(model.modalities.input)),
        ("Output", ", ".join(model.modalities.output)),
    ]
    for cap in CAPABILITIES.values():
        rows.append((cap.label.capitalize(), "yes" if cap.test(model) else "no"))
    rows.extend(
        [
            ("Temperature", {True: "yes", False: "no", None: NONE}[model.temperature]),
            ("Knowledge cutoff", NONE if model.knowledge is None else str(model.knowledge)),
            ("Released", str(model.release_date)),
            ("Last updated", str(model.last_updated)),
            ("Protocol", str(model.protocol) if model.protocol is not None else "provider's"),
        ]
    )
    return rows


def price_table(model: Model) -> list[tuple[str, list[str]]]:
    """Rows of prices per 1M tokens: the base prices, each tier, each priced mode."""
    cost = model.cost
    if cost is None:
        return []
    rows: list[tuple[str, list[str]]] = [("Base", _rates(cost))]
    for tier in cost.tiers or ():
        rows.append((f"Prompt over {tier.tier.size:,} tokens ({tier.tier.type})", _rates(tier)))
    if not cost.tiers and cost.context_over_200k is not None:
        rows.append(("Prompt over 200,000 tokens", _rates(cost.context_over_200k)))
    experimental = getattr(model, "experimental", None)
    for name, mode in sorted((getattr(experimental, "modes", None) or {}).items()):
        if mode.cost is not None:
            rows.append((f"Mode {name}", _rates(mode.cost)))
    return rows


def _rates(rates: Rates) -> list[str]:
    return [price_text(getattr(rates, name)) for name in RATE_NAMES]


def served_by(catalog: Catalog, model: Model) -> list[dict[str, Any]]:
    """The providers that list the same model id, with their prices, this one first."""
    found = []
    for pid in catalog.tables.owners.get(model.id, ()):
        other = catalog.models_of(pid).get(model.id)
        if other is None:
            continue
        cost = other.cost
        found.append(
            {
                "spec": other.spec,
                "url": model_path(other),
                "input": price_text(None if cost is None else cost.input),
                "output": price_text(None if cost is None else cost.output),
                "cache_read": price_text(None if cost is None else cost.cache_read),
                "context": f"{other.limit.context:,}",
                "this": other.spec == model.spec,
            }
        )
    return sorted(found, key=lambda row: (not row["this"], row["spec"]))


def other_names(catalog: Catalog) -> dict[str, list[str]]:
    """Specs besides ``provider:id`` that find each model (aliases, other libraries' provider
    names; the ``/`` form where both forms resolve), by the model's spec."""
    from llmdex.views.other_names import other_names as names

    found: dict[str, list[str]] = {}
    for name, pid, mid, _ in names(catalog):
        listed = found.setdefault(f"{pid}:{mid}", [])
        if name.replace("/", ":", 1) not in listed and name not in listed:
            listed.append(name)
    return found


def provider_facts(info: ProviderInfo) -> list[tuple[str, str]]:
    """A provider's facts: id, key variables, base URL, protocol, SDK package, docs."""
    return [
        ("Provider id", info.id),
        ("API key variables", ", ".join(info.env) or NONE),
        ("Base URL", info.base_url or NONE),
        ("Protocol", str(info.protocol)),
        ("AI SDK package", info.npm or NONE),
        ("Documentation", info.doc or NONE),
    ]
