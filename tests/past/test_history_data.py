"""The committed history against the real weekly payloads (``../shared``): prices on either
side of their changes, retirements, additions, a schema field's appearance, fidelity over the
whole series, a re-backfill and a one-payload extension that reproduce the committed file."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest

import llmdex
from codegen.history import HISTORY, SCHEMA_FIELD, EventLog, Snapshot
from codegen.patch import apply_patches
from codegen.pipeline import PATCHES, backfill
from tests.conftest import ROOT, SHARED

pytestmark = pytest.mark.data
WEEKLY = SHARED / "weekly"


def _weekly(date: str) -> dict[str, Any]:
    path = WEEKLY / f"api-{date}.json.gz"
    if not path.exists():
        pytest.skip(f"{path} is absent: the real payloads live in ../shared, which CI provides")
    payload: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()))
    return payload


def _history() -> EventLog:
    return EventLog.read(ROOT / HISTORY)


def test_prices_on_either_side_of_their_changes() -> None:
    # deepseek-chat's input price, as the issue tells it, then four more changes from the log.
    chat = [
        ("2025-08-24", "0.27"),
        ("2025-08-31", "0.57"),
        ("2025-11-16", "0.57"),
        ("2025-11-23", "0.28"),
        ("2026-04-19", "0.28"),
        ("2026-04-26", "0.14"),
    ]
    for day, price in chat:
        assert str(llmdex.find("deepseek:deepseek-chat", at=day).cost.input) == price, day
    snapshots = [s.date for s in _history().snapshots]
    changes = [
        r
        for r in _history().rows
        if r[1] == "~" and r[3] == ("cost", "input") and not r[2].startswith("deepseek:")
    ]
    checked = set()
    for date, _, entity, _, old, new in changes:
        provider, _, model_id = entity.partition(":")
        if provider in {p for p, _ in checked} or llmdex.history(entity).listed is False:
            continue
        before = snapshots[snapshots.index(date) - 1]
        payload_before = _weekly(before) if before != "2026-07-02" else None
        assert payload_before is not None
        assert payload_before[provider]["models"][model_id]["cost"]["input"] == old
        assert float(llmdex.find(entity, at=before).cost.input) == old
        assert float(llmdex.find(entity, at=date).cost.input) == new
        checked.add((provider, model_id))
        if len(checked) == 4:
            break
    assert len(checked) == 4


def test_gemini_1_5_pro_retired_in_may_2026() -> None:
    with pytest.raises(llmdex.ModelRetiredError) as caught:
        llmdex.find("gemini-1.5-pro")
    assert str(caught.value).startswith(
        "google:gemini-1.5-pro is no longer listed: last listed 2026-05-17; "
        "its successor is google:gemini-2.5-pro"
    )
    assert llmdex.find("google:gemini-1.5-pro", at="2026-05-17").spec == "google:gemini-1.5-pro"
    assert "gemini-1.5-pro" in _weekly("2026-05-17")["google"]["models"]
    assert "gemini-1.5-pro" not in _weekly("2026-05-24")["google"]["models"]


def test_models_of_a_provider_no_longer_listed_are_found_as_of_then() -> None:
    # models.dev dropped the provider "firmware"; its models were listed in February 2026.
    assert "firmware" not in {p.value for p in llmdex.Provider}
    model = llmdex.find("firmware:gpt-4o", at="2026-02-19")
    assert (model.spec, model.cost and model.cost.input) == ("firmware:gpt-4o", 2.5)


def test_gpt_5_was_added_mid_series() -> None:
    with pytest.raises(llmdex.ModelNotFoundError, match="openai:gpt-5 was first listed 2025-08-10"):
        llmdex.find("openai:gpt-5", at="2025-08-03")
    assert llmdex.history("openai:gpt-5").first_seen == "2025-08-10"
    assert "gpt-5" not in _weekly("2025-08-03")["openai"]["models"]
    assert "gpt-5" in _weekly("2025-08-10")["openai"]["models"]


def test_structured_output_entered_the_schema_once() -> None:
    rows = _history().rows
    appeared = [r for r in rows if r[1] == SCHEMA_FIELD and r[3] == ("structured_output",)]
    assert [(r[0], r[2]) for r in appeared] == [("2025-11-16", "model")]
    counted = [r for r in rows if r[3] == ("structured_output",) and r[1] == "+"]
    brought = [r for r in rows if r[3] == ("structured_output",) and r[1] == "="]
    assert len(brought) > 10 and all(r[0] == "2025-11-16" for r in brought)
    assert all(r[0] > "2025-11-16" for r in counted)


def test_every_model_on_every_date_is_its_patched_payload_object() -> None:
    # The history follows the catalog: each payload as the catalog reads it, patched.
    for snapshot in _history().snapshots:
        if snapshot.date == "2026-07-02":
            continue
        payload = apply_patches(_weekly(snapshot.date), ROOT / PATCHES, past=True).payload
        expected = {
            f"{pid}:{mid}": obj for pid, p in payload.items() for mid, obj in p["models"].items()
        }
        listed = {m.spec: m.to_dict() for m in llmdex.catalog(at=snapshot.date)}
        assert listed.keys() == expected.keys(), snapshot.date
        wrong = [spec for spec, obj in expected.items() if listed[spec] != obj]
        assert wrong == [], (snapshot.date, wrong[:3])


def test_a_backfill_reproduces_the_committed_file() -> None:
    _weekly("2026-06-28")
    again, skipped = backfill(ROOT, WEEKLY)
    assert [line.split(":")[0] for line in skipped] == ["api-2025-06-22.json.gz"]
    assert again.text() == (ROOT / HISTORY).read_text(encoding="utf-8")


def test_extending_by_the_last_payload_reproduces_the_committed_file() -> None:
    committed = _history()
    last = committed.snapshots[-1]
    source = SHARED / last.source
    if not source.exists():
        pytest.skip(f"{source} is absent: the real payloads live in ../shared")
    earlier = committed.until(last.date)
    payload = apply_patches(json.loads(source.read_bytes()), ROOT / PATCHES).payload
    earlier.add(payload, Snapshot(last.date, last.sha256, last.source))
    assert earlier.text() == (ROOT / HISTORY).read_text(encoding="utf-8")
