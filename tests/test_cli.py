"""The llmdex command, run as a user would: a subprocess, text and --json, on the fixture
catalog (tests/fixture_catalog.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import fixture_root
from tests.fixture_catalog import PACKAGE


def _llmdex(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", PACKAGE, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(fixture_root())},
    )


def test_show_prints_an_aligned_table() -> None:
    result = _llmdex("show", "openai:gpt-4o")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split() == ["spec", "openai:gpt-4o"]
    assert "context     128,000" in result.stdout
    assert "resolved" not in result.stdout


def test_show_says_how_an_alias_resolved() -> None:
    result = _llmdex("show", "claude-3-5-sonnet")
    assert result.returncode == 0
    assert "anthropic:claude-3-5-sonnet-20241022" in result.stdout
    assert "dated_alias 'claude-3-5-sonnet'" in result.stdout


def test_show_json_is_the_models_dev_object_plus_resolution() -> None:
    result = _llmdex("show", "gpt-4o", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["spec"] == "openai:gpt-4o"
    assert data["limit"] == {"context": 128000, "output": 16384}
    assert data["resolved"]["rules"] == ["exact", "first_party"]


def test_show_prefer() -> None:
    result = _llmdex("show", "gpt-4o", "--prefer", "azure", "--json")
    assert json.loads(result.stdout)["spec"] == "azure:gpt-4o"


def test_list_filters_and_sorts() -> None:
    result = _llmdex(
        "list", "--provider", "anthropic", "--reasoning", "--sort", "input_price", "--limit", "2"
    )
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["spec", "kind", "context"]
    assert [line.split()[0] for line in lines[1:]] == [
        "anthropic:claude-sonnet-4-5",
        "anthropic:claude-opus-4-6",
    ]
    assert result.stderr.strip() == "2 models"


def test_list_json() -> None:
    result = _llmdex("list", "--provider", "openai", "--kind", "embedding", "--json")
    assert result.returncode == 0
    models = json.loads(result.stdout)
    assert {m["spec"] for m in models} >= {"openai:text-embedding-3-small"}
    assert all(m["kind"] == "embedding" for m in models)


def test_compare_text_and_json() -> None:
    text = _llmdex("compare", "openai:gpt-4o", "anthropic:claude-sonnet-4-5")
    assert text.returncode == 0
    assert text.stdout.splitlines()[0].split() == ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]
    data = json.loads(
        _llmdex("compare", "openai:gpt-4o", "mistral:mistral-medium", "--json").stdout
    )
    assert data["models"] == ["openai:gpt-4o", "mistral:mistral-medium-2508"]
    assert data["rows"]["context"][0] == 128000


def test_not_found_exits_1_with_suggestions_on_stderr() -> None:
    result = _llmdex("show", "openai:gpt-4oo")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Did you mean: openai:gpt-4o" in result.stderr


def test_ambiguous_exits_1_listing_candidates() -> None:
    result = _llmdex("show", "llama-3.1-8b")
    assert result.returncode == 1
    assert "302ai:llama-3.1-8b" in result.stderr and "novita-ai:llama-3.1-8b" in result.stderr


def test_malformed_spec_exits_2() -> None:
    result = _llmdex("show", "opnai:gpt-4o")
    assert result.returncode == 2
    assert "Did you mean: openai?" in result.stderr


def test_bad_usage_exits_2() -> None:
    assert _llmdex("frobnicate").returncode == 2
    assert _llmdex("list", "--sort", "popularity").returncode == 2
