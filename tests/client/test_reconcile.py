"""``reconcile``: the catalog beside a provider's model-list API, against loopback servers
shaped as each API documents (rows checked against the openai and anthropic SDK types).

The fixture catalog (tests/fixture_catalog.py) lists openai, anthropic, google and openrouter
models; a ``Routed`` session sends the provider's own URLs to the test's server.
"""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import anthropic.types
import openai.types
import pytest

from llmdex import HttpPolicy
from llmdex.errors import (
    AuthenticationError,
    MalformedResponseError,
    UnsupportedProtocolError,
)
from tests.conftest import fixture_dex, fixture_root
from tests.fixture_catalog import PACKAGE
from tests.http_server import Answer, Routed, json_answer, serve

KEY = "sk-reconcile-test-key"


def _client(server: Any, **keys: str) -> Any:
    return fixture_dex().Client(
        api_keys=keys or None, policy=HttpPolicy(backoff=0.01), session=Routed(server)
    )


def _openai_row(mid: str) -> dict[str, Any]:
    row = {"id": mid, "object": "model", "created": 1715367049, "owned_by": "openai"}
    openai.types.Model.model_validate(row)
    return row


def _anthropic_row(mid: str, **limits: int) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": mid,
        "type": "model",
        "display_name": mid,
        "created_at": "2025-02-19T00:00:00Z",
        "lifecycle": "active",
        **{k: v for k, v in limits.items()},
    }
    anthropic.types.ModelInfo.model_validate(row)
    return row


def _anthropic_page(rows: list[dict[str, Any]], more: bool) -> Answer:
    return json_answer(
        {"data": rows, "has_more": more, "first_id": rows[0]["id"], "last_id": rows[-1]["id"]}
    )


def test_openai_ids_served_and_listed_are_told_apart() -> None:
    dex = fixture_dex()
    listed = list(dex.models_of("openai"))
    served = [*listed[1:], "gpt-9-preview"]
    body = {"object": "list", "data": [_openai_row(mid) for mid in served]}
    with serve([json_answer(body)]) as server:
        report = dex.reconcile("openai", client=_client(server, openai=KEY))
    (request,) = server.received
    assert (request.method, request.path) == ("GET", "/v1/models")
    assert request.headers["Authorization"] == f"Bearer {KEY}"
    assert report.live_only == ("gpt-9-preview",) and report.catalog_only == (listed[0],)
    assert report.price_changes == report.limit_changes == ()
    data = report.to_dict()
    assert data["provider"] == "openai" and data["source"] == "https://api.openai.com/v1/models"
    assert data["checked_at"].endswith("Z") and data["live"] == len(served)


def test_anthropic_is_read_across_three_pages_by_after_id() -> None:
    dex = fixture_dex()
    ids = list(dex.models_of("anthropic"))
    pages = [ids[:3], ids[3:6], ids[6:]]
    first = dex.find(f"anthropic:{ids[0]}")
    wider = first.limit.context + 1000
    rows = [[_anthropic_row(mid) for mid in page] for page in pages]
    rows[0][0] = _anthropic_row(ids[0], max_input_tokens=wider, max_tokens=first.limit.output)
    answers = [_anthropic_page(rows[0], True), _anthropic_page(rows[1], True)]
    answers.append(_anthropic_page(rows[2], False))
    with serve(answers) as server:
        report = dex.reconcile("anthropic", client=_client(server, anthropic=KEY))
    paths = [r.path for r in server.received]
    assert paths == [
        "/v1/models?limit=1000",
        f"/v1/models?limit=1000&after_id={pages[0][-1]}",
        f"/v1/models?limit=1000&after_id={pages[1][-1]}",
    ]
    assert {r.headers["x-api-key"] for r in server.received} == {KEY}
    assert {r.headers["anthropic-version"] for r in server.received} == {"2023-06-01"}
    assert report.live == len(ids) and report.live_only == report.catalog_only == ()
    (change,) = report.limit_changes
    assert change.to_dict() == {
        "id": ids[0],
        "field": "limit.context",
        "catalog": first.limit.context,
        "live": wider,
    }


def test_gemini_pages_by_token_and_gives_token_limits() -> None:
    dex = fixture_dex()
    flash = dex.find("google:gemini-2.5-flash")
    rows = [
        {
            "name": "models/gemini-2.5-flash",
            "displayName": "Gemini 2.5 Flash",
            "inputTokenLimit": flash.limit.context,
            "outputTokenLimit": 65536,
            "supportedGenerationMethods": ["generateContent", "countTokens"],
        },
        {"name": "models/gemini-2.5-pro", "inputTokenLimit": 1048576, "outputTokenLimit": 65536},
    ]
    answers = [
        json_answer({"models": rows[:1], "nextPageToken": "Cg5tb2RlbHMvZ2VtaW5p+/="}),
        json_answer({"models": rows[1:]}),
    ]
    with serve(answers) as server:
        report = dex.reconcile("google", client=_client(server, google=KEY))
    assert [r.path for r in server.received] == [
        "/v1beta/models?pageSize=1000",
        "/v1beta/models?pageSize=1000&pageToken=Cg5tb2RlbHMvZ2VtaW5p%2B%2F%3D",
    ]
    assert server.received[0].headers["x-goog-api-key"] == KEY
    fields = {(d.id, d.field) for d in report.limit_changes}
    assert ("gemini-2.5-flash", "limit.output") in fields
    assert ("gemini-2.5-flash", "limit.context") not in fields
    assert "gemini-embedding-001" in report.catalog_only


