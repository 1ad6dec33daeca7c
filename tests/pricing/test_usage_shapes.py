"""Every usage shape of the ecosystem: read exactly, or what cannot be priced is refused.

The shapes follow the providers' API references and SDK types (OpenAI's ``CompletionUsage`` and
``ResponseUsage``, Anthropic's ``Usage`` with ``cache_creation`` and ``server_tool_use``,
OpenRouter's ``usage.cost``, Gemini's ``usageMetadata``), the Vercel AI SDK's
``LanguageModelUsage`` (v4 ``promptTokens``; v5 ``inputTokens``/``cachedInputTokens``; v6
``inputTokenDetails``) and its provider specification's ``LanguageModelV3Usage``, the
OpenTelemetry GenAI semantic conventions (``gen_ai.usage.*``) and genai-prices' ``Usage``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from anthropic.types import Usage as AnthropicUsage
from anthropic.types.cache_creation import CacheCreation
from anthropic.types.server_tool_usage import ServerToolUsage
from hypothesis import given, settings
from hypothesis import strategies as st

from llmdex import InvalidArgumentError, InvalidUsageError, PriceUnknownError, Usage, replace
from llmdex.records.rates import RATE_NAMES
from llmdex.views.json_form import json_form

U = Usage.from_buckets


SHAPES: list[tuple[str, Any, Usage]] = [
    (
        "openrouter: reported cost and cache writes",
        {
            "prompt_tokens": 1000,
            "completion_tokens": 10,
            "total_tokens": 1010,
            "cost": 0.00123,
            "is_byok": False,
            "prompt_tokens_details": {"cached_tokens": 200, "cache_write_tokens": 300},
            "cost_details": {"upstream_inference_cost": None},
        },
        U(input=500, cache_read=200, cache_write=300, output=10, reported_cost=Decimal("0.00123")),
    ),
    (
        "litellm: an anthropic call in the openai shape",
        {
            "prompt_tokens": 1500,
            "completion_tokens": 20,
            "total_tokens": 1520,
            "prompt_tokens_details": {"cached_tokens": 1000},
            "cache_creation_input_tokens": 400,
            "cache_read_input_tokens": 1000,
        },
        U(input=100, cache_read=1000, cache_write=400, output=20),
    ),
    (
        "openai: predicted outputs are part of completion_tokens",
        {
            "prompt_tokens": 10,
            "completion_tokens": 30,
            "completion_tokens_details": {
                "accepted_prediction_tokens": 12,
                "rejected_prediction_tokens": 8,
                "reasoning_tokens": 0,
            },
        },
        U(input=10, output=30),
    ),
    (
        "deepseek: cache hits and misses at the top",
        {
            "prompt_tokens": 100,
            "completion_tokens": 5,
            "prompt_cache_hit_tokens": 64,
            "prompt_cache_miss_tokens": 36,
            "prompt_tokens_details": {"cached_tokens": 64},
        },
        U(input=36, cache_read=64, output=5),
    ),
    (
        "groq: timings beside the counts",
        {
            "queue_time": 0.037,
            "prompt_tokens": 18,
            "prompt_time": 0.0008,
            "completion_tokens": 556,
            "completion_time": 0.46,
            "total_tokens": 574,
            "total_time": 0.46,
        },
        U(input=18, output=556),
    ),
    (
        "ai sdk v4",
        {"promptTokens": 70, "completionTokens": 30, "totalTokens": 100},
        U(input=70, output=30),
    ),
    (
        "ai sdk v5",
        {
            "inputTokens": 1000,
            "outputTokens": 300,
            "totalTokens": 1300,
            "reasoningTokens": 200,
            "cachedInputTokens": 600,
        },
        U(input=400, cache_read=600, output=100, reasoning=200),
    ),
    (
        "ai sdk v6",
        {
            "inputTokens": 1000,
            "inputTokenDetails": {
                "noCacheTokens": 300,
                "cacheReadTokens": 600,
                "cacheWriteTokens": 100,
            },
            "outputTokens": 300,
            "outputTokenDetails": {"textTokens": 100, "reasoningTokens": 200},
            "totalTokens": 1300,
        },
        U(input=300, cache_read=600, cache_write=100, output=100, reasoning=200),
    ),
    (
        "ai sdk provider specification (LanguageModelV3Usage)",
        {
            "inputTokens": {"total": 1000, "noCache": 400, "cacheRead": 600, "cacheWrite": None},
            "outputTokens": {"total": 300, "text": 100, "reasoning": 200},
            "raw": {"prompt_tokens": 1000},
        },
        U(input=400, cache_read=600, output=100, reasoning=200),
    ),
    (
        "opentelemetry span attributes",
        {
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.usage.input_tokens": 1000,
            "gen_ai.usage.cache_read.input_tokens": 600,
            "gen_ai.usage.cache_creation.input_tokens": 100,
            "gen_ai.usage.output_tokens": 50,
        },
        U(input=300, cache_read=600, cache_write=100, output=50),
    ),
    (
        "genai-prices: totals that include the cache",
        {"input_tokens": 100, "cache_read_tokens": 50, "output_tokens": 10},
        U(input=50, cache_read=50, output=10),
    ),
    (
        "genai-prices: cached audio",
        {
            "input_tokens": 1000,
            "cache_read_tokens": 300,
            "input_audio_tokens": 400,
            "cache_audio_read_tokens": 100,
            "output_tokens": 50,
            "output_audio_tokens": 20,
        },
        U(input=400, cache_read=300, input_audio=300, output=30, output_audio=20),
    ),
    (
        "anthropic: thinking is part of output_tokens",
        {"input_tokens": 5, "output_tokens": 90, "output_tokens_details": {"thinking_tokens": 60}},
        U(input=5, output=90),
    ),
    (
        "gemini: totals and traffic type",
        {
            "promptTokenCount": 100,
            "candidatesTokenCount": 10,
            "totalTokenCount": 110,
            "trafficType": "ON_DEMAND",
        },
        U(input=100, output=10),
    ),
]


@pytest.mark.parametrize(("name", "raw", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_each_shape_is_read_exactly(name: str, raw: Any, expected: Usage) -> None:
    assert Usage.from_dict(raw) == expected


def test_llmdex_reads_its_own_json_form_back() -> None:
    usage = U(input=1, output=2, cache_read=3, unpriced=(("web_search_requests", 2),))
    assert Usage.from_dict(json_form(usage)) == usage


UNPRICED: list[tuple[str, Any, tuple[tuple[str, int], ...]]] = [
    (
        "anthropic 1-hour cache writes",
        AnthropicUsage(
            input_tokens=10,
            output_tokens=5,
            cache_creation_input_tokens=1000,
            cache_creation=CacheCreation(
                ephemeral_5m_input_tokens=200, ephemeral_1h_input_tokens=800
            ),
        ),
        (("cache_write_1h", 800),),
    ),
    (
        "anthropic web search",
        AnthropicUsage(
            input_tokens=10,
            output_tokens=5,
            server_tool_use=ServerToolUsage(web_search_requests=3, web_fetch_requests=0),
        ),
        (("web_search_requests", 3),),
    ),
    (
        "anthropic priority tier and US-only inference",
        {"input_tokens": 10, "output_tokens": 5, "service_tier": "priority", "inference_geo": "us"},
        (("inference_geo us", 1), ("service_tier priority", 1)),
    ),
    (
        "openai flex tier",
        {"prompt_tokens": 10, "completion_tokens": 5, "service_tier": "flex"},
        (("service_tier flex", 1),),
    ),
    (
        "gemini provisioned throughput",
        {
            "promptTokenCount": 10,
            "candidatesTokenCount": 5,
            "trafficType": "PROVISIONED_THROUGHPUT",
        },
        (("traffic_type PROVISIONED_THROUGHPUT", 1),),
    ),
    (
        "a key no reader knows",
        {"prompt_tokens": 10, "completion_tokens": 5, "surprise_tokens": 7},
        (("key surprise_tokens", 7),),
    ),
    (
        "a nested key no reader knows",
        {"input_tokens": 10, "output_tokens": 5, "input_tokens_details": {"video_seconds": 4}},
        (("key input_tokens_details.video_seconds", 4),),
    ),
    (
        "an unknown OTel usage attribute",
        {"gen_ai.usage.input_tokens": 10, "gen_ai.usage.image.output_tokens": 3},
        (("key gen_ai.usage.image.output_tokens", 3),),
    ),
]


@pytest.mark.parametrize(("name", "raw", "unpriced"), UNPRICED, ids=[s[0] for s in UNPRICED])
def test_what_cannot_be_priced_is_refused_or_noted_never_dropped(
    name: str, raw: Any, unpriced: tuple[tuple[str, int], ...], dex: Any
) -> None:
    usage = Usage.from_dict(raw)
    assert usage.unpriced == unpriced
    model = dex.find("openai:gpt-4o")
    what, amount = unpriced[0]
    with pytest.raises(PriceUnknownError, match=f"reports {what} \\({amount}\\).*lenient=True"):
        model.cost_of(raw)
    priced = model.cost_of(raw, lenient=True)
    # (the fixture's gpt-4o has no cache-write price: that note comes first, as always)
    notes = [note for note in priced.notes if "billed at the input price" not in note]
    assert len(notes) == len(unpriced)
    assert all(
        note.startswith(f"{w} ({n}): ") for note, (w, n) in zip(notes, unpriced, strict=True)
    )
    assert priced.total == model.cost_of(replace(usage, unpriced=())).total


def test_a_one_hour_cache_write_is_noted_as_billed_at_the_five_minute_price(dex: Any) -> None:
    raw = {
        "input_tokens": 0,
        "output_tokens": 0,
        "cache_creation": {"ephemeral_1h_input_tokens": 10},
    }
    assert Usage.from_dict(raw).cache_write_tokens == 10
    note = dex.find("openai:gpt-4o").cost_of(raw, lenient=True).notes[-1]
    assert note == (
        "cache_write_1h (10): billed at the cache-write (5-minute) price; the catalog lists no "
        "1-hour one"
    )


def test_the_reported_cost_is_kept_beside_llmdex_own_and_the_difference_shows(dex: Any) -> None:
    # openai:gpt-4o in the fixture catalog: 2.5 in / 10 out per 1M tokens.
    model = dex.find("openai:gpt-4o")
    priced = model.cost_of({"prompt_tokens": 1000, "completion_tokens": 100, "cost": "0.0035"})
    assert (priced.currency, priced.total, priced.reported) == (
        "USD",
        Decimal("0.0035000"),
        Decimal("0.0035"),
    )
    assert priced.difference == 0
    low = model.cost_of({"prompt_tokens": 1000, "completion_tokens": 100, "cost": 0.003})
    assert low.difference == Decimal("0.0005000")
    assert model.cost_of(Usage(input_tokens=1)).reported is None
    assert model.cost_of(Usage(input_tokens=1)).difference is None


def test_the_speed_a_usage_reports_is_priced_at_that_mode_where_the_model_lists_it(
    dex: Any,
) -> None:
    usage = Usage.from_dict({"input_tokens": 1000, "output_tokens": 1000, "speed": "fast"})
    assert usage.unpriced == (("speed fast", 1),)
    fast = dex.find("anthropic:claude-opus-4-6")
    priced = fast.cost_of(usage)
    assert (priced.mode, priced.notes) == ("fast", ())
    assert priced.total == fast.cost_of(replace(usage, unpriced=()), mode="fast").total
    assert priced.total > fast.cost_of(replace(usage, unpriced=())).total
    # A model without that mode is never priced at its base price instead.
    with pytest.raises(PriceUnknownError, match="speed fast"):
        dex.find("openai:gpt-4o").cost_of(usage)
    noted = dex.find("openai:gpt-4o").cost_of(usage, lenient=True)
    assert (noted.mode, noted.notes[-1]) == (
        None,
        "speed fast (1): not priced: the catalog lists no price for it",
    )


def test_a_service_tier_the_catalog_lists_no_price_for_is_refused_or_noted(dex: Any) -> None:
    flex = {"prompt_tokens": 10, "completion_tokens": 5, "service_tier": "flex"}
    with pytest.raises(PriceUnknownError, match="service_tier flex"):
        dex.find("openai:gpt-4o").cost_of(flex)
    standard = {**flex, "service_tier": "default"}
    assert dex.find("openai:gpt-4o").cost_of(standard).notes == ()


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"inputTokens": 10, "inputTokenDetails": {"cacheReadTokens": 11}}, "of a total of 10"),
        (
            {"inputTokens": 10, "inputTokenDetails": {"noCacheTokens": 9, "cacheReadTokens": 5}},
            "noCacheTokens is 9, but the totals leave 5",
        ),
        (
            {"gen_ai.usage.input_tokens": 5, "gen_ai.usage.cache_read.input_tokens": 6},
            "of a total of 5",
        ),
        ({"input_tokens": 5, "cache_read_tokens": 6}, "of a total of 5"),
        (
            {
                "input_tokens": 1,
                "output_tokens": 1,
                "cache_creation_input_tokens": 5,
                "cache_creation": {"ephemeral_1h_input_tokens": 9},
            },
            "cache_creation counts 9 tokens of a cache_creation_input_tokens of 5",
        ),
        (
            {
                "prompt_tokens": 10,
                "completion_tokens": 0,
                "cache_read_input_tokens": 3,
                "prompt_tokens_details": {"cached_tokens": 4},
            },
            "disagree",
        ),
        (
            {"prompt_tokens": 1, "completion_tokens": 1, "cost": "lots"},
            "'cost' is 'lots', not an amount",
        ),
        ({"prompt_tokens": 1, "completion_tokens": 1, "cost": -1}, "not an amount"),
        ({"prompt_tokens": 1, "completion_tokens": 1, "cost": float("nan")}, "not an amount"),
    ],
)
def test_parts_larger_than_their_totals_or_bad_amounts_are_refused(raw: Any, message: str) -> None:
    with pytest.raises(InvalidUsageError, match=message):
        Usage.from_dict(raw)


def test_lenient_must_be_a_flag(dex: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=r"cost_of\(lenient='yes'\)"):
        dex.find("openai:gpt-4o").cost_of(
            {"prompt_tokens": 1, "completion_tokens": 1, "x": 1}, lenient="yes"
        )


# Property: for any counts, every shape that can carry them is read back into exactly them.

_COUNT = st.integers(min_value=0, max_value=10**9)


def _renderings(c: dict[str, int]) -> list[tuple[str, dict[str, Any], set[str]]]:
    # (shape, the counts rendered in it, the buckets it can carry)
    total_in = c["input"] + c["cache_read"] + c["cache_write"] + c["input_audio"]
    total_out = c["output"] + c["reasoning"] + c["output_audio"]
    no_audio_in = c["input"] + c["cache_read"] + c["cache_write"]
    text_and_thinking = c["output"] + c["reasoning"]
    return [
        (
            "openai",
            {
                "prompt_tokens": total_in,
                "completion_tokens": total_out,
                "total_tokens": total_in + total_out,
                "prompt_tokens_details": {
                    "cached_tokens": c["cache_read"],
                    "cache_write_tokens": c["cache_write"],
                    "audio_tokens": c["input_audio"],
                },
                "completion_tokens_details": {
                    "reasoning_tokens": c["reasoning"],
                    "audio_tokens": c["output_audio"],
                },
            },
            set(c),
        ),
        (
            "anthropic",
            {
                "input_tokens": c["input"],
                "cache_read_input_tokens": c["cache_read"],
                "cache_creation_input_tokens": c["cache_write"],
                "output_tokens": c["output"],
            },
            {"input", "cache_read", "cache_write", "output"},
        ),
        (
            "ai sdk v6",
            {
                "inputTokens": no_audio_in,
                "inputTokenDetails": {
                    "noCacheTokens": c["input"],
                    "cacheReadTokens": c["cache_read"],
                    "cacheWriteTokens": c["cache_write"],
                },
                "outputTokens": text_and_thinking,
                "outputTokenDetails": {
                    "textTokens": c["output"],
                    "reasoningTokens": c["reasoning"],
                },
            },
            {"input", "cache_read", "cache_write", "output", "reasoning"},
        ),
        (
            "otel",
            {
                "gen_ai.usage.input_tokens": no_audio_in,
                "gen_ai.usage.cache_read.input_tokens": c["cache_read"],
                "gen_ai.usage.cache_creation.input_tokens": c["cache_write"],
                "gen_ai.usage.output_tokens": text_and_thinking,
                "gen_ai.usage.reasoning.output_tokens": c["reasoning"],
            },
            {"input", "cache_read", "cache_write", "output", "reasoning"},
        ),
        (
            "genai-prices",
            {
                "input_tokens": total_in,
                "cache_read_tokens": c["cache_read"],
                "cache_write_tokens": c["cache_write"],
                "input_audio_tokens": c["input_audio"],
                "output_tokens": c["output"] + c["output_audio"],
                "output_audio_tokens": c["output_audio"],
            },
            {"input", "cache_read", "cache_write", "input_audio", "output", "output_audio"},
        ),
        (
            "gemini",
            {
                "promptTokenCount": c["input"] + c["cache_read"] + c["input_audio"],
                "cachedContentTokenCount": c["cache_read"],
                "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": c["input_audio"]}],
                "candidatesTokenCount": c["output"] + c["output_audio"],
                "candidatesTokensDetails": [{"modality": "AUDIO", "tokenCount": c["output_audio"]}],
                "thoughtsTokenCount": c["reasoning"],
            },
            {"input", "cache_read", "input_audio", "output", "output_audio", "reasoning"},
        ),
    ]


@settings(deadline=None)
@given(st.fixed_dictionaries({name: _COUNT for name in RATE_NAMES}))
def test_every_shape_bills_exactly_the_tokens_it_reports(counts: dict[str, int]) -> None:
    for shape, raw, carried in _renderings(counts):
        expected = {name: (n if name in carried else 0) for name, n in counts.items()}
        read = Usage.from_dict(raw)
        got = read.buckets
        assert got == expected, shape
        assert read.unpriced == (), shape
        assert sum(got.values()) == sum(expected.values()), shape  # nothing twice, nothing lost


@settings(deadline=None)
@given(_COUNT, st.integers(min_value=1, max_value=10**6))
def test_a_part_larger_than_its_total_raises_in_every_shape(total: int, extra: int) -> None:
    part = total + extra
    for raw in (
        {
            "prompt_tokens": total,
            "completion_tokens": 0,
            "prompt_tokens_details": {"cached_tokens": part},
        },
        {"inputTokens": total, "inputTokenDetails": {"cacheReadTokens": part}},
        {"gen_ai.usage.input_tokens": total, "gen_ai.usage.cache_read.input_tokens": part},
        {"input_tokens": total, "cache_read_tokens": part},
        {"promptTokenCount": total, "cachedContentTokenCount": part},
    ):
        with pytest.raises(InvalidUsageError, match=f"{part} tokens of a total of {total}"):
            Usage.from_dict(raw)


def test_a_cost_as_opentelemetry_attributes_reads_back_as_the_same_usage(dex: Any) -> None:
    model = dex.find("openai:gpt-4o")
    usage = U(input=300, cache_read=600, cache_write=100, output=40, reasoning=10)
    attributes = model.cost_of(usage).otel_attributes()
    assert attributes["gen_ai.usage.input_tokens"] == 1000
    assert attributes["gen_ai.usage.output_tokens"] == 50
    assert (attributes["gen_ai.usage.cost.currency"], attributes["gen_ai.usage.cost.source"]) == (
        "USD",
        "local",
    )
    assert attributes["gen_ai.usage.cost.amount"] == float(model.cost_of(usage).total)
    back = Usage.from_dict({k: v for k, v in attributes.items() if "cost" not in k})
    assert back == usage
    reported = model.cost_of({"prompt_tokens": 10, "completion_tokens": 1, "cost": "0.5"})
    assert reported.otel_attributes()["gen_ai.usage.cost.source"] == "provider"
    assert reported.otel_attributes()["gen_ai.usage.cost.amount"] == 0.5
