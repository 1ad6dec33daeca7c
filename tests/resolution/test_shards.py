"""The sharded tables of bare names read as the single tables they replace."""

from __future__ import annotations

import pytest

from llmdex.resolution.shards import ShardedTable, shard_of
from llmdex.resolution.suggest import Suggester, name_grams

NAMES = {"gpt-4o": ("openai",), "GPT-4O-X": ("x",), "claude-3-haiku": ("anthropic",)}


def _table(shards: int) -> tuple[ShardedTable, list[int]]:
    loads: list[int] = []

    def load(number: int) -> dict[str, tuple[str, ...]]:
        loads.append(number)
        return {k: v for k, v in NAMES.items() if shard_of(k, shards) == number}

    return ShardedTable(load, shards), loads


@pytest.mark.parametrize("shards", [1, 7, 64])
def test_a_sharded_table_reads_as_the_table(shards: int) -> None:
    table, _ = _table(shards)
    assert dict(table) == dict(sorted(NAMES.items()))  # every shard, in sorted order
    assert table.get("gpt-4o") == ("openai",) and table["GPT-4O-X"] == ("x",)
    assert "GPT-4O" not in table and table.get("GPT-4O") is None and len(table) == 3
    assert table.get(3) is None and 3 not in table  # type: ignore[arg-type, comparison-overlap]
    with pytest.raises(KeyError):
        table["nope"]


def test_a_key_loads_only_its_own_shard_once() -> None:
    table, loads = _table(64)
    table.get("gpt-4o")
    "GPT-4o" in table  # noqa: B015 - the same shard: equal ignoring case
    assert loads == [shard_of("gpt-4o", 64)]


def test_the_trigram_index_suggests_as_an_index_built_in_memory() -> None:
    names = ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "claude-3-haiku", "o3"]
    grams = name_grams(names)
    written = Suggester(lambda gram: [names[p] for p in grams.get(gram, ())])
    for query in ("gpt-4oo", "claude-haiku", "zzz"):
        assert written.closest(query, 3) == Suggester.of(names).closest(query, 3)