def _openrouter_row(mid: str, prompt: str, completion: str, context: int) -> dict[str, Any]:
    # OpenRouter's GET /api/v1/models row: prices are USD per token, as decimal text.
    return {
        "id": mid,
        "canonical_slug": mid,
        "name": mid,
        "created": 1721260800,
        "context_length": context,
        "architecture": {"input_modalities": ["text"], "output_modalities": ["text"]},
        "pricing": {"prompt": prompt, "completion": completion, "request": "0", "image": "0"},
        "top_provider": {"context_length": context, "max_completion_tokens": None},
    }


def test_openrouter_prices_that_differ_are_exact_per_million_and_patch_ready(
    tmp_path: Path,
) -> None:
    dex = fixture_dex()
    ids = list(dex.models_of("openrouter"))
    model = dex.find(f"openrouter:{ids[0]}")
    assert model.cost is not None
    same = [
        _openrouter_row(
            mid,
            str(dex.find(f"openrouter:{mid}").cost.input / 1_000_000),
            str(dex.find(f"openrouter:{mid}").cost.output / 1_000_000),
            dex.find(f"openrouter:{mid}").limit.context,
        )
        for mid in ids[1:]
    ]
    changed = _openrouter_row(
        ids[0], "0.0000003", str(model.cost.output / 1_000_000), model.limit.context
    )
    routed = _openrouter_row("openrouter/auto", "-1", "-1", 2000000)
    with serve([json_answer({"data": [changed, *same, routed]})]) as server:
        report = dex.reconcile("openrouter", client=_client(server, openrouter=KEY))
    assert report.live_only == ("openrouter/auto",)
    assert model.cost.input != Decimal("0.3")
    catalog = format(model.cost.input.normalize(), "f")
    assert [d.to_dict() for d in report.price_changes] == [
        {"id": ids[0], "field": "cost.input", "catalog": catalog, "live": "0.3"}
    ]
    (entry,) = report.patches()["patches"]
    assert entry["set"] == {"cost": {"input": 0.3}}
    assert entry["source"] == "https://openrouter.ai/api/v1/models"
    assert "model-list API on " in entry["reason"]
    from codegen.patch import PatchFile

    PatchFile.model_validate(report.patches())  # the regen's own schema takes it


def test_a_401_a_non_list_body_and_a_list_api_none_has_are_one_error_each() -> None:
    dex = fixture_dex()
    denied = json_answer({"error": {"message": f"Incorrect API key provided: {KEY}"}}, status=401)
    with serve([denied]) as server:
        with pytest.raises(AuthenticationError, match="HTTP 401") as caught:
            dex.reconcile("openai", client=_client(server, openai=KEY))
    assert KEY not in str(caught.value)
    with serve([json_answer({"object": "list", "data": "nope"})]) as server:
        with pytest.raises(MalformedResponseError, match="data"):
            dex.reconcile("openai", client=_client(server, openai=KEY))
    with serve([json_answer({"data": [], "has_more": True, "last_id": "x"})]) as server:
        with pytest.raises(MalformedResponseError, match="repeats a page"):
            dex.reconcile("anthropic", client=_client(server, anthropic=KEY))
    with pytest.raises(UnsupportedProtocolError, match="no model list per key"):
        dex.reconcile("azure", api_key=KEY)
    with pytest.raises(UnsupportedProtocolError, match="amazon-bedrock"):
        dex.reconcile("amazon-bedrock", api_key=KEY)


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", PACKAGE, "reconcile", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "", "PYTHONPATH": str(fixture_root()), **env},
    )


def test_the_command_line_reports_writes_patches_and_sends_only_key_env(tmp_path: Path) -> None:
    dex = fixture_dex()
    ids = list(dex.models_of("openrouter"))
    model = dex.find(f"openrouter:{ids[0]}")
    rows = [_openrouter_row(ids[0], "0.000001", "0.000002", model.limit.context)]
    env = {"OPENROUTER_API_KEY": "sk-the-providers", "MY_KEY": KEY}
    patches = tmp_path / "found.json"
    with serve([json_answer({"data": rows})]) as server:
        base = ["openrouter", "--base-url", server.url + "/api/v1"]
        shown = _cli(*base, env=env)
        data = _cli(
            *base, "--key-env", "MY_KEY", "--json", "--write-patches", str(patches), env=env
        )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("openrouter: 1 model served (http://127.0.0.1:")
    assert "price changes (2):" in shown.stdout
    assert data.returncode == 0, data.stderr
    report = json.loads(data.stdout)
    assert {d["field"] for d in report["price_changes"]} == {"cost.input", "cost.output"}
    assert report["catalog_only"] == ids[1:]
    sent = [r.headers.get("Authorization") for r in server.received]
    assert sent == [None, f"Bearer {KEY}"]
    written = json.loads(patches.read_text(encoding="utf-8"))
    assert written["patches"][0]["set"] == {"cost": {"input": 1.0, "output": 2.0}}
    again = _cli("openrouter", "--write-patches", str(patches), env=env)
    assert again.returncode == 2 and "exists; name a new file" in again.stderr


def test_the_command_line_says_a_401_in_one_line() -> None:
    denied = json_answer({"error": {"message": "invalid key"}}, status=401)
    with serve([denied]) as server:
        result = _cli("openai", "--base-url", server.url + "/v1", "--key-env", "K", env={"K": KEY})
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["llmdex: openai answered HTTP 401: invalid key"]
