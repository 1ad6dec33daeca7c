"""Every public function given a wrong-typed or impossible argument names that argument.

The property: whatever value a caller passes, the call succeeds, or raises an llmdex error
or a ``TypeError`` whose message names the parameter, never a crash from deep inside
(``decimal.InvalidOperation``, ``AttributeError``) and never a silently odd answer.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmdex import InvalidArgumentError, InvalidDateError, LlmdexError
from tests.conftest import fixture_dex

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.binary(max_size=6),
    st.lists(st.one_of(st.text(max_size=6), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.dates(),
    st.just(object()),
)
"""Values of every type a caller might pass by mistake."""

USAGE = {"prompt_tokens": 10, "completion_tokens": 5}
WHERE = [
    "provider",
    "family",
    "kind",
    "vision",
    "tools",
    "reasoning",
    "structured_output",
    "attachments",
    "open_weights",
    "input_modality",
    "output_modality",
    "min_context",
    "max_input_price",
    "max_output_price",
    "status",
    "released_after",
    "released_before",
    "deprecated",
    "retired",
]


def _where(dex: Any, name: str, value: Any) -> Any:
    return list(dex.catalog().where(**{name: value})[:1])


def _sync(dex: Any, url: Any) -> Any:
    import importlib

    return importlib.import_module(f"{dex.__name__}.db").sync(url, dry_run=True)


def _calls(dex: Any) -> dict[str, Any]:
    # One call per (function, parameter): the value goes into that parameter alone.
    calls: dict[str, Any] = {
        f"where.{name}": functools.partial(_where, dex, name) for name in WHERE
    }
    calls.update(
        {
            "sort.by": lambda v: dex.catalog().sort(v),
            "sort.reverse": lambda v: dex.catalog().sort("context", reverse=v),
            "find.spec": dex.find,
            "find.provider": lambda v: dex.find("gpt-4o", v),
            "find.prefer": lambda v: dex.find("llama-3.1-8b", prefer=v),
            "find.at": lambda v: dex.find("openai:gpt-4o", at=v),
            "catalog.at": lambda v: dex.catalog(at=v),
            "models_of.provider": dex.models_of,
            "explain.spec": dex.explain,
            "compare.specs": dex.compare,
            "cost_of.usage": lambda v: dex.find("openai:gpt-4o").cost_of(v),
            "cost_of.mode": lambda v: dex.find("openai:gpt-4o").cost_of(USAGE, mode=v),
            "history.spec": dex.history,
            "provenance.spec": dex.provenance,
            "resolve.spec": dex.resolve,
            "resolve.base_url": lambda v: dex.resolve("openai:gpt-4o", base_url=v),
            "Client.api_keys": lambda v: dex.Client(api_keys=v),
            "Client.policy": lambda v: dex.Client(policy=v),
            "Client.allow_insecure_http": lambda v: dex.Client(allow_insecure_http=v),
            "sync.url": lambda v: _sync(dex, v),
        }
    )
    return calls


CALLS = sorted(_calls(fixture_dex()))
SUBJECTS = {"spec", "specs", "usage", "url"}
"""Parameters that are what the call is about: their errors quote the value refused."""


@pytest.mark.parametrize("call", CALLS)
@settings(max_examples=60, deadline=None)
@given(value=ANYTHING)
def test_a_wrong_argument_raises_an_error_naming_it(call: str, value: Any) -> None:
    parameter = call.partition(".")[2]
    try:
        _calls(fixture_dex())[call](value)
    except InvalidArgumentError as exc:
        assert exc.parameter == parameter and f"{parameter}=" in str(exc)
    except LookupError:
        pass  # an answer (no such model that day, no price), not a refused argument
    except LlmdexError as exc:
        # A spec or a usage is the input itself: its errors quote the value they refuse.
        named = parameter in SUBJECTS or parameter in str(exc)
        assert named, f"{call}({value!r}) raised {type(exc).__name__}: {exc}"
    except TypeError as exc:
        assert parameter in str(exc), f"{call}({value!r}) raised TypeError: {exc}"


@pytest.mark.parametrize(
    ("keywords", "message"),
    [
        ({"max_input_price": "x"}, "where(max_input_price='x'): give a price in USD per 1M"),
        ({"min_context": "x"}, "where(min_context='x'): give a whole number of tokens"),
        ({"min_context": True}, "where(min_context=True): give a whole number of tokens"),
        ({"kind": "chatt"}, "where(kind='chatt'): choose one of chat, embedding"),
        ({"status": "gone"}, "where(status='gone'): choose one of ga, alpha, beta"),
        ({"vision": "no"}, "where(vision='no'): give True or False"),
        ({"released_after": "2025-02-30"}, "where(released_after='2025-02-30'): give a calendar"),
        ({"provider": "nosuchprov"}, "where(provider='nosuchprov'): no such provider"),
    ],
)
def test_where_names_the_bad_filter(keywords: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        fixture_dex().catalog().where(**keywords)
    assert str(caught.value).startswith(message)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, TypeError)


def test_one_provider_to_prefer_may_be_a_plain_string() -> None:
    dex = fixture_dex()
    one = dex.find("llama-3.1-8b", prefer="novita-ai")
    assert one == dex.find("llama-3.1-8b", prefer=["novita-ai"]) and one.provider == "novita-ai"
    with pytest.raises(InvalidArgumentError, match=r"find\(prefer='opnai'\): no such provider"):
        dex.find("llama-3.1-8b", prefer=["opnai"])


@pytest.mark.parametrize("day", ["2025-09-31", "2025-02-29", "2025-13-01", "2025-09", "25-09-01"])
def test_an_impossible_or_partial_day_is_refused(day: str) -> None:
    with pytest.raises(InvalidDateError, match=rf"find\(at='{day}'\): expected a calendar day"):
        fixture_dex().find("openai:gpt-4o", at=day)


def test_a_date_or_datetime_is_a_day() -> None:
    dex = fixture_dex()
    day = datetime.date(2026, 1, 15)
    moment = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC)
    try:
        assert dex.find("openai:gpt-4o", at=day) == dex.find("openai:gpt-4o", at=moment)
    except LlmdexError as exc:  # a fixture catalog without that day in its history
        assert "at=" not in str(exc)
