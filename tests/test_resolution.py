"""The spec grammar and the resolution order, case by case, on the committed 2026-07 catalog."""

from __future__ import annotations

import logging

import pytest

import llmdex
from llmdex import (
    AmbiguousModelError,
    CustomModel,
    InvalidModelError,
    InvalidSpecError,
    Kind,
    Model,
    ModelNotFoundError,
    Provider,
    Rule,
    Status,
)
from llmdex.models.openai import GPT_4O
from llmdex_runtime.registry import Registry
from tests.conftest import ROOT, run_with_catalog

E, C, D, CI = Rule.EXACT, Rule.CURATED_ALIAS, Rule.DATED_ALIAS, Rule.CASE_INSENSITIVE
ONLY, FIRST, PREF = Rule.ONLY_PROVIDER, Rule.FIRST_PARTY, Rule.PREFERRED

PARSES = [
    ("openai:gpt-4o", "openai", "gpt-4o"),
    ("  openai:gpt-4o  ", "openai", "gpt-4o"),
    ("OpenAI:gpt-4o", "openai", "gpt-4o"),
    ("google_vertex:gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("GOOGLE-VERTEX:gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("openrouter:openai/gpt-oss-120b:free", "openrouter", "openai/gpt-oss-120b:free"),
    ("amazon-bedrock:qwen.qwen3-32b-v1:0", "amazon-bedrock", "qwen.qwen3-32b-v1:0"),
    ("google-vertex:claude-sonnet-4-5@20250929", "google-vertex", "claude-sonnet-4-5@20250929"),
    ("claude-sonnet-4-5@google-vertex", "google-vertex", "claude-sonnet-4-5"),
    ("claude-sonnet-4-5@Google_Vertex", "google-vertex", "claude-sonnet-4-5"),
    ("gpt-4o@openai", "openai", "gpt-4o"),
    ("a@b@openai", "openai", "a@b"),
    ("claude-sonnet-4-5@20250929", None, "claude-sonnet-4-5@20250929"),
    ("@cf/meta/llama-3.1-8b-instruct", None, "@cf/meta/llama-3.1-8b-instruct"),
    ("openai/gpt-oss-120b:free", None, "openai/gpt-oss-120b:free"),
    ("gpt-4o", None, "gpt-4o"),
    (("openai", "gpt-4o"), "openai", "gpt-4o"),
    ((Provider.OPENAI, "gpt-4o"), "openai", "gpt-4o"),
    (("Google_Vertex", " gemini-2.5-pro "), "google-vertex", "gemini-2.5-pro"),
    (GPT_4O, "openai", "gpt-4o"),
]


@pytest.mark.parametrize(("spec", "provider", "model_id"), PARSES)
def test_parse_spec(spec: object, provider: str | None, model_id: str) -> None:
    parsed = llmdex.parse_spec(spec)  # type: ignore[arg-type]
    assert (parsed.provider, parsed.id) == (provider, model_id)


ERRORS = [
    ("", "empty"),
    ("   ", "empty"),
    ("openai:", "empty_segment"),
    (":gpt-4o", "empty_segment"),
    (("openai", ""), "empty_segment"),
    (("", "gpt-4o"), "empty_segment"),
    ("opnai:gpt-4o", "unknown_provider"),
    (("opnai", "gpt-4o"), "unknown_provider"),
    ("gpt 4o", "invalid_format"),
    ("openai:gpt\t4o", "invalid_format"),
    (("openai",), "invalid_format"),
    (("openai", "gpt-4o", "x"), "invalid_format"),
    (("openai", 4), "invalid_format"),
    (42, "invalid_format"),
    (None, "invalid_format"),
    (b"openai:gpt-4o", "invalid_format"),
    (["openai", "gpt-4o"], "invalid_format"),
]


@pytest.mark.parametrize(("spec", "code"), ERRORS)
def test_malformed_specs_raise_with_a_code(spec: object, code: str) -> None:
    with pytest.raises(InvalidSpecError) as caught:
        llmdex.find(spec)  # type: ignore[arg-type]
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)
    assert "provider:model-id" in str(caught.value)


def test_an_unknown_provider_suggests_close_ones() -> None:
    with pytest.raises(InvalidSpecError) as caught:
        llmdex.find("opnai:gpt-4o")
    assert caught.value.suggestions == ("openai",)


