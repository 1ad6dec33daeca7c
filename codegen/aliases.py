"""Resolution tables, computed at regen so that resolving a name stays a dict lookup.

* Curated aliases come from ``data_sources/aliases.json``.
* Dated aliases are derived: ids that differ only by a release-date suffix form a family,
  and the family's base name (and ``base-latest``) resolves to its newest release, when no
  model has that id itself. The suffixes are those the payload shows (see ``_DATED``).
* ``PROVIDERS_OF`` lists the providers serving each id; ``FIRST_PARTY`` names the lab that
  makes a model (``data_sources/first_party.json``) for every id its lab serves.
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from codegen.curated import AliasFile, FirstPartyFile
from llmdex_runtime.model import Model

# A release-date (or version-pin) suffix, as the payload writes them; <base> is the family.
# Groups y/yy/m/d give the date the id states, which orders the family: upstream release
# dates are sometimes wrong (mistral-large-2512 says 2024-11-01).
_DATED = [
    re.compile(p)
    for p in (
        # claude-3-5-sonnet-20241022, bedrock ...-20250929-v1:0
        r"(?P<base>.+)-(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:-v\d+(?::\d+)?)?",
        r"(?P<base>.+)-(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})",  # gpt-4o-2024-08-06
        # vertex claude-sonnet-4-5@20250929, claude-opus-4-6@default
        r"(?P<base>.+)@(?:(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})|default|latest)",
        r"(?P<base>.+)-(?P<m>0[1-9]|1[0-2])-(?P<y>20\d{2})",  # cohere command-r-plus-08-2024
        # gemini-2.5-pro-preview-05-06
        r"(?P<base>.+-preview)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])",
        r"(?P<base>.+)-(?P<yy>2[3-9])(?P<m>0[1-9]|1[0-2])",  # mistral-medium-2505 (YYMM)
        # kimi-k2-0905 (MMDD); not sizes such as -1024 or -0512, which read as dates
        r"(?P<base>.+)-(?!1024|0512|0256|0128)(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])",
    )
]


@dataclass(frozen=True, slots=True)
class AliasTables:
    """Every resolution table the generated package carries."""

    aliases: dict[str, dict[str, tuple[str, str]]]
    """provider -> alias -> (target id, rule), rule ``curated_alias`` or ``dated_alias``."""
    providers_of: dict[str, tuple[str, ...]]
    """model id -> providers serving it, sorted."""
    first_party: dict[str, str]
    """model id -> the provider that makes it (its lab), where the lab serves it."""


def _dated(model_id: str) -> re.Match[str] | None:
    for pattern in _DATED:
        match = pattern.fullmatch(model_id)
        if match is not None:
            return match
    return None


def family_of(model_id: str) -> str | None:
    """The family base of a dated id, or None when the id carries no date suffix."""
    match = _dated(model_id)
    return None if match is None else match.group("base")


def _release_key(model: Model) -> tuple[int, int, int, str, str]:
    # The date the id states; what it leaves out comes from the payload's release date.
    released = model.release_date
    match = _dated(model.id)
    parts = match.groupdict() if match is not None else {}
    year = int(parts["y"]) if parts.get("y") else released.year
    if parts.get("yy"):
        year = 2000 + int(parts["yy"])
    month = int(parts["m"]) if parts.get("m") else released.month
    day = int(parts["d"]) if parts.get("d") else 0
    return (year, month, day, str(released), model.id)


def _newest(models: Mapping[str, Model], ids: list[str]) -> str:
    return max(ids, key=lambda mid: _release_key(models[mid]))


def derived_aliases(models: Mapping[str, Model]) -> dict[str, str]:
    """Dated aliases of one provider: family base (and ``base-latest``) -> newest id."""
    families: dict[str, list[str]] = defaultdict(list)
    for model_id in models:
        base = family_of(model_id)
        if base is not None:
            families[base].append(model_id)
    derived: dict[str, str] = {}
    for base, ids in sorted(families.items()):
        newest = _newest(models, ids)
        for name in (base, f"{base}-latest"):
            if name not in models:
                derived[name] = newest
    return derived


def build_tables(
    payload: Mapping[str, Mapping[str, Model]],
    curated: AliasFile,
    first_party: FirstPartyFile,
    renamed: Mapping[str, Mapping[str, str]] | None = None,
) -> AliasTables:
    """Compute every table from the catalog's models (provider -> id -> model) and curated data.

    ``renamed`` (provider -> old id -> new id, from patches) adds curated aliases.
    """
    aliases: dict[str, dict[str, tuple[str, str]]] = {}
    for pid in sorted(payload):
        models = payload[pid]
        table = {
            alias: (target, "dated_alias") for alias, target in derived_aliases(models).items()
        }
        for entry in curated.aliases:
            if entry.provider == pid:
                table[entry.alias] = (entry.target, "curated_alias")
        for old, new in (renamed or {}).get(pid, {}).items():
            table[old] = (new, "curated_alias")
        if table:
            aliases[pid] = dict(sorted(table.items()))
    owners: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(payload):
        for model_id in payload[pid]:
            owners[model_id].append(pid)
    providers_of = {mid: tuple(pids) for mid, pids in sorted(owners.items())}
    chosen = {
        mid: lab
        for mid, pids in providers_of.items()
        if (lab := _first_party(mid, pids, first_party)) is not None
    }
    return AliasTables(aliases, providers_of, chosen)


def _first_party(model_id: str, providers: tuple[str, ...], table: FirstPartyFile) -> str | None:
    folded = model_id.lower()
    for family in table.families:
        if any(fnmatch.fnmatchcase(folded, pattern.lower()) for pattern in family.models):
            for lab in family.providers:
                if lab in providers:
                    return lab
    return None
