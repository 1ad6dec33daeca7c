"""Cost of a call, each case computed by hand from the fixture catalog's prices (USD per 1M).

Prices used (tests/fixture_catalog.py): openai:gpt-4o 2.5/10, cache read 1.25; gpt-4o-mini
0.15/0.6; gpt-5.4 2.5/15, cache read 0.25, over 272k 5/22.5/0.5, fast 5/30/0.5; o3 2/8,
cache read 0.5; anthropic:claude-sonnet-4-5 3/15, cache 0.3 read, 3.75 write;
claude-opus-4-6 fast 30/150/3/37.5; google:gemini-2.5-pro 1.25/10/0.125, over 200k
(context_over_200k) 2.5/15/0.25; gemini-2.5-flash 0.3/2.5, audio in 1; deepseek-reasoner
0.14/0.28, cache read 0.0028; acme:tiered-pro 0.48/2.41/0.09644, over 32k 0.72/3.62/0.144656,
over 128k 1.45/7.23/0.28932; novita-ai qwen3-omni 0.5/1, audio 2.2 in, 1.788 out;
acme:thinker 1.25/10, reasoning 12, cache write 0.375.
"""

from __future__ import annotations

import warnings
from decimal import Decimal
from types import ModuleType
from typing import Any

import pytest

from llmdex import (
    Cost,
    DeprecatedModelWarning,
    InvalidArgumentError,
    Kind,
    Limit,
    Modalities,
    Model,
    PartialDate,
    PriceUnknownError,
    Rates,
    Usage,
)

U = Usage.from_buckets
GEMINI_PRO = "google:gemini-2.5-pro"
DOUBAO = "acme:tiered-pro"
OMNI = "novita-ai:qwen/qwen3-omni"

