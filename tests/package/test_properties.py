"""Any input to the public lookups and to Usage gives a result or an llmdex error, never another.

Text is drawn to look like specs (providers, separators, ids of the fixture catalog, padding,
control characters), and objects from JSON-like values, so the search reaches deep paths.
"""

from __future__ import annotations

import contextlib
import os
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from llmdex import LlmdexError, Usage
from tests.conftest import fixture_dex

_WORDS = [
    "openai",
    "anthropic",
    "google",
    "acme",
    "azure",
    "amazon-bedrock",
    "openrouter",
    "gpt-4o",
    "claude-3-5-sonnet",
    "claude-sonnet-4-5",
    "rich-1",
    "gemini-2.5-flash",
    "latest",
    "2024-08-06",
    "us.",
    "anthropic.",
    "v1:0",
    "@",
    ":",
    "/",
    "-",
    ".",
    " ",
    "\t",
    "\n",
    "\x00",
    "\u2028",
    "é",
    "\uff27\uff30\uff34",
    "models/",
    "global.",
]
_SETTINGS = settings(
    max_examples=int(os.environ.get("LLMDEX_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
_specs = st.one_of(
    st.lists(st.sampled_from(_WORDS), max_size=8).map("".join),
    st.text(max_size=40),
    st.text(alphabet=st.sampled_from(list(":/@-._ aA0")), max_size=20),
)
_FIELDS = ["provider", "id", "name", "base_url", "env", "limit", "cost", "protocol", "x"]
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | _specs,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*_FIELDS, "context", "output", "input"]), inner, max_size=5
        )
    ),
    max_leaves=12,
)
_value = st.one_of(
    st.sampled_from(["http://127.0.0.1:8000/v1", "openai_chat", "bogus"]),
    _specs,
    st.integers(),
    st.none(),
    st.lists(_specs, max_size=2),
    _json,
)
_custom = st.fixed_dictionaries(
    {"provider": st.sampled_from(["openai", "local", "acme", ""]), "id": _specs},
    optional={name: _value for name in _FIELDS[2:-1]},
)
_anything = st.one_of(_specs, _json, _custom, st.builds(object), st.binary(max_size=10))


def _dex() -> ModuleType:
    return fixture_dex()


def _either(call: Any, *args: Any, **kwargs: Any) -> None:
    with contextlib.suppress(LlmdexError):
        call(*args, **kwargs)


@_SETTINGS
@given(spec=_anything, provider=st.none() | _specs, prefer=st.none() | st.lists(_specs, max_size=2))
def test_find_gives_a_model_or_an_llmdex_error(spec: Any, provider: Any, prefer: Any) -> None:
    _either(_dex().find, spec, provider, prefer=prefer)


@_SETTINGS
@given(spec=_anything)
def test_parse_spec_gives_a_spec_or_an_llmdex_error(spec: Any) -> None:
    _either(_dex().parse_spec, spec)


@_SETTINGS
@given(spec=_anything, base_url=st.none() | _specs, assume=st.booleans())
def test_resolve_gives_a_model_or_an_llmdex_error(spec: Any, base_url: Any, assume: bool) -> None:
    _either(_dex().resolve, spec, base_url=base_url, assume_exists=assume)


_USAGE_KEYS = st.sampled_from(
    [
        "prompt_tokens",
        "completion_tokens",
        "input_tokens",
        "output_tokens",
        "promptTokenCount",
        "candidatesTokenCount",
        "cache_read_input_tokens",
        "prompt_tokens_details",
        "cached_tokens",
        "usageMetadata",
        "usage",
        "promptTokensDetails",
        "modality",
        "tokenCount",
        "x",
    ]
)
_usage_json = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**31) | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_USAGE_KEYS, inner, max_size=5),
    max_leaves=15,
)


@_SETTINGS
@given(raw=_usage_json)
def test_usage_from_any_shape_gives_usage_or_an_llmdex_error(raw: Any) -> None:
    _either(Usage.from_dict, raw)


@_SETTINGS
@given(
    counts=st.dictionaries(
        st.sampled_from(["input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens"]),
        _json,
    )
)
def test_usage_from_any_counts_gives_usage_or_an_llmdex_error(counts: dict[str, Any]) -> None:
    try:
        usage = Usage(**counts)
    except LlmdexError:
        return
    _either(_dex().find("openai:gpt-4o").cost_of, usage)
