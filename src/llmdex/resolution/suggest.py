"""Close names for "did you mean": trigram similarity, with an index for the whole catalog.

Similarity is the Dice coefficient of the names' character trigrams (padded, lower-cased),
which ranks ``gpt-4o`` first for ``gpt-4oo``. :class:`Suggester` reads an index of every
name by its trigrams (the generator writes the catalog's), so a failed lookup scores only the
names that share a trigram with it instead of all of them; a query is cut to
:data:`_LONGEST` characters first, so its cost is bounded whatever its size.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

_LONGEST = 120  # model ids are under 100 characters; longer queries are cut
_CUTOFF = 0.5  # least Dice similarity worth suggesting
_SHORTLIST = 40  # names scored exactly, of those sharing the most trigrams


def trigrams(text: str) -> set[str]:
    """The character trigrams of ``text``, lower-cased and padded at both ends.

    Example:
        >>> sorted(trigrams("gpt"))
        ['  g', ' gp', 'gpt', 'pt ']
    """
    padded = f"  {text[:_LONGEST].lower()} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def closest(query: str, names: Iterable[str], limit: int) -> list[str]:
    """Up to ``limit`` of ``names`` closest to ``query``, best first (a scan: small lists).

    Example:
        >>> closest("gpt-4oo", ["gpt-4o", "gpt-4", "o3"], 2)
        ['gpt-4o', 'gpt-4']
    """
    return NameScan(names).closest(query, limit)


class NameScan:
    """A few names with their trigrams worked out once, scored whole on every query: for one
    provider's names, asked again and again (a misspelt name in a loop).

    Example:
        >>> NameScan(["gpt-4o", "gpt-4", "o3"]).closest("gpt-4oo", 1)
        ['gpt-4o']
    """

    __slots__ = ("_grams",)

    def __init__(self, names: Iterable[str]) -> None:
        self._grams = [(name, trigrams(name)) for name in dict.fromkeys(names)]

    def closest(self, query: str, limit: int) -> list[str]:
        """Up to ``limit`` names closest to ``query``, best first."""
        wanted = trigrams(query)
        scored = [(_dice(wanted, grams), name) for name, grams in self._grams]
        return _best(scored, query, limit)


def _best(scored: list[tuple[float, str]], query: str, limit: int) -> list[str]:
    kept = [(score, name) for score, name in scored if score >= _CUTOFF]
    kept.sort(key=lambda item: (-item[0], abs(len(item[1]) - len(query)), item[1]))
    return [name for _, name in kept[:limit]]


class Suggester:
    """Close names among many, through an index of each name's trigrams.

    ``postings(gram)`` gives the names holding a trigram; a generated catalog has the index
    in its ``_index`` shards (built at regen), so a first failed lookup reads only the shards
    of its own trigrams. :meth:`of` indexes a list of names in memory.

    Example:
        >>> Suggester.of(["gpt-4o", "gpt-4o-mini", "claude-3-haiku"]).closest("gpt4o", 1)
        ['gpt-4o']
    """

    __slots__ = ("_postings",)

    def __init__(self, postings: Callable[[str], Iterable[str]]) -> None:
        self._postings = postings

    @classmethod
    def of(cls, names: Iterable[str]) -> Suggester:
        """A suggester over ``names``, indexed here."""
        index: dict[str, list[str]] = {}
        for name in dict.fromkeys(names):
            for gram in trigrams(name):
                index.setdefault(gram, []).append(name)
        return cls(lambda gram: index.get(gram, ()))

    def closest(self, query: str, limit: int) -> list[str]:
        """Up to ``limit`` names closest to ``query``, best first."""
        from collections import Counter  # counts in C: a failed lookup stays under 1 ms

        wanted = trigrams(query)
        shared: Counter[str] = Counter()
        for gram in sorted(wanted):  # sorted: ties in the shortlist fall the same way each run
            shared.update(self._postings(gram))
        shortlist = [name for name, _ in shared.most_common(_SHORTLIST)]
        scored = [(_dice(wanted, trigrams(name)), name) for name in shortlist]
        return _best(scored, query, limit)


def name_grams(names: Iterable[str]) -> dict[str, list[int]]:
    """Each trigram of ``names`` -> the positions of the names holding it, ascending: the
    index the generator writes (:class:`Suggester` reads it back through the positions)."""
    index: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        for gram in sorted(trigrams(name)):
            index.setdefault(gram, []).append(position)
    return index