RESOLVES = [
    # within a provider: exact
    ("openai:gpt-4o", {}, "openai:gpt-4o", (E,)),
    ("anthropic:claude-3-5-sonnet-20241022", {}, "anthropic:claude-3-5-sonnet-20241022", (E,)),
    ("openrouter:openai/gpt-oss-120b:free", {}, "openrouter:openai/gpt-oss-120b:free", (E,)),
    (
        "amazon-bedrock:us.anthropic.claude-haiku-4-5-20251001-v1:0",
        {},
        "amazon-bedrock:us.anthropic.claude-haiku-4-5-20251001-v1:0",
        (E,),
    ),
    (
        "google-vertex:claude-sonnet-4-5@20250929",
        {},
        "google-vertex:claude-sonnet-4-5@20250929",
        (E,),
    ),
    ("gpt-4o", {"provider": "openai"}, "openai:gpt-4o", (E,)),
    ("gpt-4o", {"provider": Provider.OPENAI}, "openai:gpt-4o", (E,)),
    (("azure", "gpt-4o"), {}, "azure:gpt-4o", (E,)),
    # within a provider: dated families, newest release by the date in the id
    ("anthropic:claude-3-5-sonnet", {}, "anthropic:claude-3-5-sonnet-20241022", (D,)),
    ("anthropic:claude-3-5-sonnet-latest", {}, "anthropic:claude-3-5-sonnet-20241022", (D,)),
    ("anthropic:claude-3-opus", {}, "anthropic:claude-3-opus-20240229", (D,)),
    ("anthropic:claude-sonnet-4", {}, "anthropic:claude-sonnet-4-20250514", (D,)),
    ("google-vertex:claude-sonnet-4-5", {}, "google-vertex:claude-sonnet-4-5@20250929", (D,)),
    ("claude-sonnet-4-5@google-vertex", {}, "google-vertex:claude-sonnet-4-5@20250929", (D,)),
    ("openai:gpt-4o-latest", {}, "openai:gpt-4o-2024-11-20", (D,)),
    ("mistral:mistral-large", {}, "mistral:mistral-large-2512", (D,)),
    ("mistral:mistral-medium", {}, "mistral:mistral-medium-2604", (D,)),
    ("cohere:command-a", {}, "cohere:command-a-03-2025", (D,)),
    ("cohere:command-r-plus", {}, "cohere:command-r-plus-08-2024", (D,)),
    ("nano-gpt:gemini-2.5-pro-preview", {}, "nano-gpt:gemini-2.5-pro-preview-06-05", (D,)),
    # within a provider: curated aliases
    ("anthropic:claude-3.5-sonnet", {}, "anthropic:claude-3-5-sonnet-20241022", (C,)),
    ("anthropic:claude-sonnet-4.5", {}, "anthropic:claude-sonnet-4-5", (C,)),
    # within a provider: ignoring case, of an id or of an alias
    ("openai:GPT-4O", {}, "openai:gpt-4o", (CI,)),
    ("OPENAI:Gpt-4o", {}, "openai:gpt-4o", (CI,)),
    ("anthropic:Claude-3-5-Sonnet", {}, "anthropic:claude-3-5-sonnet-20241022", (CI, D)),
    # bare ids
    ("gpt-4o-2024-05-13", {}, "openai:gpt-4o-2024-05-13", (E, ONLY)),
    ("openai/gpt-oss-120b:free", {}, "openrouter:openai/gpt-oss-120b:free", (E, ONLY)),
    ("gpt-4o", {}, "openai:gpt-4o", (E, FIRST)),
    ("kimi-k2.5", {}, "moonshotai:kimi-k2.5", (E, FIRST)),
    ("glm-5", {}, "zai:glm-5", (E, FIRST)),
    ("gemini-2.5-pro", {}, "google:gemini-2.5-pro", (E, FIRST)),
    ("claude-opus-4-6", {}, "anthropic:claude-opus-4-6", (E, FIRST)),
    ("deepseek-v4-pro", {}, "deepseek:deepseek-v4-pro", (E, FIRST)),
    ("GPT-4O", {}, "openai:gpt-4o", (CI, FIRST)),
    ("claude-3-5-sonnet", {}, "anthropic:claude-3-5-sonnet-20241022", (D, ONLY)),
    # an exact id anywhere beats an alias anywhere: qiniu-ai lists this very id
    ("claude-3.5-sonnet", {}, "qiniu-ai:claude-3.5-sonnet", (E, ONLY)),
    # prefer= chooses instead of the first-party rule
    ("gpt-4o", {"prefer": ["azure"]}, "azure:gpt-4o", (E, PREF)),
    ("gpt-4o", {"prefer": ["perplexity", "helicone"]}, "helicone:gpt-4o", (E, PREF)),
    ("kimi-k2.5", {"prefer": ["ollama_cloud", "azure"]}, "ollama-cloud:kimi-k2.5", (E, PREF)),
    ("deepseek-r1", {"prefer": ["snowflake-cortex"]}, "snowflake-cortex:deepseek-r1", (E, PREF)),
    ("gpt-4o-2024-05-13", {"prefer": ["azure"]}, "openai:gpt-4o-2024-05-13", (E, ONLY)),
]