CASES: list[tuple[str, Any, str, str | None]] = [
    # the price of 1M tokens is the listed price, to the cent and beyond
    ("openai:gpt-4o", U(input=1_000_000), "2.5", None),
    ("openai:gpt-4o", U(output=1_000_000), "10", None),
    ("openai:gpt-4o-mini", U(input=1), "0.00000015", None),
    ("openai:gpt-4o-mini", U(input=1234, output=567), "0.0005253", None),
    ("openai:gpt-4o", U(input=1200, output=300), "0.006", None),
    # cache read, cache write
    ("openai:gpt-4o", U(input=100_000, cache_read=20_000, output=2_000), "0.295", None),
    (
        "anthropic:claude-sonnet-4-5",
        U(input=1000, cache_write=10_000, cache_read=50_000, output=500),
        "0.063",
        None,
    ),
    ("deepseek:deepseek-reasoner", U(cache_read=1_000_000), "0.0028", None),
    (
        "deepseek:deepseek-reasoner",
        U(input=1_000_000, output=1_000_000, cache_read=1_000_000),
        "0.4228",
        None,
    ),
    ("acme:thinker", U(cache_write=1_000_000), "0.375", None),
    # tiers: under, at, and over the threshold; cached tokens count toward the prompt
    ("openai:gpt-5.4", U(input=272_000), "0.68", None),
    ("openai:gpt-5.4", U(input=272_001), "1.360005", None),
    ("openai:gpt-5.4", U(input=200_000, cache_read=100_000, output=2_000), "1.095", None),
    ("openai:gpt-5.4", U(input=100_000, cache_read=180_000), "0.59", None),
    (GEMINI_PRO, U(input=200_000), "0.25", None),
    (GEMINI_PRO, U(input=200_001), "0.5000025", None),
    (GEMINI_PRO, U(input=150_000, cache_read=100_000, output=10_000), "0.55", None),
    (DOUBAO, U(input=32_000), "0.01536", None),
    (DOUBAO, U(input=32_001), "0.02304072", None),
    (DOUBAO, U(input=128_001), "0.18560145", None),
    (DOUBAO, U(input=1, cache_read=200_000), "0.05786545", None),
    # modes replace the prices, tiers aside
    ("openai:gpt-5.4", U(input=1_000_000, output=1_000_000), "35", "fast"),
    ("openai:gpt-5.4", U(input=300_000), "1.5", "fast"),
    ("anthropic:claude-opus-4-6", U(input=1000, output=1000), "0.18", "fast"),
    ("anthropic:claude-opus-4-6", U(cache_write=1_000_000), "37.5", "fast"),
    # reasoning: its own price where listed, else the output price
    ("acme:thinker", U(reasoning=1_000_000), "12", None),
    ("openai:o3", U(output=1000, reasoning=10_000), "0.088", None),
    ("google:gemini-2.5-flash", U(output=1000, reasoning=4000), "0.0125", None),
    # audio
    ("google:gemini-2.5-flash", U(input_audio=1_000_000), "1", None),
    (OMNI, U(input_audio=1_000_000, output_audio=1_000_000), "3.988", None),
    # free, embedding, nothing used
    ("acme:free-1", U(input=1_000_000, output=1_000_000), "0", None),
    ("openai:text-embedding-3-small", U(input=1_000_000), "0.02", None),
    ("openai:gpt-4o", U(), "0", None),
    # provider usage shapes, passed as dicts
    (
        "anthropic:claude-sonnet-4-5",
        {
            "input_tokens": 2000,
            "output_tokens": 800,
            "cache_creation_input_tokens": 1000,
            "cache_read_input_tokens": 5000,
        },
        "0.02325",
        None,
    ),
    ("anthropic:claude-sonnet-4-5", {"input_tokens": 2000, "output_tokens": 800}, "0.018", None),
    (
        "openai:gpt-4o",
        {
            "prompt_tokens": 12_000,
            "completion_tokens": 900,
            "prompt_tokens_details": {"cached_tokens": 10_000},
        },
        "0.0265",
        None,
    ),
    ("openai:gpt-4o", {"prompt_tokens": 1200, "completion_tokens": 300}, "0.006", None),
    (
        "openai:o3",
        {
            "prompt_tokens": 1000,
            "completion_tokens": 5000,
            "completion_tokens_details": {"reasoning_tokens": 4000},
        },
        "0.042",
        None,
    ),
    (
        "openai:o3",
        {
            "input_tokens": 3000,
            "input_tokens_details": {"cached_tokens": 2000},
            "output_tokens": 500,
            "output_tokens_details": {"reasoning_tokens": 300},
        },
        "0.007",
        None,
    ),
    (
        GEMINI_PRO,
        {
            "promptTokenCount": 10_000,
            "cachedContentTokenCount": 4000,
            "candidatesTokenCount": 500,
            "thoughtsTokenCount": 1500,
        },
        "0.028",
        None,
    ),
    (GEMINI_PRO, {"promptTokenCount": 250_000, "candidatesTokenCount": 1000}, "0.64", None),
    (
        OMNI,
        {
            "prompt_tokens": 3000,
            "completion_tokens": 100,
            "prompt_tokens_details": {"audio_tokens": 1000},
            "completion_tokens_details": {"audio_tokens": 60},
        },
        "0.00334728",
        None,
    ),
]


@pytest.mark.parametrize(("spec", "usage", "expected", "mode"), CASES)
def test_cost(dex: ModuleType, spec: str, usage: Any, expected: str, mode: str | None) -> None:
    result = dex.find(spec).cost_of(usage, mode=mode)
    assert result.total == Decimal(expected)
    assert result.total == sum(result.breakdown.values(), Decimal(0))
    assert result.model is dex.find(spec)


def test_the_tier_and_mode_are_reported(dex: ModuleType) -> None:
    assert dex.find("openai:gpt-5.4").cost_of(U(input=272_001)).tier == 272_000
    assert dex.find("openai:gpt-5.4").cost_of(U(input=272_000)).tier is None
    assert dex.find("openai:gpt-5.4").cost_of(U(input=1), mode="fast").mode == "fast"


def test_borrowed_prices_are_noted(dex: ModuleType) -> None:
    result = dex.find("openai:o3").cost_of(U(reasoning=10))
    assert result.notes == ("reasoning billed at the output price: the model lists none",)


