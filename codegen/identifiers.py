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
5. A name, once given, stays with its id: ``data_sources/grants.json`` records every name
   given (:mod:`codegen.grants`), and ids the catalog no longer lists keep theirs, so
   no newcomer takes the name of a listed or retired id. Ids not yet named are named by code
   point; each takes its name from rules 1-4 unless that is taken, else the first of
   ``_2``, ``_3``, ... that is neither taken nor the rule 1-4 name of another id being
   named. A newcomer ``GPT-4O`` is ``GPT_4O_2``, never the ``GPT_4O`` of ``gpt-4o``.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterable, Mapping

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


def assign(
    ids: Iterable[str], natural: Callable[[str], str], given: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Name every id by rule 5; the result maps each of ``ids`` to its name.

    ``given`` holds the names already given (to these ids or to others, such as retired
    ones), which no id can take.
    """
    given = given or {}
    fresh = sorted(set(ids) - set(given))
    names = {item: given[item] for item in set(ids) & set(given)}
    taken = set(given.values())
    reserved = {natural(item) for item in fresh}
    for item in fresh:
        base = natural(item)
        name, suffix = base, 2
        while name in taken or (name != base and name in reserved):
            name, suffix = f"{base}_{suffix}", suffix + 1
        names[item] = name
        taken.add(name)
    return names
