"""Rules that could change a price fire only where they cannot, on a series of our own.

The series (two payloads): OpenAI lists ``gpt-3.5-turbo`` and, in the first payload only,
``gpt-old``; Azure lists ``gpt-3.5-turbo-0125`` at OpenAI's price for ``gpt-3.5-turbo`` and the
older snapshots ``-0613`` and ``-1106`` at prices of their own, as Azure's price list does; a
router lists ``openai/gpt-old`` and a snapshot ``openai/gpt-3.5-turbo-0301`` at its own markup,
with no ``gpt-3.5-turbo`` at OpenAI's price beside it. OpenAI makes ``gpt-*`` (the fixture's
first-party table).
"""

from __future__ import annotations

import json
from types import ModuleType

import pytest

from tests.fixture_catalog import model, provider
from tests.history_series import DATES, build


def _cost(inp: float, out: float) -> dict[str, float]:
    return {"input": inp, "output": out}


def _series() -> list[dict[str, object]]:
    first = {
        "openai": provider(
            "openai",
            model("gpt-3.5-turbo", cost=_cost(0.5, 1.5)),
            model("gpt-old", cost=_cost(2, 4)),
        ),
        "azure": provider(
            "azure",
            model("gpt-3.5-turbo-0125", release_date="2024-01-25", cost=_cost(0.5, 1.5)),
            model("gpt-3.5-turbo-0613", release_date="2023-06-13", cost=_cost(3, 4)),
            model("gpt-3.5-turbo-1106", release_date="2023-11-06", cost=_cost(1, 2)),
            model("gpt-old", cost=_cost(2, 4)),
        ),
        "router": provider(
            "router",
            model("openai/gpt-old", cost=_cost(2.2, 4.4)),
            model("openai/gpt-3.5-turbo-0301", cost=_cost(0.6, 1.6)),
        ),
    }
    second = json.loads(json.dumps(first))
    del second["openai"]["models"]["gpt-old"]
    return [first, second]


@pytest.fixture(scope="module")
def dex(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return build(tmp_path_factory.mktemp("price_safe"), _series())[0]


@pytest.mark.parametrize("spec", ["gpt-3.5-turbo-0613", "openai:gpt-3.5-turbo-0613"])
def test_a_snapshot_priced_otherwise_elsewhere_is_refused_not_priced_as_the_model(
    dex: ModuleType, spec: str
) -> None:
    with pytest.raises(dex.AmbiguousModelError) as caught:
        dex.find(spec)
    assert caught.value.candidates == ("openai:gpt-3.5-turbo", "azure:gpt-3.5-turbo-0613")
    assert "azure prices gpt-3.5-turbo-0613 otherwise than gpt-3.5-turbo-0125" in str(caught.value)
    assert dex.find("azure:gpt-3.5-turbo-0613").cost.input == 3  # named, it is found


def test_a_snapshot_a_reseller_prices_its_own_way_shows_nothing(dex: ModuleType) -> None:
    # The router's prices are its own (no gpt-3.5-turbo at OpenAI's price beside them).
    resolution = dex.explain("openai:gpt-3.5-turbo-0301")
    assert resolution.model.spec == "openai:gpt-3.5-turbo"
    assert "assumed priced as it" in resolution.steps[0]


@pytest.mark.parametrize("spec", ["gpt-old", "openai/gpt-old"])
def test_an_id_its_maker_retired_is_not_answered_by_a_reseller(dex: ModuleType, spec: str) -> None:
    with pytest.raises(dex.ModelRetiredError) as caught:
        dex.find(spec)
    error = caught.value
    assert (error.spec, error.last_seen) == ("openai:gpt-old", DATES[0])
    assert set(error.listed_by) >= {"router:openai/gpt-old"}
    assert "Name one of those as provider:id, or pass prefer=[...]." in str(error)
    assert "give --prefer" in error.cli


def test_a_reseller_asked_for_by_prefer_or_by_name_still_answers(dex: ModuleType) -> None:
    assert dex.find("gpt-old", prefer="azure").spec == "azure:gpt-old"
    assert dex.find("azure:gpt-old").spec == "azure:gpt-old"
    assert dex.find("router:openai/gpt-old").spec == "router:openai/gpt-old"
