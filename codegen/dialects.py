"""``data_sources/dialects.json``: the names other libraries give providers, and id prefixes.

A dialect name (LiteLLM's ``vertex_ai``, pydantic-ai's ``google-gla``, OpenRouter's vendor
``x-ai``) maps to a models.dev provider id; an id prefix (Bedrock's ``us.``, Vertex's
``publishers/*/models/``) is text a provider's API accepts in front of its model ids. Both are
curated with a source each, validated here, and compiled into the generated tables.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from pydantic import AnyUrl, Field

from llmdex.resolution.spec import provider_key

from .curated import Strict, read_curated
from .errors import CuratedDataError

DIALECTS = Path("data_sources/dialects.json")


class DialectName(Strict):
    """One name a library or gateway uses for a provider."""

    library: str = Field(min_length=1, description="Who uses the name, e.g. litellm.")
    name: str = Field(min_length=1, description="The name, as that library writes it.")
    provider: str = Field(min_length=1, description="The models.dev provider id it means.")
    source: AnyUrl


class IdPrefixes(Strict):
    """Prefixes a provider's API accepts before a model id; ``*`` is one path segment."""

    provider: str = Field(min_length=1)
    prefixes: list[str] = Field(min_length=1)
    regional: bool = Field(
        default=False,
        description="The prefix names a geography whose price may differ from the bare id's.",
    )
    reason: str = Field(min_length=1)
    source: AnyUrl


class DialectFile(Strict):
    """``data_sources/dialects.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    names: list[DialectName]
    id_prefixes: list[IdPrefixes]


@dataclass(frozen=True, slots=True)
class ProviderNames:
    """Every accepted provider name, compiled for the generated tables."""

    names: dict[str, str]
    """Name key (``provider_key``) -> provider id: every provider's own id, and dialects."""
    dialects: dict[str, str]
    """Name key of a dialect name -> the libraries that use it, for ``explain()``."""
    prefixes: dict[str, tuple[str, ...]]
    """Provider id -> id prefixes its API accepts."""
    regional: dict[str, tuple[str, ...]]
    """Provider id -> those of its prefixes that name a geography priced on its own."""
    warnings: list[str]


def load_dialects(root: Path) -> DialectFile:
    """Read and validate the dialect table."""
    return read_curated(root / DIALECTS, DialectFile)


def provider_names(
    table: DialectFile,
    providers: Collection[str],
    root: Path,
    senior: Collection[str] = (),
) -> ProviderNames:
    """Compile the table against the payload's provider ids.

    Where two ids share a name key (``OpenAI`` and ``openai``), the one named before
    (``senior``: the ids :mod:`codegen.grants` records) keeps it, so a newcomer cannot
    take ``OPENAI:...`` specs; among equals, the first by code point. A name whose provider
    the payload lacks is left out with a warning (an older payload may
    lack it); a name that means another provider than the one of that id, or two entries
    giving one name two providers, fail the regen.
    """
    where = root / DIALECTS
    names: dict[str, str] = {}
    for pid in sorted(providers, key=lambda pid: (pid not in senior, pid)):
        names.setdefault(provider_key(pid), pid)
    own = dict(names)
    dialects: dict[str, set[str]] = {}
    warnings = []
    for n, entry in enumerate(table.names):
        key = provider_key(entry.name)
        if entry.provider not in providers:
            warnings.append(f"{where}: /names/{n}: no provider {entry.provider!r} in the payload")
            continue
        taken = own.get(key) or (names.get(key) if key in dialects else None)
        if taken is not None and taken != entry.provider:
            raise CuratedDataError(
                f"{where}: /names/{n}: {entry.name!r} already means {taken!r}, not "
                f"{entry.provider!r}; remove the entry"
            )
        names[key] = entry.provider
        if key not in own:
            dialects.setdefault(key, set()).add(entry.library)
    prefixes: dict[str, tuple[str, ...]] = {}
    regional: dict[str, tuple[str, ...]] = {}
    for n, rule in enumerate(table.id_prefixes):
        if rule.provider not in providers:
            warnings.append(
                f"{where}: /id_prefixes/{n}: no provider {rule.provider!r} in the payload"
            )
            continue
        prefixes[rule.provider] = (*prefixes.get(rule.provider, ()), *rule.prefixes)
        if rule.regional:
            regional[rule.provider] = (*regional.get(rule.provider, ()), *rule.prefixes)
    return ProviderNames(
        names=dict(sorted(names.items())),
        dialects={key: ", ".join(sorted(libs)) for key, libs in sorted(dialects.items())},
        prefixes=dict(sorted(prefixes.items())),
        regional=dict(sorted(regional.items())),
        warnings=warnings,
    )
