"""Resolution tables, computed at regen so that resolving a name stays a dict lookup.

Per provider, every name besides the model ids themselves, by rule (README, "Resolution"):

* curated aliases from ``data_sources/aliases.json`` (and ids a patch renamed); one the
  provider documents for a model the catalog lacks is kept apart (``unlisted``), and no rule
  derives that name;
* dated aliases: ids that differ only by a release-date suffix form a family whose base
  name (and ``base-latest``) means its newest release, when no model has that id itself;
  but the base name alone is a clash, not an alias, where some provider prices two releases
  of that family differently (``mistral-small``: which release a bare name means changes
  the price, so it is not guessed);
* vendor prefixes: at a provider whose ids are ``vendor/model``, ``model`` means that id
  when exactly one id of the provider ends with it (several: a clash, listed separately).

Across providers: ``OWNERS`` (the providers listing each id), ``ALIAS_OWNERS`` (the providers
with each alias), and ``MAKERS`` (the labs that make what a name names, in order, from
``data_sources/first_party.json``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from llmdex.records.model import Model
from llmdex.resolution.dated_ids import split_dated
from llmdex.resolution.makers import makers_by_pattern
from llmdex.resolution.result import Rule
from llmdex.resolution.rules import base_prices
from llmdex.resolution.spellings import spellings

from .curated import AliasFile, FirstPartyFile

Alias = tuple[str, str]
"""(model id, rule) that an alias means."""


@dataclass(frozen=True, slots=True)
class Tables:
    """Every resolution table the generated package carries."""

    aliases: dict[str, dict[str, Alias]]
    """provider -> alias -> (model id, rule)."""
    clashes: dict[str, dict[str, tuple[str, ...]]]
    """provider -> a vendor-less name -> the several ids it could mean."""
    owners: dict[str, tuple[str, ...]]
    """model id -> providers listing it, sorted."""
    alias_owners: dict[str, tuple[str, ...]]
    """alias -> providers with that alias, sorted."""
    makers: dict[str, tuple[str, ...]]
    """model id or alias -> the providers that make the model, in order of preference."""
    unlisted: dict[str, dict[str, tuple[str, str]]]
    """provider -> an alias it documents for a model the catalog lacks -> (that model's id,
    the page documenting it)."""
    maker_patterns: tuple[tuple[str, tuple[str, ...]], ...]
    """(first-party pattern, its labs), in table order: the maker of a name not listed."""
    folded: dict[str, dict[str, str]]
    """provider -> a name lower-cased -> its id (else alias) as written, where they differ."""
    folded_everywhere: dict[str, str]
    """The same over every provider's ids and aliases, for bare names."""


def _release_key(model: Model) -> tuple[int, int, int, str, str]:
    # The date the id states; what it leaves out comes from the payload's release date.
    released = model.release_date
    dated = split_dated(model.id)
    year, month, day = dated[1] if dated is not None else (0, 0, 0)
    return (year or released.year, month or released.month, day, str(released), model.id)


def family_of(model_id: str) -> str | None:
    """The family base of a dated id, or None when the id carries no date suffix."""
    dated = split_dated(model_id)
    return None if dated is None else dated[0]


def derived_aliases(models: Mapping[str, Model]) -> dict[str, str]:
    """Dated aliases of one provider: family base (and ``base-latest``) -> newest id, and
    ``base`` -> ``base-latest`` where the provider lists only the latter."""
    families: dict[str, list[str]] = defaultdict(list)
    for model_id in models:
        base = family_of(model_id)
        if base is not None:
            families[base].append(model_id)
    derived: dict[str, str] = {}
    for base, ids in sorted(families.items()):
        newest = max(ids, key=lambda mid: _release_key(models[mid]))
        for name in (base, f"{base}-latest"):
            if name not in models:
                derived[name] = newest
    # A family of one: a provider that lists only ``gemini-flash-latest`` answers
    # ``gemini-flash`` with it, as it would answer with a dated family's newest release.
    for model_id in sorted(models):
        base = model_id.removesuffix("-latest")
        if base != model_id and base and base not in models and base not in derived:
            derived[base] = model_id
    return derived


def unpriced_families(catalog: Mapping[str, Mapping[str, Model]]) -> frozenset[str]:
    """Family bases, without a vendor and in lower case (``mistral-small``), that some
    provider lists two releases of at different prices, the undated id counting as one."""
    prices: dict[tuple[str, str], set[object]] = defaultdict(set)
    for pid, models in catalog.items():
        bases = {base for model_id in models if (base := family_of(model_id)) is not None}
        for model_id, model in models.items():
            base = family_of(model_id) or (model_id if model_id in bases else None)
            if base is not None and model.cost is not None:
                prices[(pid, _vendorless(base))].add(base_prices(model))
    return frozenset(base for (_, base), seen in prices.items() if len(seen) > 1)


def _vendorless(name: str) -> str:
    return name.rpartition("/")[2].lower()


