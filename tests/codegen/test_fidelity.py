"""Every provider and model of every shared payload survives what regen does to it, exactly.

Regen builds each record with the runtime's ``from_dict``, writes it as source with the one
generic writer, and the generated module rebuilds it; here the same path runs in-process,
without formatting or files, for each of the four dated payloads (no patches). The regen of
the locked payload in test_determinism.py checks the emitted files end to end.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from codegen.literals import Writer
from codegen.shared import SHARED
from llmdex.records import model as runtime
from llmdex.records import partial_date as dates
from llmdex.records import protocol, rates
from llmdex.records import vocabulary as enums
from llmdex.records.model import Model, ProviderInfo
from tests.conftest import PAYLOAD_DATES, shared_payload

_NAMESPACE = {
    **{name: getattr(runtime, name) for name in runtime.__all__},
    **{name: getattr(rates, name) for name in rates.__all__},
    "Decimal": Decimal,
    "PartialDate": dates.PartialDate,
    "Kind": enums.Kind,
    "Status": enums.Status,
    "Protocol": protocol.Protocol,
}


class _Module:
    """What a generated module does: define each shared value once, then build the records."""

    def __init__(self) -> None:
        self.writer = Writer(SHARED)
        self.namespace = dict(_NAMESPACE)

    def rebuild(self, value: object) -> Any:
        source = self.writer.source(value)
        for name, definition in self.writer.constants.items():
            if name not in self.namespace:
                self.namespace[name] = eval(definition, self.namespace)
        return eval(source, self.namespace)


def _same(built: dict[str, Any], raw: dict[str, Any]) -> bool:
    # Equal as objects, and as JSON text: an int must not come back a float.
    return built == raw and json.dumps(built, sort_keys=True) == json.dumps(raw, sort_keys=True)


@pytest.mark.parametrize("date", PAYLOAD_DATES)
def test_every_provider_and_model_round_trips(date: str) -> None:
    payload = json.loads(shared_payload(date).read_text(encoding="utf-8"))
    checked = 0
    for pid, raw in payload.items():
        fields = {k: v for k, v in raw.items() if k != "models"}
        info = ProviderInfo.from_dict(fields, module="m", protocol=protocol.Protocol.OPENAI_CHAT)
        assert _same(_Module().rebuild(info).to_dict(), fields), pid
        module = _Module()  # one module per provider
        for mid, raw_model in raw["models"].items():
            model = Model.from_dict(raw_model, provider=pid, kind=enums.Kind.CHAT)
            rebuilt = module.rebuild(model)
            assert rebuilt == model, f"{pid}:{mid}"
            assert _same(rebuilt.to_dict(), raw_model), f"{pid}:{mid}"
            checked += 1
    assert checked == sum(len(p["models"]) for p in payload.values())