@pytest.mark.parametrize(("spec", "kwargs", "expected", "rules"), RESOLVES)
def test_resolution(
    spec: object, kwargs: dict[str, object], expected: str, rules: tuple[Rule, ...]
) -> None:
    resolution = llmdex.explain(spec, **kwargs)  # type: ignore[arg-type]
    assert resolution.model.spec == expected
    assert resolution.rules == rules
    assert llmdex.find(spec, **kwargs) is resolution.model  # type: ignore[arg-type]
    assert len(resolution.steps) == len([r for r in rules if r is not E])


def test_a_model_is_returned_as_is() -> None:
    assert llmdex.find(GPT_4O) is GPT_4O
    assert llmdex.explain(GPT_4O).exact


def test_a_model_served_by_ten_or_more_providers_goes_to_its_maker() -> None:
    assert len(llmdex.catalog().filter(lambda m: m.id == "kimi-k2.5")) >= 10
    assert "moonshotai makes it" in str(llmdex.explain("kimi-k2.5"))


@pytest.mark.parametrize(
    ("spec", "kwargs", "candidate"),
    [
        ("openai/gpt-oss-120b", {}, "openrouter:openai/gpt-oss-120b"),
        ("deepseek-r1", {}, "azure:deepseek-r1"),
        ("deepseek-r1", {"prefer": ["openai"]}, "nano-gpt:deepseek-r1"),
    ],
)
def test_ambiguous_bare_ids_list_every_candidate(
    spec: str, kwargs: dict[str, object], candidate: str
) -> None:
    with pytest.raises(AmbiguousModelError) as caught:
        llmdex.find(spec, **kwargs)  # type: ignore[arg-type]
    assert candidate in caught.value.candidates
    assert isinstance(caught.value, LookupError)
    assert "prefer=" in str(caught.value)


@pytest.mark.parametrize(
    ("spec", "first_suggestion"),
    [
        ("openai:gpt-4oo", "openai:gpt-4o"),
        ("gpt-4oo", "openai:gpt-4o"),
        ("anthropic:claude-3-5-sonet", "anthropic:claude-3-5-sonnet"),
        ("claude-opus-4-66", "anthropic:claude-opus-4-6"),
    ],
)
def test_typos_suggest_close_specs(spec: str, first_suggestion: str) -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        llmdex.find(spec)
    assert caught.value.suggestions[0] == first_suggestion
    assert len(caught.value.suggestions) <= 5
    assert f"Did you mean: {first_suggestion}" in str(caught.value)


def test_an_unknown_id_with_no_close_match_says_so() -> None:
    with pytest.raises(ModelNotFoundError, match="no model 'zzzzqqqq-9'"):
        llmdex.find("zzzzqqqq-9")


def test_a_repeated_lookup_is_answered_from_the_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    first = llmdex.find("anthropic:claude-3-5-sonnet")

    def resolve_again(*_: object) -> None:
        raise AssertionError("resolved again instead of answering from the cache")

    monkeypatch.setattr(Registry, "_explain", resolve_again)
    assert llmdex.find("anthropic:claude-3-5-sonnet") is first


def test_a_prefer_entry_that_is_no_provider_is_an_error() -> None:
    with pytest.raises(InvalidSpecError) as caught:
        llmdex.find("gpt-4o", prefer=["opnai"])
    assert caught.value.code == "unknown_provider"


# Custom and assumed models


def test_assume_exists_gives_an_assumed_model_with_unknowns_as_none(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="llmdex"):
        model = llmdex.resolve("anthropic:claude-9", assume_exists=True)
    assert isinstance(model, CustomModel)
    assert model.assumed and model.spec == "anthropic:claude-9"
    assert model.env == Provider.ANTHROPIC.env
    assert model.base_url == Provider.ANTHROPIC.base_url == "https://api.anthropic.com/v1"
    assert model.protocol is Provider.ANTHROPIC.protocol
    assert model.limit is None and model.cost is None
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "anthropic:claude-9" in caplog.records[0].getMessage()


def test_assume_exists_still_returns_catalog_models() -> None:
    assert llmdex.resolve("openai:gpt-4o", assume_exists=True) is GPT_4O


