"""``catalog()`` queries and ``compare()``, on the fixture catalog (tests/fixture_catalog.py)."""

from __future__ import annotations

from types import ModuleType

import pytest

from llmdex import InvalidArgumentError, Kind, Status
from tests.conftest import fixture_root, run_with_catalog
from tests.fixture_catalog import PACKAGE


def test_where_by_provider_and_capability(dex: ModuleType) -> None:
    selection = dex.catalog().where(provider="anthropic", reasoning=True)
    assert selection.specs() and all(s.startswith("anthropic:") for s in selection.specs())
    assert all(m.reasoning for m in selection)


@pytest.mark.parametrize(
    ("criteria", "check"),
    [
        ({"kind": "embedding"}, lambda m: m.kind is Kind.EMBEDDING),
        ({"vision": True}, lambda m: "image" in m.modalities.input),
        ({"vision": False}, lambda m: "image" not in m.modalities.input),
        ({"tools": True}, lambda m: m.tool_call),
        ({"structured_output": True}, lambda m: m.structured_output is True),
        ({"attachments": True}, lambda m: m.attachment),
        ({"open_weights": True}, lambda m: m.open_weights),
        ({"input_modality": "audio"}, lambda m: "audio" in m.modalities.input),
        ({"output_modality": "image"}, lambda m: "image" in m.modalities.output),
        ({"min_context": 1_000_000}, lambda m: m.limit.context >= 1_000_000),
        ({"max_input_price": "0.5"}, lambda m: m.cost is not None and m.cost.input <= 0.5),
        ({"max_output_price": 2}, lambda m: m.cost is not None and m.cost.output <= 2),
        ({"status": "deprecated"}, lambda m: m.status is Status.DEPRECATED),
        ({"status": "ga"}, lambda m: m.status is None),
        ({"family": "gpt"}, lambda m: m.family == "gpt"),
        ({"released_after": "2026-01"}, lambda m: str(m.release_date) >= "2026-01"),
        ({"released_before": "2023-12-31"}, lambda m: str(m.release_date) <= "2023-12-31"),
    ],
)
def test_each_filter(dex: ModuleType, criteria: dict[str, object], check: object) -> None:
    selection = dex.catalog().where(**criteria)  # type: ignore[arg-type]
    models = list(selection)
    assert models, criteria
    assert all(check(m) for m in models)  # type: ignore[operator]


def test_sort_puts_unpriced_models_last(dex: ModuleType) -> None:
    models = list(dex.catalog().where(provider="openrouter").sort("input_price"))
    prices = [m.cost.input for m in models if m.cost is not None and m.cost.input is not None]
    assert prices == sorted(prices)
    priced = len(prices)
    assert all(m.cost is None or m.cost.input is None for m in models[priced:])


def test_selections_are_immutable_and_chainable(dex: ModuleType) -> None:
    base = dex.catalog().where(provider="openai")
    narrowed = base.where(tools=True).sort("context", reverse=True)
    assert len(base) > len(narrowed) > 0
    contexts = [m.limit.context for m in narrowed]
    assert contexts == sorted(contexts, reverse=True)
    assert narrowed.first() is next(iter(narrowed))
    assert base.where(provider="anthropic").first() is None


def test_a_selection_imports_only_the_provider_modules_it_needs(dex: ModuleType) -> None:
    code = (
        f"import sys, {PACKAGE} as dex\n"
        "n = len(dex.catalog().where(provider=['openai', 'mistral'], tools=True))\n"
        "print(sorted(m.split('.')[-1] for m in sys.modules if '.models.' in m and '.models._' not in m))\n"
    )
    result = run_with_catalog(fixture_root(), code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['mistral', 'openai']"


def test_bad_queries_are_refused(dex: ModuleType) -> None:
    with pytest.raises(InvalidArgumentError, match=r"where\(provider='nope'\): no such provider"):
        dex.catalog().where(provider="nope")
    with pytest.raises(ValueError, match=r"sort\(by='popularity'\): choose one of input_price"):
        dex.catalog().sort("popularity")


def test_compare_rows_side_by_side(dex: ModuleType) -> None:
    comparison = dex.compare("openai:gpt-4o", "anthropic:claude-sonnet-4-5")
    rows = dict(comparison.rows)
    assert rows["context"] == (128000, 128000)
    assert rows["input $/1M"] == ("2.5", "3")
    assert comparison.to_dict()["models"] == ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]
    assert str(comparison).splitlines()[0].split() == [
        "openai:gpt-4o",
        "anthropic:claude-sonnet-4-5",
    ]


def test_a_selection_indexes_and_slices_in_order(dex: ModuleType) -> None:
    ordered = dex.catalog().where(provider="openai").sort("input_price")
    models = list(ordered)
    assert ordered[0] is models[0] and ordered[-1] is models[-1]
    assert ordered[:3] == models[:3]
