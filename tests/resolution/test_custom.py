"""Models the catalog does not list: described by the caller, or assumed to exist (on the
fixture catalog, tests/fixture_catalog.py)."""

from __future__ import annotations

import logging
from types import ModuleType

import pytest

from llmdex import CustomModel, InvalidModelError, Model, ModelNotFoundError


def test_assume_exists_gives_an_assumed_model_with_unknowns_as_none(
    dex: ModuleType,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="llmdex"):
        model = dex.resolve("anthropic:claude-9", assume_exists=True)
    assert isinstance(model, CustomModel)
    assert model.assumed and model.spec == "anthropic:claude-9"
    assert model.env == dex.Provider.ANTHROPIC.env
    assert model.base_url == dex.Provider.ANTHROPIC.base_url == "https://api.anthropic.com/v1"
    assert model.protocol is dex.Provider.ANTHROPIC.protocol
    assert model.limit is None and model.cost is None
    assert [r.levelname for r in caplog.records] == ["WARNING"]
    assert "anthropic:claude-9" in caplog.records[0].getMessage()


def test_assume_exists_still_returns_catalog_models(dex: ModuleType) -> None:
    assert dex.resolve("openai:gpt-4o", assume_exists=True) is dex.find("openai:gpt-4o")


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
            {
                "provider": "p",
                "id": "m",
                "base_url": "http://x",
                "cost": {"input": "abc", "output": 1},
            },
            {},
            InvalidModelError,
            "numbers",
        ),
        (
            {"provider": "p", "id": "m", "base_url": "http://x", "cost": {"input": 1}},
            {},
            InvalidModelError,
            "needs at least 'input' and 'output'",
        ),
        (
            {
                "provider": "p",
                "id": "m",
                "base_url": "http://x",
                "cost": {"input": -1, "output": 1},
            },
            {},
            InvalidModelError,
            "negative",
        ),
    ],
)
def test_custom_model_errors_name_the_field(
    dex: ModuleType, spec: object, kwargs: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        dex.resolve(spec, **kwargs)  # type: ignore[arg-type]


def test_a_dict_naming_a_catalog_model_is_that_model(dex: ModuleType) -> None:
    assert dex.resolve({"provider": "OpenAI", "id": "gpt-4o"}) is dex.find("openai:gpt-4o")


def test_a_negotiated_price_overrides_the_catalog(dex: ModuleType) -> None:
    model = dex.resolve({"provider": "openai", "id": "gpt-4o", "cost": {"input": 1, "output": 4}})
    assert isinstance(model, Model)
    assert (str(model.cost.input), str(model.cost.output)) == ("1", "4")  # type: ignore[union-attr]
    assert model.limit == dex.find("openai:gpt-4o").limit
    gpt_4o = dex.find("openai:gpt-4o")
    assert gpt_4o.cost is not None and str(gpt_4o.cost.input) == "2.5"


def test_a_custom_model_at_a_base_url(dex: ModuleType) -> None:
    model = dex.resolve(
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


def test_a_new_model_of_a_known_provider_takes_its_defaults(dex: ModuleType) -> None:
    model = dex.resolve({"provider": "anthropic", "id": "claude-next"})
    assert isinstance(model, CustomModel)
    assert model.env == dex.Provider.ANTHROPIC.env and not model.assumed
