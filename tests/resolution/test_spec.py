"""The spec grammar, case by case, on the fixture catalog (tests/fixture_catalog.py)."""

from __future__ import annotations

from types import ModuleType

import pytest

from llmdex import InvalidSpecError, ModelSpec

PARSES: list[tuple[object, str | None, str]] = [
    # provider:model, split at the first ':'; the id may hold more
    ("openai:gpt-4o", "openai", "gpt-4o"),
    ("  openai:gpt-4o  ", "openai", "gpt-4o"),
    ("openai: gpt-4o", "openai", "gpt-4o"),
    ("openai : gpt-4o", "openai", "gpt-4o"),
    ("OpenAI:gpt-4o", "openai", "gpt-4o"),
    ("google_vertex:gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("GOOGLE-VERTEX:gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("openrouter:openai/gpt-oss-120b:free", "openrouter", "openai/gpt-oss-120b:free"),
    (
        "amazon-bedrock:anthropic.claude-opus-4-1-20250805-v1:0",
        "amazon-bedrock",
        "anthropic.claude-opus-4-1-20250805-v1:0",
    ),
    ("google-vertex:claude-sonnet-4-5@20250929", "google-vertex", "claude-sonnet-4-5@20250929"),
    # dialect names of the provider
    ("vertex_ai:gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("bedrock:amazon.nova-pro-v1:0", "amazon-bedrock", "amazon.nova-pro-v1:0"),
    ("google-gla:gemini-2.5-flash", "google", "gemini-2.5-flash"),
    ("GEMINI:gemini-2.5-flash", "google", "gemini-2.5-flash"),
    # model@provider, split at the last '@'; else the '@' is the id's
    ("claude-sonnet-4-5@google-vertex", "google-vertex", "claude-sonnet-4-5"),
    ("claude-sonnet-4-5@Google_Vertex", "google-vertex", "claude-sonnet-4-5"),
    ("gpt-4o @ openai", "openai", "gpt-4o"),
    ("a@b@openai", "openai", "a@b"),
    (
        "anthropic.claude-opus-4-1-20250805-v1:0@amazon-bedrock",
        "amazon-bedrock",
        "anthropic.claude-opus-4-1-20250805-v1:0",
    ),
    ("claude-sonnet-4-5@20250929", None, "claude-sonnet-4-5@20250929"),
    # a whole text that is an id (or an id behind an accepted prefix) is a bare id
    ("openai/gpt-oss-120b:free", None, "openai/gpt-oss-120b:free"),
    (
        "us.anthropic.claude-opus-4-1-20250805-v1:0",
        None,
        "us.anthropic.claude-opus-4-1-20250805-v1:0",
    ),
    ("gpt-4o", None, "gpt-4o"),
    # LiteLLM's provider/model, when the head names a provider and the text is no id
    ("vertex_ai/gemini-2.5-pro", "google-vertex", "gemini-2.5-pro"),
    ("gemini/gemini-2.5-flash", "google", "gemini-2.5-flash"),
    ("openrouter/anthropic/claude-3-haiku", "openrouter", "anthropic/claude-3-haiku"),
    (
        "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
        "amazon-bedrock",
        "anthropic.claude-3-haiku-20240307-v1:0",
    ),
    ("openai/gpt-4o", None, "openai/gpt-4o"),  # an id at openrouter: bare
    # tuples and models
    (("openai", "gpt-4o"), "openai", "gpt-4o"),
    (("Google_Vertex", " gemini-2.5-pro "), "google-vertex", "gemini-2.5-pro"),
    (("vertex_ai", "gemini-2.5-pro"), "google-vertex", "gemini-2.5-pro"),
]


@pytest.mark.parametrize(("spec", "provider", "model_id"), PARSES, ids=[str(p[0]) for p in PARSES])
def test_parse_spec(dex: ModuleType, spec: object, provider: str | None, model_id: str) -> None:
    assert dex.parse_spec(spec) == ModelSpec(provider=provider, id=model_id)


def test_a_model_and_a_provider_member_parse_as_themselves(dex: ModuleType) -> None:
    model = dex.find("openai:gpt-4o")
    assert dex.parse_spec(model) == ModelSpec(provider="openai", id="gpt-4o")
    assert dex.parse_spec((dex.Provider.OPENAI, "gpt-4o")) == ModelSpec(
        provider="openai", id="gpt-4o"
    )


ERRORS: list[tuple[object, str]] = [
    ("", "empty"),
    ("   ", "empty"),
    ("openai:", "empty_segment"),
    ("openai:   ", "empty_segment"),
    (":gpt-4o", "empty_segment"),
    ("@openai", "empty_segment"),
    ("gpt-4@", "empty_segment"),
    (("openai", ""), "empty_segment"),
    (("", "gpt-4o"), "empty_segment"),
    ("opnai:gpt-4o", "unknown_provider"),
    (("opnai", "gpt-4o"), "unknown_provider"),
    ("openai:gpt\t4o", "invalid_format"),
    ("openai:gpt-4o\x00", "invalid_format"),
    ("x" * 513, "invalid_format"),
    (("openai",), "invalid_format"),
    (("openai", "gpt-4o", "x"), "invalid_format"),
    (("openai", 4), "invalid_format"),
    (42, "invalid_format"),
    (None, "invalid_format"),
    (b"openai:gpt-4o", "invalid_format"),
    (["openai", "gpt-4o"], "invalid_format"),
]


@pytest.mark.parametrize(("spec", "code"), ERRORS, ids=[repr(e[0])[:30] for e in ERRORS])
def test_malformed_specs_raise_with_a_code(dex: ModuleType, spec: object, code: str) -> None:
    with pytest.raises(InvalidSpecError) as caught:
        dex.find(spec)
    assert caught.value.code == code


def test_an_unknown_provider_suggests_close_ones(dex: ModuleType) -> None:
    with pytest.raises(InvalidSpecError) as caught:
        dex.find("opnai:gpt-4o")
    assert caught.value.suggestions == ("openai",)
    assert "Did you mean: openai?" in str(caught.value)


def test_a_huge_spec_is_refused_fast_and_not_echoed(dex: ModuleType) -> None:
    with pytest.raises(InvalidSpecError) as caught:
        dex.find("x" * 1_000_000)
    assert len(str(caught.value)) < 400 and "1000000 characters" in str(caught.value)
