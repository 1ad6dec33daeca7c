"""Which labs make a model, by the first-party table's name patterns.

A pattern of ``data_sources/first_party.json`` is a model id or a prefix ending in ``*``
(``gpt-*``, ``qwen*``), compared ignoring case; the first family with a matching pattern
names the labs, best first. The generator uses this for every id and alias of the catalog
(``MAKERS``) and writes the patterns out (``MAKER_PATTERNS``), so a name the catalog lacks
still has a maker: a failed bare lookup then suggests from the maker's names first.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence


def makers_by_pattern(
    name: str, patterns: Sequence[tuple[str, tuple[str, ...]]]
) -> tuple[str, ...]:
    """The labs of the first ``(pattern, labs)`` that ``name`` matches, or ``()``.

    Example:
        >>> makers_by_pattern("GPT-4oo", [("o3", ("openai",)), ("gpt-*", ("openai",))])
        ('openai',)
    """
    folded = name.lower()
    for pattern, labs in patterns:
        stem = pattern.removesuffix("*")
        if folded == pattern.lower() or (stem != pattern and folded.startswith(stem.lower())):
            return labs
    return ()
