"""Usage from every shape real responses carry, with no token counted twice."""

from __future__ import annotations

import decimal
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from anthropic.types import Usage as AnthropicUsage
from openai.types import CompletionUsage
from openai.types.completion_usage import CompletionTokensDetails, PromptTokensDetails
from pydantic import BaseModel

from llmdex import InvalidUsageError, Usage

U = Usage.from_buckets

SHAPES: list[tuple[str, Any, Usage]] = [
    (
        "openai chat, cached and reasoning",
        {
            "prompt_tokens": 100,
            "completion_tokens": 50,
            "prompt_tokens_details": {"cached_tokens": 40},
            "completion_tokens_details": {"reasoning_tokens": 20},
        },
        U(input=60, cache_read=40, output=30, reasoning=20),
    ),
    (
        "openai responses",
        {
            "input_tokens": 3000,
            "input_tokens_details": {"cached_tokens": 2000},
            "output_tokens": 500,
            "output_tokens_details": {"reasoning_tokens": 300},
        },
        U(input=1000, cache_read=2000, output=200, reasoning=300),
    ),
    (
        "openai audio",
        {
            "prompt_tokens": 3000,
            "completion_tokens": 100,
            "prompt_tokens_details": {"audio_tokens": 1000},
            "completion_tokens_details": {"audio_tokens": 60},
        },
        U(input=2000, input_audio=1000, output=40, output_audio=60),
    ),
    (
        "openrouter cache writes",
        {
            "prompt_tokens": 1000,
            "completion_tokens": 10,
            "prompt_tokens_details": {"cached_tokens": 200, "cache_write_tokens": 300},
        },
        U(input=500, cache_read=200, cache_write=300, output=10),
    ),
    (
        "anthropic",
        {
            "input_tokens": 2000,
            "output_tokens": 800,
            "cache_creation_input_tokens": 1000,
            "cache_read_input_tokens": 5000,
        },
        U(input=2000, output=800, cache_write=1000, cache_read=5000),
    ),
    (
        "gemini, cached and thoughts",
        {
            "promptTokenCount": 10_000,
            "cachedContentTokenCount": 4000,
            "candidatesTokenCount": 500,
            "thoughtsTokenCount": 1500,
        },
        U(input=6000, cache_read=4000, output=500, reasoning=1500),
    ),
    (
        "gemini tool-use prompt and audio",
        {
            "promptTokenCount": 1000,
            "candidatesTokenCount": 300,
            "toolUsePromptTokenCount": 50,
            "promptTokensDetails": [
                {"modality": "TEXT", "tokenCount": 600},
                {"modality": "AUDIO", "tokenCount": 400},
            ],
            "candidatesTokensDetails": [
                {"modality": "TEXT", "tokenCount": 100},
                {"modality": "AUDIO", "tokenCount": 200},
            ],
        },
        U(input=650, input_audio=400, output=100, output_audio=200),
    ),
    (
        "gemini cached audio is counted once",
        {
            "promptTokenCount": 1000,
            "cachedContentTokenCount": 300,
            "promptTokensDetails": [{"modality": "AUDIO", "tokenCount": 500}],
            "cacheTokensDetails": [{"modality": "AUDIO", "tokenCount": 300}],
            "candidatesTokenCount": 1,
        },
        U(input=500, cache_read=300, input_audio=200, output=1),
    ),
    (
        "google-genai snake_case",
        {
            "prompt_token_count": 1000,
            "cached_content_token_count": 100,
            "candidates_token_count": 20,
            "thoughts_token_count": 5,
            "tool_use_prompt_token_count": None,
            "prompt_tokens_details": [{"modality": "AUDIO", "token_count": 300}],
        },
        U(input=600, cache_read=100, input_audio=300, output=20, reasoning=5),
    ),
]


@pytest.mark.parametrize(("name", "raw", "expected"), SHAPES, ids=[s[0] for s in SHAPES])
def test_each_shape_is_read_into_disjoint_buckets(name: str, raw: Any, expected: Usage) -> None:
    assert Usage.from_dict(raw) == expected


def test_the_openai_sdk_usage_object() -> None:
    usage = CompletionUsage(
        prompt_tokens=100,
        completion_tokens=50,
        total_tokens=150,
        prompt_tokens_details=PromptTokensDetails(cached_tokens=40),
        completion_tokens_details=CompletionTokensDetails(reasoning_tokens=20),
    )
    assert Usage.from_dict(usage) == U(input=60, cache_read=40, output=30, reasoning=20)


def test_the_anthropic_sdk_usage_object() -> None:
    usage = AnthropicUsage(
        input_tokens=10, output_tokens=5, cache_read_input_tokens=7, cache_creation_input_tokens=0
    )
    assert Usage.from_dict(usage) == U(input=10, output=5, cache_read=7)


class _ModalityTokenCount(BaseModel):
    modality: str | None = None
    token_count: int | None = None


class _GenaiUsage(BaseModel):
    """Shaped like google-genai's GenerateContentResponseUsageMetadata."""

    prompt_token_count: int | None = None
    candidates_token_count: int | None = None
    cached_content_token_count: int | None = None
    thoughts_token_count: int | None = None
    prompt_tokens_details: list[_ModalityTokenCount] | None = None


def test_a_pydantic_sdk_object_in_snake_case() -> None:
    usage = _GenaiUsage(
        prompt_token_count=50,
        candidates_token_count=7,
        prompt_tokens_details=[_ModalityTokenCount(modality="AUDIO", token_count=10)],
    )
    assert Usage.from_dict(usage) == U(input=40, input_audio=10, output=7)


