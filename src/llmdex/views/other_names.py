"""Every name besides ``provider:id`` that resolves to a model: for the database and the site.

Aliases (curated, dated families, vendor prefixes) and other libraries' provider names in
front of an id (``vertex_ai/gemini-2.5-pro``, ``bedrock:...``). Each is kept only where
:meth:`Catalog.find` resolves it to that very model, so no table resolves a name differently.
"""

from __future__ import annotations

import warnings

from llmdex.errors import LlmdexError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

    from llmdex.facade import Catalog


def other_names(catalog: Catalog) -> Iterator[tuple[str, str, str, str]]:
    """``(name, provider id, model id, kind)``, kind ``alias`` or ``dialect``, sorted by kind."""
    candidates: list[tuple[str, str, str, str]] = []
    for pid, aliases in sorted(catalog.tables.aliases().items()):
        candidates.extend(
            (f"{pid}:{alias}", pid, target, "alias") for alias, target in sorted(aliases.items())
        )
    for named, pid in catalog.tables.dialect_names():
        for mid in catalog.models_of(pid):
            candidates.extend((f"{named}{sep}{mid}", pid, mid, "dialect") for sep in (":", "/"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name, pid, mid, kind in candidates:
            try:
                parsed = catalog.parse_spec(name)
                if parsed.provider != pid:
                    continue
                if parsed.id != mid:  # an alias: resolved as find() resolves it
                    found = catalog.find(name)
                    if (found.provider, found.id) != (pid, mid):
                        continue
            except LlmdexError:
                continue
            yield name, pid, mid, kind
