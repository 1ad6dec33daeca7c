"""Rules that could change a price fire only where they cannot, on a series of our own.

The series (two payloads): OpenAI lists ``gpt-3.5-turbo`` and, in the first payload only,
``gpt-old``; Azure lists ``gpt-3.5-turbo-0125`` at OpenAI's price for ``gpt-3.5-turbo`` and the
older snapshots ``-0613`` and ``-1106`` at prices of their own, as Azure's price list does; a
router lists ``openai/gpt-old`` and a snapshot ``openai/gpt-3.5-turbo-0301`` at its own markup,
with no ``gpt-3.5-turbo`` at OpenAI's price beside it. OpenAI makes ``gpt-*`` (the fixture's
first-party table). Mistral prices two releases of ``mistral-small`` apart and two of
``mistral-large`` alike, as its price list did; the router lists one ``mistral-small``, and
two OpenAI models OpenAI does not list: a closed ``openai/gpt-image-x`` and an open-weights
``openai/gpt-oss-x``. Mistral serves open weights ``open-mistral-x``, ``-y`` and ``-z``, which
the router lists under its own ids (``mistralai/open-mistral-x``), ``-y`` at Mistral's price
and the others at its own, and a host lists ``mistralai/open-mistral-x`` at a third price.
Azure lists ``gpt-chat`` and ``gpt-tuned`` with no dated release; the router lists
``openai/gpt-tuned`` at Azure's price and ``openai/gpt-tuned-latest`` at another.
"""

from __future__ import annotations

import json
from types import ModuleType

import pytest

from llmdex.resolution.result import Rule
from tests.fixture_catalog import model, provider
from tests.history_series import DATES, build


def _cost(inp: float, out: float) -> dict[str, float]:
    return {"input": inp, "output": out}


def _series() -> list[dict[str, object]]:
    first = {
        "openai": provider(
            "openai",
            model("gpt-3.5-turbo", release_date="2023-03-01", cost=_cost(0.5, 1.5)),
            model("gpt-old", cost=_cost(2, 4)),
            model("gpt-new", release_date="2025-01-20", cost=_cost(1, 2)),
        ),
        "mistral": provider(
            "mistral",
            model("mistral-small-2409", release_date="2024-09-17", cost=_cost(0.2, 0.6)),
            model("mistral-small-2501", release_date="2025-01-30", cost=_cost(0.1, 0.3)),
            model("mistral-large-2407", release_date="2024-07-24", cost=_cost(2, 6)),
            model("mistral-large-2411", release_date="2024-11-18", cost=_cost(2, 6)),
            *(model(f"open-mistral-{x}", open_weights=True, cost=_cost(0.3, 0.9)) for x in "xyz"),
        ),
        "azure": provider(
            "azure",
            model("gpt-3.5-turbo-0125", release_date="2024-01-25", cost=_cost(0.5, 1.5)),
            model("gpt-3.5-turbo-0613", release_date="2023-06-13", cost=_cost(3, 4)),
            model("gpt-3.5-turbo-1106", release_date="2023-11-06", cost=_cost(1, 2)),
            model("gpt-old", cost=_cost(2, 4)),
            model("gpt-chat", cost=_cost(1.25, 10)),
            model("gpt-tuned", cost=_cost(1, 2)),
        ),
        "router": provider(
            "router",
            model("openai/gpt-old", cost=_cost(2.2, 4.4)),
            model("openai/gpt-3.5-turbo-0301", cost=_cost(0.6, 1.6)),
            model("mistralai/mistral-small-2501", release_date="2025-01-30", cost=_cost(0.1, 0.3)),
            model("openai/gpt-image-x", cost=_cost(5, 40)),
            model("openai/gpt-oss-x", open_weights=True, cost=_cost(0.1, 0.5)),
            model("openai/gpt-tuned", cost=_cost(1, 2)),
            model("openai/gpt-tuned-latest", cost=_cost(3, 4)),
            model("mistralai/open-mistral-x", open_weights=True, cost=_cost(0.1, 0.2)),
            model("mistralai/open-mistral-y", open_weights=True, cost=_cost(0.3, 0.9)),
            model("mistralai/open-mistral-z", open_weights=True, cost=_cost(0.1, 0.2)),
        ),
        "host": provider(
            "host", model("mistralai/open-mistral-x", open_weights=True, cost=_cost(0.2, 0.4))
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


@pytest.mark.parametrize("at", [None, DATES[1]])
@pytest.mark.parametrize("spec", ["mistral:mistral-small", "router:mistralai/mistral-small"])
def test_a_dated_familys_base_is_not_guessed_where_its_releases_are_priced_apart(
    dex: ModuleType, spec: str, at: str | None
) -> None:
    # The router lists one release, but Mistral's two prices show the bare name could mean
    # an older release at another price (Mistral's docs: mistral-small-latest is the newest).
    with pytest.raises(dex.AmbiguousModelError) as caught:
        dex.find(spec, at=at)
    assert "are priced differently, so a name without their date could mean any" in str(
        caught.value
    )
    assert dex.find("mistral:mistral-small-latest").id == "mistral-small-2501"


def test_a_dated_familys_base_priced_alike_means_its_newest_release(dex: ModuleType) -> None:
    resolution = dex.explain("mistral:mistral-large")
    assert (resolution.model.id, resolution.rules) == ("mistral-large-2411", (Rule.DATED_ALIAS,))


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("openai:gpt-new-0125", "openai:gpt-new"),  # 2025-01-25: after its release, known
        ("openai:gpt-new-0815", None),  # 2025-08-15: after the catalog's 2025-02-02
        ("openai:gpt-new-2025-06-01", None),
        ("openai:gpt-3.5-turbo-0901", "openai:gpt-3.5-turbo"),  # 2023-09-01
    ],
)
def test_a_snapshot_dated_after_the_catalog_is_not_priced_as_an_older_release(
    dex: ModuleType, spec: str, expected: str | None
) -> None:
    if expected is not None:
        assert dex.explain(spec).rules == (Rule.SNAPSHOT,)
        assert dex.find(spec).spec == expected
        return
    with pytest.raises(dex.ModelNotFoundError) as caught:
        dex.find(spec)
    assert "after the catalog's data of 2025-02-02: a regen from a newer payload" in str(
        caught.value
    )


