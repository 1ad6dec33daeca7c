"""The committed catalog: lazy imports, identity, lookups and their errors."""

from __future__ import annotations

import pytest

import llmdex
from llmdex import AmbiguousModelError, InvalidSpecError, ModelNotFoundError, Provider
from llmdex.models.openai import GPT_4O
from tests.conftest import ROOT, run_with_catalog


def test_import_llmdex_imports_no_provider_module() -> None:
    result = run_with_catalog(
        ROOT / "generated",
        "import sys, llmdex\n"
        "print(sorted(m for m in sys.modules if m.startswith('llmdex.models.')))\n"
        "llmdex.find('openai:gpt-4o')\n"
        "print(sorted(m for m in sys.modules if m.startswith('llmdex.models.')))\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "['llmdex.models.openai']"]


def test_find_returns_the_constant_itself() -> None:
    assert llmdex.find("openai:gpt-4o") is GPT_4O
    assert llmdex.find("gpt-4o", provider="openai") is GPT_4O
    assert llmdex.find("gpt-4o", provider=Provider.OPENAI) is GPT_4O
    assert llmdex.find(GPT_4O) is GPT_4O


def test_the_id_may_hold_more_colons() -> None:
    assert llmdex.find("openrouter:openai/gpt-oss-120b:free").id == "openai/gpt-oss-120b:free"


@pytest.mark.parametrize("provider", ["OpenAI", " openai ", "OPENAI"])
def test_provider_ids_ignore_case_and_space(provider: str) -> None:
    assert llmdex.find("gpt-4o", provider=provider) is GPT_4O


def test_provider_ids_treat_dash_and_underscore_alike() -> None:
    assert llmdex.find("google_vertex:gemini-2.5-pro").provider == "google-vertex"


def test_provider_members_carry_the_provider_facts() -> None:
    assert Provider.OPENAI == "openai"
    assert Provider.OPENAI.env == ("OPENAI_API_KEY",)
    assert Provider.OPENAI.display_name == "OpenAI"
    assert GPT_4O.provider is Provider.OPENAI
    assert Provider.P_302AI.module == "p_302ai"


def test_a_typo_suggests_close_specs() -> None:
    with pytest.raises(ModelNotFoundError) as caught:
        llmdex.find("openai:gpt-4oo")
    assert caught.value.suggestions[0] == "openai:gpt-4o"
    assert "Did you mean: openai:gpt-4o" in str(caught.value)


def test_an_unknown_provider_is_a_spec_error() -> None:
    with pytest.raises(InvalidSpecError) as caught:
        llmdex.find("opnai:gpt-4o")
    assert caught.value.code == "unknown_provider"
    assert "openai" in str(caught.value)


def test_a_bare_id_served_by_one_provider_is_found() -> None:
    assert llmdex.find("gpt-4o-2024-05-13").spec == "openai:gpt-4o-2024-05-13"


def test_a_bare_id_served_by_several_without_its_maker_is_ambiguous() -> None:
    with pytest.raises(AmbiguousModelError) as caught:
        llmdex.find("deepseek-r1")
    assert "azure:deepseek-r1" in caught.value.candidates


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        ("", "empty"),
        ("  ", "empty"),
        ("openai:", "empty_segment"),
        (":gpt-4o", "empty_segment"),
        (42, "invalid_format"),
    ],
)
def test_malformed_specs(spec: object, code: str) -> None:
    with pytest.raises(InvalidSpecError) as caught:
        llmdex.find(spec)  # type: ignore[arg-type]
    assert caught.value.code == code


def test_counts_match_the_lock() -> None:
    import json

    lock = json.loads((ROOT / "data_sources" / "models_dev.lock.json").read_text())
    assert (lock["providers"], lock["models"]) == (llmdex.PROVIDER_COUNT, llmdex.MODEL_COUNT)
    assert len(Provider) == lock["providers"]
    assert sum(1 for _ in llmdex.all_models()) == lock["models"]
