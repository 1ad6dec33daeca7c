"""Model and its values: built from models.dev objects and back, exact prices, identity."""

from __future__ import annotations

from decimal import Decimal

import pytest

from llmdex import Cost, Kind, Limit, Modalities, Model, PartialDate, ProviderInfo, Status
from llmdex.records.payload import parse, payload_fields
from llmdex.records.protocol import Protocol
from tests.fixture_catalog import RICH, provider


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


def test_from_dict_and_to_dict_round_trip_every_shape() -> None:
    built = Model.from_dict(RICH, provider="acme", kind=Kind.CHAT)
    assert built.to_dict() == RICH
    assert built.interleaved is not None and not isinstance(built.interleaved, bool)
    assert built.reasoning_options is not None
    assert built.reasoning_options[0].values == ("none", None, "high")
    assert built.cost is not None and built.cost.tiers is not None
    assert built.cost.tiers[0].tier.size == 200000
    assert built.knowledge == PartialDate(2024, 4)
    assert built.status is Status.BETA


def test_unknown_fields_are_kept_where_they_appeared() -> None:
    raw = {**RICH, "limit": {"context": 10, "output": 5, "burst": 7}}
    built = Model.from_dict(raw, provider="acme", kind=Kind.CHAT)
    assert built.extra == {"surcharge": {"per_request": 0.01}}
    assert built.limit.extra == {"burst": 7}
    assert built.to_dict() == raw


def test_renamed_and_derived_fields() -> None:
    raw = {k: v for k, v in provider("openai", npm="@ai-sdk/openai").items() if k != "models"}
    info = ProviderInfo.from_dict(raw, module="openai", protocol=Protocol.OPENAI_CHAT)
    assert info.display_name == "Openai" and info.module == "openai"
    assert info.to_dict() == raw  # derived fields are llmdex's, not the payload's
    keys = {f.name: f.key for f in payload_fields(Model)}
    assert keys["provider_override"] == "provider" and "kind" not in keys


@pytest.mark.parametrize(
    ("annotation", "shape"),
    [
        ("str", "scalar(str)"),
        ("Decimal | None", "decimal?"),
        ("tuple[str | None, ...] | None", "tuple[scalar(str)?]?"),
        ("bool | Interleaved | None", "union[scalar(bool), record(Interleaved)]?"),
        ("Mapping[str, Mode] | None", "mapping[record(Mode)]?"),
        ("Status | None", "enum(Status)?"),
    ],
)
def test_annotations_map_to_json_shapes(annotation: str, shape: str) -> None:
    from llmdex.records import model as models
    from llmdex.records import rates

    assert repr(parse(annotation, vars(models) | vars(rates))) == shape


def test_an_annotation_outside_the_vocabulary_is_refused() -> None:
    with pytest.raises(TypeError, match="cannot map the annotation 'set\\[str\\]' to JSON"):
        parse("set[str]", {})