def test_an_object_with_attributes_named_like_the_keys() -> None:
    details = SimpleNamespace(cached_tokens=3)
    usage = SimpleNamespace(prompt_tokens=10, completion_tokens=2, prompt_tokens_details=details)
    assert Usage.from_dict(usage) == U(input=7, cache_read=3, output=2)


def test_a_model_prices_an_sdk_object_directly(dex: Any) -> None:
    usage = CompletionUsage(prompt_tokens=1200, completion_tokens=300, total_tokens=1500)
    assert str(dex.find("openai:gpt-4o").cost_of(usage).total.normalize()) == "0.006"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"tokens": 5, "words": 1}, "the keys seen: tokens, words"),
        ({}, "the keys seen: none"),
        (42, "not int"),
        ({"prompt_tokens": -1, "completion_tokens": 1}, "not a token count"),
        ({"prompt_tokens": True, "completion_tokens": 1}, "not a token count"),
        ({"prompt_tokens": 1.5, "completion_tokens": 1}, "not a token count"),
        (
            {
                "prompt_tokens": 10,
                "completion_tokens": 1,
                "prompt_tokens_details": {"cached_tokens": 11},
            },
            "of a total of 10",
        ),
        ({"promptTokenCount": 5, "cachedContentTokenCount": 6}, "of a total of 5"),
        ({"promptTokenCount": 5, "promptTokensDetails": "AUDIO"}, "not a list"),
    ],
)
def test_unknown_or_inconsistent_usage_is_refused(raw: Any, message: str) -> None:
    with pytest.raises(InvalidUsageError, match=message):
        Usage.from_dict(raw)


@pytest.mark.parametrize("value", [-5, True, 1.5, "10", None, 10**30 + 0.5])
def test_usage_refuses_what_is_not_a_token_count(value: Any) -> None:
    with pytest.raises(InvalidUsageError, match="a token count is a whole number, 0 or more"):
        Usage(input_tokens=value)


def test_costs_are_exact_whatever_the_ambient_decimal_context(dex: Any) -> None:
    model = dex.find("openai:gpt-4o")
    huge = Usage(input_tokens=10**30 + 1, output_tokens=3)
    expected = model.cost_of(huge).total
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        assert model.cost_of(huge).total == expected
        assert model.cost_of(Usage(input_tokens=1, output_tokens=1)).total == Decimal("0.0000125")
    # (10**30 + 1) x 2.5 + 3 x 10 dollars per million tokens, to the last digit.
    assert expected == Decimal("2500000000000000000000000.0000325")


def test_usage_is_totals_with_parts_as_opentelemetry_counts() -> None:
    # OpenAI's prompt_tokens 1000 of which 600 cached, completion_tokens 50 of which 20 thinking.
    usage = Usage(input_tokens=1000, cache_read_tokens=600, output_tokens=50, reasoning_tokens=20)
    assert usage.buckets == {
        "input": 400,
        "output": 30,
        "reasoning": 20,
        "cache_read": 600,
        "cache_write": 0,
        "input_audio": 0,
        "output_audio": 0,
    }
    assert usage == Usage.from_openai(
        {
            "prompt_tokens": 1000,
            "completion_tokens": 50,
            "prompt_tokens_details": {"cached_tokens": 600},
            "completion_tokens_details": {"reasoning_tokens": 20},
        }
    )
    assert Usage.from_buckets(input=400, cache_read=600, output=30, reasoning=20) == usage


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"input_tokens": 50, "cache_read_tokens": 60},
            r"cache_read_tokens \(60\) is more than input_tokens \(50\), which includes it: "
            "give input_tokens as the total",
        ),
        (
            {"input_tokens": 100, "cache_read_tokens": 60, "cache_write_tokens": 50},
            r"cache_read_tokens \(60\) \+ cache_write_tokens \(50\) is more than input_tokens "
            r"\(100\), which includes them",
        ),
        (
            {"output_tokens": 10, "reasoning_tokens": 8, "output_audio_tokens": 3},
            r"reasoning_tokens \(8\) \+ output_audio_tokens \(3\) is more than output_tokens",
        ),
    ],
)
def test_a_part_larger_than_its_total_names_both(fields: dict[str, int], message: str) -> None:
    with pytest.raises(InvalidUsageError, match=message):
        Usage(**fields)


def test_the_disjoint_form_of_before_is_refused_with_the_way_to_the_new_one() -> None:
    with pytest.raises(TypeError, match="unexpected keyword argument 'input'"):
        Usage(input=10)  # type: ignore[call-arg]
    with pytest.raises(InvalidUsageError, match=r"Usage\.from_buckets"):
        Usage.from_dict({"input": 10, "cache_read": 5, "output": 1})
    with pytest.raises(InvalidUsageError, match="cache_read is -1"):
        Usage.from_buckets(input=5, cache_read=-1)


def test_llmdex_own_json_form_reads_back_as_the_same_usage() -> None:
    from llmdex.views.json_form import json_form

    usage = Usage(
        input_tokens=900,
        cache_read_tokens=300,
        cache_write_tokens=100,
        input_audio_tokens=50,
        output_tokens=70,
        reasoning_tokens=20,
        output_audio_tokens=10,
        unpriced=(("web_search_requests", 2),),
        reported_cost=Decimal("0.5"),
    )
    assert Usage.from_dict(json_form(usage)) == usage