@pytest.mark.parametrize("spec", ["gpt-image-x", "openai/gpt-image-x"])
def test_a_closed_model_its_maker_does_not_list_is_not_answered_by_a_reseller(
    dex: ModuleType, spec: str
) -> None:
    # The user named OpenAI's model (tts-1, whisper-1, dall-e-3 at Vercel or Poe): a
    # reseller's proxy of it has a price of its own.
    with pytest.raises(dex.AmbiguousModelError) as caught:
        dex.find(spec)
    assert caught.value.candidates == ("router:openai/gpt-image-x",)
    assert "openai makes it and lists no 'gpt-image-x'" in str(caught.value)
    assert dex.find("router:gpt-image-x").spec == "router:openai/gpt-image-x"
    assert dex.find(spec, prefer="router").spec == "router:openai/gpt-image-x"


def test_open_weights_its_maker_does_not_serve_are_found_at_their_host(dex: ModuleType) -> None:
    assert dex.find("gpt-oss-x").spec == "router:openai/gpt-oss-x"


def test_a_hosts_own_id_for_open_weights_is_not_priced_as_the_makers_api(
    dex: ModuleType,
) -> None:
    # groq's qwen/qwen3-32b is groq's deployment, priced otherwise than Alibaba's qwen3-32b.
    with pytest.raises(dex.AmbiguousModelError) as caught:
        dex.find("mistralai/open-mistral-x")
    assert caught.value.candidates == (
        "host:mistralai/open-mistral-x",
        "router:mistralai/open-mistral-x",
        "mistral:open-mistral-x",
    )
    assert "open weights: host, router list 'mistralai/open-mistral-x'" in str(caught.value)
    assert dex.find("mistralai/open-mistral-x", prefer="mistral").spec == "mistral:open-mistral-x"
    only = dex.explain("mistralai/open-mistral-z")  # one host lists it: the host's id
    assert (only.model.spec, only.rules) == (
        "router:mistralai/open-mistral-z",
        (Rule.EXACT, Rule.ONLY_PROVIDER),
    )
    alike = dex.explain("mistralai/open-mistral-y")  # priced as the maker's: the maker
    assert (alike.model.spec, alike.rules[-1]) == ("mistral:open-mistral-y", Rule.FIRST_PARTY)


def test_latest_at_a_provider_listing_one_release_is_that_release(dex: ModuleType) -> None:
    # LiteLLM's azure/gpt-5-chat-latest: Azure lists gpt-5-chat, and no dated release of it.
    resolution = dex.explain("azure:gpt-chat-latest")
    assert (resolution.model.spec, resolution.rules) == ("azure:gpt-chat", (Rule.SPELLING,))
    assert "lists 'gpt-chat' and no dated release of it" in resolution.steps[0]


def test_latest_priced_apart_from_its_base_elsewhere_is_refused(dex: ModuleType) -> None:
    with pytest.raises(dex.AmbiguousModelError) as caught:
        dex.find("azure:gpt-tuned-latest")
    assert caught.value.candidates == ("azure:gpt-tuned", "router:openai/gpt-tuned-latest")
