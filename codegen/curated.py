"""Our own curated data in ``data_sources/``: aliases and the first-party provider table.

Both are validated with pydantic (unknown keys are typos, so they are refused), and their
references are checked against the payload at regen: every alias target and first-party
provider must exist.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import CuratedDataError
from .fetch import parse_json

ALIASES = Path("data_sources/aliases.json")
FIRST_PARTY = Path("data_sources/first_party.json")
SUCCESSORS = Path("data_sources/successors.json")


class Strict(BaseModel):
    """A curated record: unknown keys are typos and values are never coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CuratedAlias(Strict):
    """One alias: ``alias`` at ``provider`` means the model ``target``."""

    provider: str = Field(min_length=1)
    alias: str = Field(min_length=1)
    target: str = Field(min_length=1)
    reason: str = Field(min_length=1)
    source: str | None = None
    unlisted: bool = False
    """The provider documents the alias, but its target is a model the catalog does not list
    (Cohere's ``command-r`` is ``command-r-03-2024``): a lookup of the alias says so rather
    than let a derived rule pick another release. Needs ``source``, the page documenting it."""


class AliasFile(Strict):
    """``data_sources/aliases.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    aliases: list[CuratedAlias]


class Family(Strict):
    """Model-id patterns and the providers that make them, in order of preference: a pattern
    is an id or a prefix ending in ``*`` (``gpt-*``), compared ignoring case."""

    models: list[Annotated[str, Field(pattern=r"^[^*?\[\]]+\*?$")]] = Field(min_length=1)
    providers: list[str] = Field(min_length=1)
    source: str


class FirstPartyFile(Strict):
    """``data_sources/first_party.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    families: list[Family]


class Successor(Strict):
    """``successor`` is the current model that replaces ``model`` (both ``provider:id``)."""

    model: str = Field(min_length=3)
    successor: str = Field(min_length=3)
    reason: str = Field(min_length=1)
    source: str | None = None


class SuccessorFile(Strict):
    """``data_sources/successors.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    successors: list[Successor]


_T = TypeVar("_T", bound=BaseModel)

MAX_CURATED_BYTES = 8 * 2**20
"""Largest curated file read: the largest, grants.json, is under 1 MiB."""


def read_bounded(path: Path, limit: int = MAX_CURATED_BYTES) -> bytes:
    """The bytes of one of our input files, refused past ``limit`` before they are read."""
    try:
        with path.open("rb") as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise CuratedDataError(f"{path}: cannot read it ({exc.strerror})") from None
    if len(data) > limit:
        raise CuratedDataError(
            f"{path}: over the {limit // 2**20} MiB a file of data_sources/ may hold; "
            "is it the right file?"
        )
    return data


def read_curated(path: Path, model: type[_T], schema: str | None = None) -> _T:
    """Read and validate one curated JSON file; errors name the file and the JSON path.

    ``schema`` names where the file's format is written down, for the error message.
    """
    data = parse_json(read_bounded(path), str(path), CuratedDataError)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/".join(str(part) for part in first["loc"])
        count = len(exc.errors())
        hint = f"; the format is {schema}" if schema else ""
        raise CuratedDataError(
            f"{path}: at /{where}: {first['msg']} ({count} problem(s)){hint}"
        ) from None


def load_aliases(root: Path) -> AliasFile:
    """Read and validate the curated aliases."""
    return read_curated(root / ALIASES, AliasFile)


def load_first_party(root: Path) -> FirstPartyFile:
    """Read and validate the first-party table."""
    return read_curated(root / FIRST_PARTY, FirstPartyFile)


def load_successors(
    root: Path, ids: Mapping[str, Collection[str]]
) -> tuple[dict[str, str], list[str]]:
    """The curated successors (``provider:id`` -> ``provider:id``; a missing file is none) and
    warnings.

    A successor must be a model of the catalog (``ids``: provider -> model ids); one of a
    provider the payload lacks is left out with a warning, as first-party entries are.
    """
    path = root / SUCCESSORS
    if not path.exists():
        return {}, []
    found, warnings = {}, []
    for n, entry in enumerate(read_curated(path, SuccessorFile).successors):
        pid, _, mid = entry.successor.partition(":")
        if pid not in ids:
            warnings.append(f"{path}: /successors/{n}: no provider {pid!r} in the payload")
            continue
        if mid not in ids[pid]:
            raise CuratedDataError(
                f"{path}: /successors/{n}: {entry.successor!r} is not a model of the catalog; "
                "name a current model as provider:id"
            )
        found[entry.model] = entry.successor
    return found, warnings


def check_references(
    aliases: AliasFile, first_party: FirstPartyFile, ids: Mapping[str, Collection[str]], root: Path
) -> list[str]:
    """Fail unless every alias names a provider and model the catalog has (an ``unlisted``
    alias may name a model it lacks).

    ``ids`` maps each provider id to its model ids.

    First-party providers the payload lacks are only returned as warnings: that table orders
    choices among providers that exist, so a missing one changes nothing.
    """
    for n, entry in enumerate(aliases.aliases):
        where = f"{root / ALIASES}: /aliases/{n}"
        models = ids.get(entry.provider)
        if models is None:
            raise CuratedDataError(f"{where}: no provider {entry.provider!r} in the payload")
        if entry.unlisted and not entry.source:
            raise CuratedDataError(
                f'{where}: an unlisted alias needs "source", the page that documents it'
            )
        if entry.target not in models and not entry.unlisted:
            raise CuratedDataError(
                f"{where}: target {entry.target!r} is not a model of {entry.provider!r}; "
                'fix or remove the alias, or mark it "unlisted": true if the provider '
                "documents it as a name of a model the catalog lacks"
            )
        if entry.alias in models:
            raise CuratedDataError(
                f"{where}: alias {entry.alias!r} is already a model id of {entry.provider!r}"
            )
    return [
        f"{root / FIRST_PARTY}: /families/{n}: no provider {provider!r} in the payload"
        for n, family in enumerate(first_party.families)
        for provider in family.providers
        if provider not in ids
    ]