@pytest.mark.parametrize(
    ("spec", "kwargs", "error", "message"),
    [
        ("openai:gpt-9", {}, ModelNotFoundError, "gpt-9"),
        ("gpt-9", {"assume_exists": True}, InvalidModelError, "needs a provider"),
        ({"id": "m"}, {}, InvalidModelError, "'provider' is missing"),
        ({"provider": "openai"}, {}, InvalidModelError, "'id' is missing"),
        ({"provider": "myco", "id": "m"}, {}, InvalidModelError, "give its 'base_url'"),
        ({"provider": "openai", "id": "x", "colour": 1}, {}, InvalidModelError, "'colour'"),
        ("openai:gpt-4o", {"colour": "red"}, InvalidModelError, "no field 'colour'"),
        (
            {"provider": "p", "id": "m", "base_url": "http://x", "limit": {"context": 0}},
            {},
            InvalidModelError,
            "'limit'",
        ),
        (
            {"provider": "p", "id": "m", "base_url": "http://x", "cost": {"input": "abc"}},
            {},
            InvalidModelError,
            "numbers",
        ),
        (
            {"provider": "p", "id": "m", "base_url": "http://x", "cost": {"input": -1}},
            {},
            InvalidModelError,
            "negative",
        ),
    ],
)
def test_custom_model_errors_name_the_field(
    spec: object, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        llmdex.resolve(spec, **kwargs)  # type: ignore[arg-type]


def test_a_dict_naming_a_catalog_model_is_that_model() -> None:
    assert llmdex.resolve({"provider": "OpenAI", "id": "gpt-4o"}) is GPT_4O


def test_a_negotiated_price_overrides_the_catalog() -> None:
    model = llmdex.resolve(
        {"provider": "openai", "id": "gpt-4o", "cost": {"input": 1, "output": 4}}
    )
    assert isinstance(model, Model)
    assert (str(model.cost.input), str(model.cost.output)) == ("1", "4")  # type: ignore[union-attr]
    assert model.limit == GPT_4O.limit
    assert GPT_4O.cost is not None and str(GPT_4O.cost.input) == "2.5"


def test_a_custom_model_at_a_base_url() -> None:
    model = llmdex.resolve(
        {
            "provider": "local",
            "id": "llama",
            "base_url": "http://127.0.0.1:8000/v1",
            "limit": {"context": 8192, "output": 1024},
        }
    )
    assert isinstance(model, CustomModel)
    assert model.base_url == "http://127.0.0.1:8000/v1"
    assert model.limit is not None and model.limit.context == 8192
    assert model.cost is None and not model.assumed


def test_a_new_model_of_a_known_provider_takes_its_defaults() -> None:
    model = llmdex.resolve({"provider": "anthropic", "id": "claude-next"})
    assert isinstance(model, CustomModel)
    assert model.env == Provider.ANTHROPIC.env and not model.assumed


# Queries


def test_where_by_provider_and_capability() -> None:
    selection = llmdex.catalog().where(provider="anthropic", reasoning=True)
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
def test_each_filter(criteria: dict[str, object], check: object) -> None:
    selection = llmdex.catalog().where(
        provider=("openai", "google", "mistral", "openrouter"), **criteria
    )  # type: ignore[arg-type]
    models = list(selection)
    assert models, criteria
    assert all(check(m) for m in models)  # type: ignore[operator]


def test_sort_puts_unpriced_models_last() -> None:
    models = list(llmdex.catalog().where(provider="openrouter").sort("input_price"))
    prices = [m.cost.input for m in models if m.cost is not None and m.cost.input is not None]
    assert prices == sorted(prices)
    priced = len(prices)
    assert all(m.cost is None or m.cost.input is None for m in models[priced:])


def test_selections_are_immutable_and_chainable() -> None:
    base = llmdex.catalog().where(provider="openai")
    narrowed = base.where(tools=True).sort("context", descending=True)
    assert len(base) > len(narrowed) > 0
    contexts = [m.limit.context for m in narrowed]
    assert contexts == sorted(contexts, reverse=True)
    assert narrowed.first() is next(iter(narrowed))
    assert base.where(provider="anthropic").first() is None


def test_a_selection_imports_only_the_provider_modules_it_needs() -> None:
    result = run_with_catalog(
        ROOT / "generated",
        "import sys, llmdex\n"
        "n = len(llmdex.catalog().where(provider=['openai', 'mistral'], tools=True))\n"
        "print(sorted(m for m in sys.modules if m.startswith('llmdex.models.')))\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['llmdex.models.mistral', 'llmdex.models.openai']"


def test_bad_queries_are_refused() -> None:
    with pytest.raises(InvalidSpecError):
        llmdex.catalog().where(provider="nope")
    with pytest.raises(ValueError, match="cannot sort by"):
        llmdex.catalog().sort("popularity")


def test_compare_rows_side_by_side() -> None:
    comparison = llmdex.compare("openai:gpt-4o", "anthropic:claude-sonnet-4-5")
    rows = dict(comparison.rows)
    assert rows["context"] == (128000, 200000)
    assert rows["input $/1M"] == ("2.5", "3")
    assert comparison.to_dict()["models"] == ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]
    assert str(comparison).splitlines()[0].split() == [
        "openai:gpt-4o",
        "anthropic:claude-sonnet-4-5",
    ]
