"""Model and its values: exact prices, faithful to_dict, identity, hashing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from llmdex_runtime import Cost, Kind, Limit, Modalities, Model, PartialDate, Status


def _model(**fields: object) -> Model:
    base: dict[str, object] = {
        "provider": "acme",
        "id": "m-1",
        "name": "M 1",
        "kind": Kind.CHAT,
        "attachment": False,
        "reasoning": False,
        "tool_call": True,
        "open_weights": False,
        "release_date": PartialDate(2025, 1, 15),
        "last_updated": PartialDate(2025, 2),
        "modalities": Modalities(input=("text", "image"), output=("text",)),
        "limit": Limit(context=1000, output=100),
    }
    base.update(fields)
    return Model(**base)  # type: ignore[arg-type]


def test_spec_and_flags() -> None:
    model = _model(status=Status.DEPRECATED)
    assert model.spec == "acme:m-1"
    assert model.is_deprecated
    assert model.supports_vision


def test_prices_are_exact_decimals_and_json_numbers_keep_their_type() -> None:
    cost = Cost(input=Decimal("0.15"), output=Decimal("3"), cache_read=Decimal("3.0"))
    assert cost.input * 1_000_000 == Decimal("150000.00")
    assert cost.to_dict() == {"input": 0.15, "output": 3, "cache_read": 3.0}
    assert isinstance(cost.to_dict()["output"], int)
    assert isinstance(cost.to_dict()["cache_read"], float)


def test_to_dict_leaves_out_what_the_payload_left_out() -> None:
    out = _model().to_dict()
    for absent in ("family", "knowledge", "cost", "status", "temperature", "provider"):
        assert absent not in out
    assert out["last_updated"] == "2025-02"


def test_unknown_fields_come_back_from_extra() -> None:
    assert _model(extra={"new_field": [1, 2]}).to_dict()["new_field"] == [1, 2]


def test_models_are_frozen_and_hash_by_spec() -> None:
    model = _model()
    with pytest.raises(AttributeError):
        model.id = "other"  # type: ignore[misc]
    assert hash(model) == hash(("acme", "m-1"))
    assert model == _model()
    assert model != _model(name="Other")
    assert len({model, _model()}) == 1


def test_repr_is_short() -> None:
    assert repr(_model()) == "Model('acme:m-1', name='M 1')"
