"""The llmdex command, run as a user would: a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys


def _llmdex(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "llmdex", *args], capture_output=True, text=True, check=False
    )


def test_show_prints_an_aligned_table() -> None:
    result = _llmdex("show", "openai:gpt-4o")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["spec", "openai:gpt-4o"]
    assert "context     128,000" in result.stdout


def test_show_json_is_the_models_dev_object() -> None:
    result = _llmdex("show", "openai:gpt-4o", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["spec"] == "openai:gpt-4o"
    assert data["limit"] == {"context": 128000, "output": 16384}


def test_not_found_exits_1_with_suggestions_on_stderr() -> None:
    result = _llmdex("show", "openai:gpt-4oo")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Did you mean: openai:gpt-4o" in result.stderr


def test_bad_usage_exits_2() -> None:
    assert _llmdex("frobnicate").returncode == 2
