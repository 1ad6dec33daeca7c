"""Which shard of a data package's ``_index`` holds a name.

The catalog-wide tables a bare name is looked up in (who lists an id, who has an alias, who
makes it, which ids were retired, how a name is written in another case) are split by the
name's lower case into ``SHARDS`` modules, so a lookup imports the one module its name is in
rather than every name of the catalog. The generator and the runtime both place a name here.
"""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    _Base = Mapping[str, Any]
else:
    _Base = Mapping


def shard_of(name: str, shards: int) -> int:
    """The shard, of ``shards``, that holds ``name`` and every name equal to it ignoring case.

    Example:
        >>> shard_of("gpt-4o", 64) == shard_of("GPT-4O", 64)
        True
    """
    return sum(map(ord, name.lower())) % shards


class ShardedTable(_Base):
    """One table of the shards, read as one mapping: a key imports only its own shard.

    ``load(n)`` returns shard ``n``'s part of the table. Iterating reads every shard, in the
    sorted order a single table would have.

    Example:
        >>> shard = shard_of("gpt-4o", 64)
        >>> owners = ShardedTable(lambda n: {"gpt-4o": ("openai",)} if n == shard else {}, 64)
        >>> owners.get("gpt-4o")
        ('openai',)
    """

    __slots__ = ("_all", "_load", "_parts", "_shards")

    def __init__(self, load: Callable[[int], Mapping[str, Any]], shards: int) -> None:
        self._load = load
        self._shards = shards
        self._parts: list[Mapping[str, Any] | None] = [None] * shards
        self._all: dict[str, Any] | None = None

    def _part(self, key: str) -> Mapping[str, Any]:
        return self._shard(shard_of(key, self._shards))

    def _shard(self, number: int) -> Mapping[str, Any]:
        part = self._parts[number]
        if part is None:
            part = self._parts[number] = self._load(number)
        return part

    def get(self, key: str, default: Any = None) -> Any:
        """The value of ``key``, from its shard only; ``default`` where it has none."""
        return self._part(key).get(key, default) if isinstance(key, str) else default

    def __getitem__(self, key: str) -> Any:
        if not isinstance(key, str):
            raise KeyError(key)
        return self._part(key)[key]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._part(key)

    def _merged(self) -> dict[str, Any]:
        merged = self._all
        if merged is None:
            rows = [row for n in range(self._shards) for row in self._shard(n).items()]
            merged = self._all = dict(sorted(rows))
        return merged

    def __iter__(self) -> Iterator[str]:
        return iter(self._merged())

    def __len__(self) -> int:
        return len(self._merged())
