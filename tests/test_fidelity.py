"""Every provider and model of every shared payload survives regen exactly (NO_PATCHES=1)."""

from __future__ import annotations

import json

import pytest

from tests.conftest import PAYLOAD_DATES, RegenInto, run_with_catalog, shared_payload

# Independent of codegen's own verify stage: reads the payload, imports every constant.
CHECK = """
import importlib, json
import llmdex
payload = json.load(open({path!r}, encoding="utf-8"))
providers = {{p.value: p for p in llmdex.Provider}}
assert set(providers) == set(payload), "provider sets differ"
checked = 0
for pid, raw in payload.items():
    provider = providers[pid]
    assert provider.to_dict() == {{k: v for k, v in raw.items() if k != "models"}}, pid
    module = importlib.import_module("llmdex.models." + provider.module)
    constants = [getattr(module, name) for name in module.__all__]
    assert sorted(m.id for m in constants) == sorted(raw["models"]), pid
    for constant in constants:
        assert constant.to_dict() == raw["models"][constant.id], constant.spec
        assert json.dumps(constant.to_dict(), sort_keys=True) == json.dumps(
            raw["models"][constant.id], sort_keys=True
        ), "int/float or key drift in " + constant.spec
        assert llmdex.find(constant.spec) is constant, constant.spec
        assert llmdex.find(constant.id, provider=pid) is constant, constant.spec
        checked += 1
print(checked)
"""


@pytest.mark.parametrize("date", PAYLOAD_DATES)
def test_every_model_round_trips_and_is_found(date: str, regen_into: RegenInto) -> None:
    path = shared_payload(date)
    catalog = regen_into(path, no_patches=True)
    result = run_with_catalog(catalog, CHECK.format(path=str(path)))
    assert result.returncode == 0, result.stderr
    expected = sum(len(p["models"]) for p in json.loads(path.read_text()).values())
    assert int(result.stdout) == expected
