"""``data_sources/grants.json``: what the catalog has given each id, so no newcomer takes it.

Two things are given once and then kept, for ids still listed and for retired ones alike:

- **Python names**: a provider's ``Provider`` member and module, a model's constant, by the
  rule of :mod:`codegen.identifiers`. A newcomer whose plain name another id holds gets a
  suffixed one (``OpenAI`` beside ``openai`` is ``Provider.OPENAI_2``), and an id dropped and
  listed again comes back under its old name.
- **Key variables**: the environment variables the client reads a provider's key (or an URL
  part) from. A variable goes to the providers that list it when the catalog first sees it;
  a provider that later lists a variable given to another does not get it (its key would be
  sent to that provider's host), unless a maintainer adds the provider to the variable here.

``make regen`` writes the file; a user's catalog is made from it without writing it back.
"""

from __future__ import annotations

import json
import keyword
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import Field

from .curated import Strict, read_curated
from .errors import CuratedDataError
from .identifiers import assign, model_constant, provider_member, provider_module

GRANTS = Path("data_sources/grants.json")
_COMMENT = (
    "Written by make regen: the Provider member, module and model constants each id was "
    "given, and the providers each key variable was given to. Nothing here moves to a "
    "newcomer. Edit by hand only to let a provider share a variable it documents."
)
_UPPER = re.compile(r"[A-Z][A-Z0-9_]*")
_LOWER = re.compile(r"[a-z][a-z0-9_]*")


class ProviderGrant(Strict):
    """The names of one provider: its ``Provider`` member and its module."""

    member: str = Field(pattern=f"^{_UPPER.pattern}$")
    module: str = Field(pattern=f"^{_LOWER.pattern}$")


class GrantFile(Strict):
    """``data_sources/grants.json``."""

    comment: str | None = Field(default=None, alias="$comment")
    providers: dict[str, ProviderGrant]
    models: dict[str, dict[str, str]]
    key_variables: dict[str, list[str]]


@dataclass(frozen=True, slots=True)
class Grants:
    """What has been given so far: provider id -> (member, module); provider id -> model id
    -> constant; key variable -> the provider ids it is given to."""

    providers: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    models: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    key_variables: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def members(self) -> dict[str, str]:
        """Provider id -> ``Provider`` member."""
        return {pid: member for pid, (member, _module) in self.providers.items()}

    def modules(self) -> dict[str, str]:
        """Provider id -> module."""
        return {pid: module for pid, (_member, module) in self.providers.items()}

    def constants(self, provider: str) -> Mapping[str, str]:
        """Model id -> constant, for one provider."""
        return self.models.get(provider, {})

    def extended(
        self,
        names: Grants,
        listed: Mapping[str, Collection[str]],
        variables: Mapping[str, Collection[str]],
    ) -> Grants:
        """These grants with more: ``names`` (a plan's, named from these grants), names for
        the ids ``listed`` (provider id -> model ids the history has listed) that neither
        names yet (ids that came and went between two regens), and ``variables`` (key
        variable -> the providers the review let list it)."""
        given = {**self.providers, **names.providers}
        pids = set(given) | set(listed)
        members = assign(pids, provider_member, {pid: pair[0] for pid, pair in given.items()})
        modules = assign(pids, provider_module, {pid: pair[1] for pid, pair in given.items()})
        models = {}
        for pid in sorted(set(self.models) | set(names.models) | set(listed)):
            constants = {**self.constants(pid), **names.constants(pid)}
            named = assign(set(constants) | set(listed.get(pid, ())), model_constant, constants)
            if named:
                models[pid] = named
        keys = dict(self.key_variables)
        for variable, holders in variables.items():
            keys[variable] = keys.get(variable, frozenset()) | frozenset(holders)
        return Grants({pid: (members[pid], modules[pid]) for pid in pids}, models, keys)

    def text(self) -> str:
        """The file's text: sorted, one entry per line."""
        return (
            json.dumps(
                {
                    "$comment": _COMMENT,
                    "providers": {
                        pid: {"member": member, "module": module}
                        for pid, (member, module) in sorted(self.providers.items())
                    },
                    "models": {
                        pid: dict(sorted(ids.items())) for pid, ids in sorted(self.models.items())
                    },
                    "key_variables": {
                        name: sorted(pids) for name, pids in sorted(self.key_variables.items())
                    },
                },
                indent=1,
                ensure_ascii=False,
            )
            + "\n"
        )

    def write(self, path: Path) -> None:
        """Write :meth:`text` to ``path``."""
        path.write_text(self.text(), encoding="utf-8")


def load_grants(root: Path) -> Grants:
    """Read and check the grants; a missing file is a catalog that has given nothing yet."""
    path = root / GRANTS
    if not path.exists():
        return Grants()
    data = read_curated(path, GrantFile)
    grants = Grants(
        providers={pid: (p.member, p.module) for pid, p in data.providers.items()},
        models={pid: dict(ids) for pid, ids in data.models.items()},
        key_variables={name: frozenset(pids) for name, pids in data.key_variables.items()},
    )
    _check(grants, path)
    return grants


def _check(grants: Grants, path: Path) -> None:
    # Names must be usable and distinct, or imports would break or shadow one another.
    for kind, names in (("member", grants.members()), ("module", grants.modules())):
        _distinct(names, f"{path}: at /providers", kind)
    for pid, module in grants.modules().items():
        if keyword.iskeyword(module):
            raise CuratedDataError(
                f"{path}: at /providers/{pid}/module: {module!r} is a Python keyword; "
                "give the provider another module name"
            )
    for pid, constants in grants.models.items():
        for mid, constant in constants.items():
            if not _UPPER.fullmatch(constant):
                raise CuratedDataError(
                    f"{path}: at /models/{pid}/{mid}: {constant[:80]!r} is not an upper-case "
                    "Python name (A-Z, 0-9, _); fix or delete the entry"
                )
        _distinct(constants, f"{path}: at /models/{pid}", "constant")


def _distinct(names: Mapping[str, str], where: str, kind: str) -> None:
    seen: dict[str, str] = {}
    for item, name in sorted(names.items()):
        if name in seen:
            raise CuratedDataError(
                f"{where}: {seen[name]!r} and {item!r} have the same {kind} {name!r}; "
                "delete the entry of the newer one"
            )
        seen[name] = item
