"""Other spellings of an id (rule ``spelling``), from the providers' own id conventions.

Bedrock ids carry a ``vendor.`` and a ``-v1:0`` tag (AWS's model ids table); OpenRouter writes
version digits with a dot (``anthropic/claude-opus-4.5``) where other libraries write a dash;
Vertex's Model-as-a-Service ids end ``-maas``; Google serves a stable ``-001`` of a model;
xAI dates its ids inside (``grok-4.20-0309-reasoning``); OpenRouter's canonical slugs put the
version before the name (``claude-4.5-sonnet-20250929``), Anthropic's ids after it.
"""

from __future__ import annotations

from types import ModuleType

import pytest

from llmdex.resolution.spellings import spellings, untagged, version_moved
from tests.fixture_catalog import model, provider
from tests.history_series import build


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("anthropic.claude-sonnet-4-6-v1", "anthropic.claude-sonnet-4-6"),
        ("anthropic.claude-haiku-4-5-20251001-v1:0", "anthropic.claude-haiku-4-5-20251001"),
        ("gemini-2.0-flash-001", "gemini-2.0-flash"),
        ("claude-3-5-haiku@001", "claude-3-5-haiku"),
        # A version is not a tag: these name other models than what is left.
        ("amazon.titan-embed-text-v2:0", None),
        ("deepseek-v3", None),
        ("cogito-v2-1-671b", None),
        ("gemini-2.0-flash-010", None),
        ("deepseek-ai/deepseek-v3.1-maas", None),  # Vertex's own listing, kept as named
    ],
)
def test_a_version_tag_is_taken_off_only_where_it_names_the_same_model(
    name: str, bare: str | None
) -> None:
    assert untagged(name) == bare


@pytest.mark.parametrize(
    ("model_id", "spelt", "never"),
    [
        (
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            {"claude-haiku-4-5-20251001", "anthropic.claude-haiku-4-5-20251001"},
            set(),
        ),
        ("anthropic/claude-opus-4.5", {"claude-opus-4-5", "anthropic/claude-opus-4-5"}, set()),
        ("deepseek-ai/deepseek-v3.1-maas", {"deepseek-v3.1", "deepseek-ai/deepseek-v3.1"}, set()),
        ("grok-4.20-0309-reasoning", {"grok-4.20-reasoning"}, set()),
        # A version's dot is no vendor's: gpt-4.1 is never "1"; qwen2.5 never "5-72b".
        ("gpt-4.1", {"gpt-4-1"}, {"1"}),
        ("qwen2.5-72b-instruct", {"qwen2-5-72b-instruct"}, {"5-72b-instruct"}),
    ],
)
def test_an_id_is_spelt_as_other_libraries_write_it(
    model_id: str, spelt: set[str], never: set[str]
) -> None:
    found = spellings(model_id)
    assert spelt <= found
    assert not never & found


def _cost(inp: float, out: float) -> dict[str, float]:
    return {"input": inp, "output": out}


@pytest.fixture(scope="module")
def dex(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    payload = {
        "amazon-bedrock": provider(
            "amazon-bedrock",
            model("anthropic.claude-haiku-4-5-20251001-v1:0", cost=_cost(1, 5)),
            model("us.anthropic.claude-haiku-4-5-20251001-v1:0", cost=_cost(1.1, 5.5)),
            model("anthropic.claude-sonnet-4-6", cost=_cost(3, 15)),
            model("amazon.titan-embed-text-v1", cost=_cost(0.1, 0)),
            model("amazon.titan-embed-text-v2:0", cost=_cost(0.02, 0)),
        ),
        "openrouter": provider("openrouter", model("anthropic/claude-opus-4.5", cost=_cost(5, 25))),
        "google-vertex": provider(
            "google-vertex", model("deepseek-ai/deepseek-v3.1-maas", cost=_cost(0.6, 1.7))
        ),
        "google": provider("google", model("gemini-2.0-flash", cost=_cost(0.1, 0.4))),
        "xai": provider(
            "xai",
            model("grok-4.20-0309-reasoning", cost=_cost(2, 6)),
            model("grok-4.20-0309-non-reasoning", cost=_cost(2, 6)),
            model("grok-4-fast-0101-mini", cost=_cost(1, 1)),
            model("grok-4-fast-0202-mini", cost=_cost(2, 2)),
        ),
    }
    return build(tmp_path_factory.mktemp("spellings"), [payload])[0]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        # Bedrock: the vendor and the version tag left out, or a tag the id does not have.
        ("amazon-bedrock:claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0"),
        ("amazon-bedrock:claude-haiku-4-5-20251001", "anthropic.claude-haiku-4-5-20251001-v1:0"),
        ("amazon-bedrock:anthropic.claude-sonnet-4-6-v1", "anthropic.claude-sonnet-4-6"),
        ("amazon-bedrock:anthropic.claude-sonnet-4-6-v1:0", "anthropic.claude-sonnet-4-6"),
        ("amazon-bedrock:amazon.titan-embed-text", "amazon.titan-embed-text-v1"),
        # OpenRouter: a dash for the dot between version digits, with or without the vendor.
        ("openrouter:claude-opus-4-5", "anthropic/claude-opus-4.5"),
        ("openrouter:anthropic/claude-opus-4-5", "anthropic/claude-opus-4.5"),
        # Vertex: Model-as-a-Service ids without -maas.
        ("google-vertex:deepseek-v3.1", "deepseek-ai/deepseek-v3.1-maas"),
        # Google: the stable -001 of a model it lists.
        ("google:gemini-2.0-flash-001", "gemini-2.0-flash"),
        # xAI: the date inside the id left out.
        ("xai:grok-4.20-reasoning", "grok-4.20-0309-reasoning"),
        ("xai:grok-4.20-non-reasoning", "grok-4.20-0309-non-reasoning"),
    ],
)
def test_a_spelling_reaches_the_one_model_it_names(
    dex: ModuleType, spec: str, expected: str
) -> None:
    resolution = dex.explain(spec)
    assert resolution.model.id == expected
    assert dex.Rule.SPELLING in resolution.rules


@pytest.mark.parametrize(
    "spec",
    [
        "xai:grok-4-fast-mini",  # two releases, two prices: never one of them guessed
        "amazon-bedrock:amazon.titan-embed-text-v2",  # v2 is no tag: v2:0 is not spelt so
        "google-vertex:deepseek-v3.1-maas-v1",  # only an id listed as such loses a tag
    ],
)
def test_a_spelling_two_models_share_or_none_has_is_not_found(dex: ModuleType, spec: str) -> None:
    with pytest.raises(dex.ModelNotFoundError):
        dex.find(spec)


def test_a_regional_id_leaves_the_spelling_to_the_id_it_is_a_region_of(dex: ModuleType) -> None:
    assert dex.find("amazon-bedrock:claude-haiku-4-5").cost.input == 1


@pytest.mark.parametrize(
    ("name", "moved"),
    [
        (
            "anthropic/claude-4.5-sonnet-20250929",
            ["anthropic/claude-sonnet-4.5-20250929", "anthropic/claude-sonnet-4-5-20250929"],
        ),
        ("claude-4-sonnet", ["claude-sonnet-4"]),
        ("claude-4-5-haiku", ["claude-haiku-4-5"]),  # a dashed version moves whole
        ("claude-sonnet-4-5", []),  # already after the name
        ("qwen2.5-72b", []),
        ("a-20250929-b", []),  # a date is not a version
        ("1.1-a-" * 20, []),  # no id is this long: not tried over again
    ],
)
def test_a_version_before_the_name_is_moved_after_it(name: str, moved: list[str]) -> None:
    assert version_moved(name) == moved
