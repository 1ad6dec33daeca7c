"""The rule that turns provider and model ids into Python names.

1. Every character other than an ASCII letter or digit becomes ``_``; runs of ``_`` collapse
   and ``_`` at either end is dropped (``gpt-4o`` -> ``gpt_4o``; ``@cf/meta/llama`` ->
   ``cf_meta_llama``). ASCII only, because Python folds other letters (NFKC) and the name in
   ``__all__`` would no longer match the attribute.
2. Model constants and ``Provider`` members are upper case (``GPT_4O``, ``Provider.OPENAI``);
   provider modules are lower case (``llmdex.models.openai``).
3. A name that would start with a digit gets a prefix: ``M_`` for a model, ``P_`` for a
   provider member, ``p_`` for a provider module (``302ai`` -> ``Provider.P_302AI``,
   ``llmdex.models.p_302ai``). A name that would be empty is ``M`` or ``P`` before rule 4.
4. A module name that is a Python keyword, or a device name Windows will not use as a file
   name (``con``, ``nul``, ...), gets a trailing ``_``.
5. Ids whose names collide are sorted by code point; the first keeps the name, the others get
   ``_2``, ``_3``, ... (skipping any name already taken), so each id has exactly one name.
"""

from __future__ import annotations

import keyword
import re
from collections import defaultdict
from collections.abc import Callable, Iterable

_NOT_ALNUM = re.compile(r"[^A-Za-z0-9]+")
_WINDOWS_DEVICES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}
)


def words(text: str) -> str:
    """``text`` with every run of characters other than ASCII letters and digits as one ``_``."""
    return _NOT_ALNUM.sub("_", text).strip("_")


def model_constant(model_id: str) -> str:
    """The natural constant name of a model id, before collisions are resolved."""
    name = words(model_id).upper() or "M"
    return f"M_{name}" if name[0].isdigit() else name


def provider_member(provider_id: str) -> str:
    """The natural ``Provider`` member name of a provider id."""
    name = words(provider_id).upper() or "P"
    return f"P_{name}" if name[0].isdigit() else name


def provider_module(provider_id: str) -> str:
    """The natural module name of a provider id."""
    name = words(provider_id).lower() or "p"
    if name[0].isdigit():
        name = f"p_{name}"
    if keyword.iskeyword(name) or name in _WINDOWS_DEVICES:
        name += "_"
    return name


def assign(ids: Iterable[str], natural: Callable[[str], str]) -> dict[str, str]:
    """Give every id a distinct name by rule 5; the result maps id to name."""
    groups: dict[str, list[str]] = defaultdict(list)
    for item in sorted(set(ids)):
        groups[natural(item)].append(item)
    taken = set(groups)
    names: dict[str, str] = {}
    for base, members in sorted(groups.items()):
        names[members[0]] = base
        suffix = 2
        for item in members[1:]:
            while f"{base}_{suffix}" in taken:
                suffix += 1
            names[item] = f"{base}_{suffix}"
            taken.add(names[item])
    return names
