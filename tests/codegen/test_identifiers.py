"""The naming rule of codegen/identifiers.py, one case per clause."""

from __future__ import annotations

import pytest

from codegen.identifiers import assign, model_constant, provider_member, provider_module


@pytest.mark.parametrize(
    ("model_id", "name"),
    [
        ("gpt-4o", "GPT_4O"),
        ("claude-sonnet-4-5@20250929", "CLAUDE_SONNET_4_5_20250929"),
        ("@cf/meta/llama-3.1-8b", "CF_META_LLAMA_3_1_8B"),
        ("openai/gpt-oss-120b:free", "OPENAI_GPT_OSS_120B_FREE"),
        ("o1", "O1"),
        ("4o-mini", "M_4O_MINI"),
        ("class", "CLASS"),
        ("---", "M"),
        ("模型", "M"),
    ],
)
def test_model_constant(model_id: str, name: str) -> None:
    assert model_constant(model_id) == name


@pytest.mark.parametrize(
    ("provider_id", "member", "module"),
    [
        ("openai", "OPENAI", "openai"),
        ("google-vertex", "GOOGLE_VERTEX", "google_vertex"),
        ("302ai", "P_302AI", "p_302ai"),
        ("wafer.ai", "WAFER_AI", "wafer_ai"),
        ("import", "IMPORT", "import_"),
        ("con", "CON", "con_"),
    ],
)
def test_provider_names(provider_id: str, member: str, module: str) -> None:
    assert provider_member(provider_id) == member
    assert provider_module(provider_id) == module


def test_collisions_are_suffixed_in_code_point_order() -> None:
    names = assign(["gpt.4o", "gpt-4o", "GPT-4O"], model_constant)
    assert names == {"GPT-4O": "GPT_4O", "gpt-4o": "GPT_4O_2", "gpt.4o": "GPT_4O_3"}


def test_a_suffix_never_takes_a_natural_name() -> None:
    names = assign(["a-1", "a.1", "a_1_2"], model_constant)
    assert names == {"a-1": "A_1", "a.1": "A_1_3", "a_1_2": "A_1_2"}


def test_a_name_given_stays_with_its_id() -> None:
    # Rule 5: the squatter sorts first by code point, but gpt-4o was named before it.
    given = {"gpt-4o": "GPT_4O"}
    assert assign(["GPT-4O", "gpt-4o"], model_constant, given) == {
        "GPT-4O": "GPT_4O_2",
        "gpt-4o": "GPT_4O",
    }


def test_a_retired_id_keeps_its_name_from_newcomers() -> None:
    given = {"o1-mini": "O1_MINI", "o1": "O1"}  # o1-mini is no longer listed
    assert assign(["o1", "O1-MINI"], model_constant, given) == {"o1": "O1", "O1-MINI": "O1_MINI_2"}


def test_names_do_not_move_when_an_older_id_leaves() -> None:
    first = assign(["a-b", "a.b"], model_constant)
    assert first == {"a-b": "A_B", "a.b": "A_B_2"}
    assert assign(["a.b"], model_constant, first) == {"a.b": "A_B_2"}