def vendor_suffixes(model_ids: list[str]) -> dict[str, list[str]]:
    """Every ``/``-separated suffix of the ids, and the ids that end with it."""
    found: dict[str, list[str]] = defaultdict(list)
    for model_id in sorted(model_ids):
        parts = model_id.split("/")
        for start in range(1, len(parts)):
            suffix = "/".join(parts[start:])
            if suffix:
                found[suffix].append(model_id)
    return found


def build_tables(
    catalog: Mapping[str, Mapping[str, Model]],
    curated: AliasFile,
    first_party: FirstPartyFile,
    renamed: Mapping[str, Mapping[str, str]] | None = None,
) -> Tables:
    """Compute every table from the catalog's models (provider -> id -> model) and curated data.

    ``renamed`` (provider -> old id -> new id, from patches) adds curated aliases.
    """
    aliases: dict[str, dict[str, Alias]] = {}
    clashes: dict[str, dict[str, tuple[str, ...]]] = {}
    unlisted: dict[str, dict[str, tuple[str, str]]] = {}
    unpriced = unpriced_families(catalog)
    # A base the maker documents as a release the catalog lacks (Cohere's command-r) is not
    # the newest release at a reseller either.
    documented_bases = {_vendorless(entry.alias) for entry in curated.aliases if entry.unlisted}
    for pid in sorted(catalog):
        models = catalog[pid]
        table: dict[str, Alias] = {}
        documented: dict[str, tuple[str, str]] = {}
        for entry in curated.aliases:
            if entry.provider != pid:
                continue
            if entry.target in models:
                table[entry.alias] = (entry.target, Rule.CURATED_ALIAS.value)
            else:
                documented[entry.alias] = (entry.target, entry.source or "")
        for old, new in (renamed or {}).get(pid, {}).items():
            table[old] = (new, Rule.CURATED_ALIAS.value)
        for alias, target in derived_aliases(models).items():
            if family_of(target) == alias and _vendorless(alias) in unpriced:
                releases = sorted(
                    (m for m in models if family_of(m) == alias),
                    key=lambda mid: _release_key(models[mid]),
                    reverse=True,
                )
                if alias not in table and alias not in documented:
                    clashes.setdefault(pid, {})[alias] = tuple(releases)
                continue
            if family_of(target) == alias and _vendorless(alias) in documented_bases:
                continue
            if alias not in documented:
                table.setdefault(alias, (target, Rule.DATED_ALIAS.value))
        for suffix, ids in vendor_suffixes(list(models)).items():
            if suffix in models or suffix in table or suffix in documented:
                continue
            if len(ids) == 1:
                table[suffix] = (ids[0], Rule.VENDOR_PREFIX.value)
            else:
                clashes.setdefault(pid, {})[suffix] = tuple(ids)
        # Other spellings of every id and alias, where they name one model only: a name two
        # models could be spelt as is left out (not found), never guessed.
        spelt: dict[str, set[str]] = defaultdict(set)
        known = {**{mid: mid for mid in models}, **{a: t for a, (t, _) in table.items()}}
        for name, target in known.items():
            for variant in spellings(name):
                if variant not in models and variant not in table and variant not in documented:
                    spelt[variant].add(target)
        taken = clashes.get(pid, {})
        for variant, targets in spelt.items():
            # A regional id (Bedrock's us.X, eu.X) spells what X spells: X is the one meant.
            plain = {t for t in targets if not any(t.endswith(f".{o}") for o in targets)}
            if len(plain) == 1 and variant not in taken:
                table[variant] = (next(iter(plain)), Rule.SPELLING.value)
        if table:
            aliases[pid] = dict(sorted(table.items()))
        if documented:
            unlisted[pid] = dict(sorted(documented.items()))
    owners = _index({pid: list(models) for pid, models in catalog.items()})
    alias_owners = _index({pid: list(table) for pid, table in aliases.items()})
    patterns = maker_patterns(first_party, catalog)
    makers = {
        name: labs
        for name in sorted({*owners, *alias_owners})
        if (labs := makers_by_pattern(name, patterns))
    }
    folded = {
        pid: written
        for pid in sorted(catalog)
        if (written := folded_names([*aliases.get(pid, {}), *sorted(catalog[pid])]))
    }
    everywhere = folded_names([*alias_owners, *owners])
    return Tables(
        aliases, clashes, owners, alias_owners, makers, unlisted, patterns, folded, everywhere
    )


def folded_names(names: list[str]) -> dict[str, str]:
    """Each of ``names`` lower-cased -> the last of them written so, where the two differ:
    what a lookup ignoring case finds (ids listed after aliases win)."""
    written = {name.lower(): name for name in names}
    return {lower: name for lower, name in written.items() if lower != name}


def _index(names: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(names):
        for name in names[pid]:
            found[name].append(pid)
    return {name: tuple(pids) for name, pids in sorted(found.items())}


def maker_patterns(
    table: FirstPartyFile, catalog: Mapping[str, Mapping[str, Model]]
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each first-party pattern, in table order, with its family's labs the catalog has (none:
    the first family matching a name decides, even where the catalog lacks its labs)."""
    found = []
    for family in table.families:
        labs = tuple(lab for lab in family.providers if lab in catalog)
        found += [(pattern, labs) for pattern in family.models]
    return tuple(found)