def _legacy_model() -> Model:
    return Model(
        provider="acme",
        id="legacy",
        name="Legacy",
        kind=Kind.CHAT,
        attachment=False,
        reasoning=False,
        tool_call=False,
        open_weights=False,
        release_date=PartialDate(2025, 1),
        last_updated=PartialDate(2025, 1),
        modalities=Modalities(input=("text",), output=("text",)),
        limit=Limit(context=1_000_000, output=1000),
        cost=Cost(
            input=Decimal("1"),
            output=Decimal("2"),
            context_over_200k=Rates(input=Decimal("3"), output=Decimal("2")),
        ),
    )


def test_context_over_200k_alone_applies_above_200k(dex: ModuleType) -> None:
    model = _legacy_model()
    assert model.cost_of(U(input=200_000, output=1000)).total == Decimal("0.202")
    over = model.cost_of(U(input=200_001, output=1000))
    assert over.total == Decimal("0.602003") and over.tier == 200_000


@pytest.mark.parametrize(
    ("spec", "usage", "component"),
    [
        ("acme:unpriced-1", U(input=10), None),
        ("acme:listener-1", U(input_audio=10), "input_audio"),
        (
            "openai:gpt-4o-mini",
            {
                "prompt_tokens": 100,
                "completion_tokens": 10,
                "prompt_tokens_details": {"audio_tokens": 50},
            },
            "input_audio",
        ),
    ],
)
def test_unknown_prices_raise_never_zero(
    dex: ModuleType, spec: str, usage: Any, component: str | None
) -> None:
    with pytest.raises(PriceUnknownError) as caught:
        dex.find(spec).cost_of(usage)
    assert caught.value.component == component
    assert spec in str(caught.value) and "llmdex.resolve" in str(caught.value)


def test_an_assumed_model_has_no_price(dex: ModuleType) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = dex.resolve("openai:gpt-99", assume_exists=True)
    with pytest.raises(PriceUnknownError):
        model.cost_of(U(input=1))


def test_a_custom_price_is_used_exactly(dex: ModuleType) -> None:
    model = dex.resolve(
        {
            "provider": "local",
            "id": "m",
            "base_url": "http://x",
            "cost": {"input": "0.1", "output": 0.3},
        }
    )
    assert model.cost_of(U(input=3, output=3)).total == Decimal("0.0000012")


def test_an_unknown_mode_lists_the_known_ones(dex: ModuleType) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=r"mode='turbo'\): \S+ has no priced mode of that name \(modes: fast\)",
    ):
        dex.find("openai:gpt-5.4").cost_of(U(input=1), mode="turbo")


# Lifecycle


def test_lifecycle_dates_keep_precision_and_sort(dex: ModuleType) -> None:
    model = dex.find("openai:gpt-4o")
    assert str(model.knowledge) == "2023-09" and model.knowledge is not None
    assert model.knowledge.precision == "month"
    assert model.knowledge < model.release_date <= model.last_updated


def test_deprecated_models_warn_when_reached_through_an_alias(dex: ModuleType) -> None:
    with pytest.warns(DeprecatedModelWarning, match="claude-3-5-sonnet-20241022"):
        dex.explain("anthropic:claude-3-5-sonnet")
    assert dex.find("anthropic:claude-3-5-sonnet-20241022").is_deprecated
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dex.find("anthropic:claude-3-5-sonnet-20241022")  # named exactly: no warning
    assert issubclass(DeprecatedModelWarning, UserWarning)  # shown by default


def test_deprecated_filter(dex: ModuleType) -> None:
    models = list(dex.catalog().where(provider="anthropic", deprecated=True))
    assert models and all(m.is_deprecated for m in models)


def test_usage_buckets_are_the_priced_components() -> None:
    from llmdex.records.rates import RATE_NAMES
    from llmdex.records.record import fields

    # One field per priced component, named for it, and a bucket of each in the same order.
    assert fields(Usage)[: len(RATE_NAMES)] == tuple(f"{name}_tokens" for name in RATE_NAMES)
    assert tuple(Usage().buckets) == RATE_NAMES
