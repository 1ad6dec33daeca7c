"""The llmdex command, run as a user would: a subprocess, text and --json, on the fixture
catalog (tests/fixture_catalog.py)."""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import fixture_root
from tests.fixture_catalog import PACKAGE


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(fixture_root())}


def _llmdex(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", PACKAGE, *args],
        capture_output=True,
        text=True,
        check=False,
        env=_env(),
    )


def test_show_prints_an_aligned_table() -> None:
    result = _llmdex("show", "openai:gpt-4o")
    assert result.returncode == 0
    assert result.stdout.splitlines()[0].split() == ["spec", "openai:gpt-4o"]
    rows = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines())
    assert rows["context"] == "128,000" and rows["price in"] == "$2.50 / 1M tokens"
    assert "resolved" not in result.stdout


def test_show_says_how_an_alias_resolved() -> None:
    result = _llmdex("show", "claude-3-5-sonnet")
    assert result.returncode == 0
    assert "anthropic:claude-3-5-sonnet-20241022" in result.stdout
    assert "dated_alias 'claude-3-5-sonnet'" in result.stdout


def test_show_json_is_the_model_with_every_field_and_the_resolution() -> None:
    result = _llmdex("show", "gpt-4o", "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    model = data["model"]
    assert model["spec"] == "openai:gpt-4o" and model["kind"] == "chat"
    assert model["limit"] == {"context": 128000, "input": None, "output": 16384, "extra": {}}
    assert model["cost"]["input"] == "2.5" and model["cost"]["reasoning"] is None
    assert data["resolution"]["rules"] == ["exact", "first_party"]


def test_show_prefer() -> None:
    result = _llmdex("show", "gpt-4o", "--prefer", "azure", "--json")
    assert json.loads(result.stdout)["model"]["spec"] == "azure:gpt-4o"


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


def test_list_json_rows_all_have_the_same_keys() -> None:
    result = _llmdex("list", "--json")
    assert result.returncode == 0
    rows = json.loads(result.stdout)
    assert len(rows) > 30 and len({tuple(row) for row in rows}) == 1
    assert {"spec", "kind", "cost", "limit", "status"} <= set(rows[0])


def test_list_takes_token_suffixes_and_prices() -> None:
    result = _llmdex("list", "--min-context", "1m", "--max-input-price", "2", "--json")
    assert result.returncode == 0, result.stderr
    specs = {row["spec"] for row in json.loads(result.stdout)}
    assert specs == {"google:gemini-2.5-pro", "acme:rich-1"}


def test_compare_text_and_json() -> None:
    text = _llmdex("compare", "openai:gpt-4o", "anthropic:claude-sonnet-4-5")
    assert text.returncode == 0
    assert text.stdout.splitlines()[0].split() == ["openai:gpt-4o", "anthropic:claude-sonnet-4-5"]
    data = json.loads(
        _llmdex("compare", "openai:gpt-4o", "mistral:mistral-medium", "--json").stdout
    )
    assert [m["spec"] for m in data["models"]] == ["openai:gpt-4o", "mistral:mistral-medium-2508"]
    assert data["models"][0]["limit"]["context"] == 128000


def test_cost_flags_are_totals_with_parts_as_providers_report_them() -> None:
    # OpenAI's completion_tokens=300 with reasoning_tokens=100: --output 300 --reasoning 100.
    flags = ("cost", "openai:gpt-4o", "--input", "1k", "--cache-read", "400", "--output", "300")
    data = json.loads(_llmdex(*flags, "--reasoning", "100", "--json").stdout)
    usage = {k: v for k, v in data["usage"].items() if v}
    # The flags are the Usage fields of the same names, and the same meaning.
    assert usage == {
        "input_tokens": 1000,
        "cache_read_tokens": 400,
        "output_tokens": 300,
        "reasoning_tokens": 100,
    }
    assert set(data["breakdown"]) == {"input", "cache_read", "output", "reasoning"}
    assert data["currency"] == "USD"
    # --cached is the older name of --cache-read.
    old = _llmdex("cost", "openai:gpt-4o", "--input", "1k", "--cached", "400", "--json")
    assert json.loads(old.stdout)["usage"]["cache_read_tokens"] == 400


def test_cost_flags_refuse_parts_larger_than_their_total_by_flag() -> None:
    result = _llmdex(
        "cost", "openai:gpt-4o", "--input", "10", "--cache-read", "8", "--input-audio", "5"
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "llmdex cost: --cache-read (8) + --input-audio (5) exceed --input (10), which includes "
        "them\n"
    )


def test_cost_json_has_exact_amounts() -> None:
    result = _llmdex("cost", "openai:gpt-4o", "--input", "1.2k", "--output", "300", "--json")
    data = json.loads(result.stdout)
    assert (data["total"], data["breakdown"]) == ("0.006", {"input": "0.003", "output": "0.003"})


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("show", "openai:gpt-4oo"), 1, "Did you mean: openai:gpt-4o"),
        (("show", "llama-3.1-8b"), 1, "302ai:llama-3.1-8b"),
        (("show", "opnai:gpt-4o"), 2, "Did you mean: openai?"),
        (("frobnicate",), 2, "invalid choice"),
        (("list", "--sort", "popularity"), 2, "invalid choice"),
        (("list", "--max-input-price", "abc"), 2, "'abc' is not a price"),
        (("list", "--limit", "-1"), 2, "'-1' is not a whole number"),
        (("list", "--released-after", "2024-13"), 2, "'2024-13' is not a date"),
        (("list", "--released-after", "2026"), 2, "'2026' is not a date"),
        (("cost", "openai:gpt-4o", "--input", "infk"), 2, "'infk' is not a whole"),
        (("cost", "openai:gpt-5.4", "--input", "10", "--mode", "turbo"), 2, "--mode 'turbo': "),
        (("cost", "acme:unpriced-1", "--input", "10"), 1, "no price for acme:unpriced-1"),
        (("cost", "openai:gpt-4o", "--input", "1", "--cached", "5"), 2, "exceed --input"),
        (("cost", "openai:gpt-4o", "--output", "1", "--reasoning", "5"), 2, "which includes it"),
    ],
)
def test_each_failure_is_one_line_with_its_exit_code(
    args: tuple[str, ...], code: int, message: str
) -> None:
    result = _llmdex(*args)
    assert result.returncode == code, result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_under_json_a_failure_is_a_json_error_object() -> None:
    result = _llmdex("show", "openai:gpt-4oo", "--json")
    assert result.returncode == 1 and result.stderr == ""
    error = json.loads(result.stdout)["error"]
    assert error["type"] == "ModelNotFoundError" and error["suggestions"][0] == "openai:gpt-4o"
    spec = json.loads(_llmdex("show", "opnai:x", "--json").stdout)["error"]
    assert spec["code"] == "unknown_provider"
    usage = _llmdex("list", "--limit", "abc", "--json")
    assert usage.returncode == 2
    assert json.loads(usage.stdout)["error"] == {
        "type": "UsageError",
        "message": "llmdex list: argument --limit: 'abc' is not a whole number, 0 or more",
        "code": "usage",
    }


def test_a_closed_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m {PACKAGE} list | head -1"
    result = subprocess.run(
        command, shell=True, capture_output=True, text=True, check=False, env=_env()
    )
    assert result.stdout.startswith("spec") and "Traceback" not in result.stderr


def test_a_full_disk_is_one_line() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("this system has no /dev/full")
    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", PACKAGE, "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
            env=_env(),
        )
    assert result.returncode == 1
    assert result.stderr.strip() == "llmdex: cannot write the output: No space left on device"


def test_ask_without_requests_is_one_line() -> None:
    code = (
        "import sys; sys.modules['requests'] = None\n"
        f"from {PACKAGE}.__main__ import main\n"
        "sys.argv = ['llmdex', 'ask', 'openai:gpt-4o', 'hi']\n"
        "raise SystemExit(main())\n"
    )
    env = {**_env(), "OPENAI_API_KEY": "sk-test"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=env
    )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "llmdex: llmdex needs requests to call models over HTTP: pip install 'llmdex[client]'"
    ]


def test_ask_refuses_a_model_that_cannot_chat() -> None:
    result = _llmdex("ask", "openai:text-embedding-3-small", "hi")
    assert result.returncode == 2 and "is a embedding model" not in result.stderr
    assert "an embedding model, not a chat model; use embed()" in result.stderr


def test_show_lists_every_price_cost_may_apply(dex: ModuleType) -> None:
    tiered = next(m for m in dex.all_models() if m.cost is not None and m.cost.tiers)
    result = _llmdex("show", tiered.spec)
    rows = dict(re.split(r"\s{2,}", line, maxsplit=1) for line in result.stdout.splitlines())
    size = tiered.cost.tiers[0].tier.size
    assert f"price in, prompt over {size:,}" in rows


def test_compare_prints_counts_and_flags_as_show_does() -> None:
    result = _llmdex("compare", "openai:gpt-4o", "anthropic:claude-sonnet-4-5")
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    assert rows["context"][0] == "128,000" and set(rows["vision"]) <= {"yes", "no"}


def test_a_warning_is_one_line_without_python_source() -> None:
    result = _llmdex("show", "claude-3-5-sonnet")
    warning = [line for line in result.stderr.splitlines() if line]
    assert len(warning) == 1 and warning[0].startswith("llmdex: warning: 'claude-3-5-sonnet'")
    assert "deprecated" in warning[0] and ".py" not in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("list", "--provider", "nosuchprov"), "llmdex: --provider 'nosuchprov': no such provider"),
        (("list", "--kind", "chatt"), "llmdex: --kind 'chatt': choose one of chat, embedding"),
        (("show", "gpt-4o", "--at", "2025-02-30"), "llmdex show: argument --at: '2025-02-30' is"),
        (("cost", "openai:gpt-4o", "--at", "2025-02"), "llmdex cost: argument --at: '2025-02' is"),
    ],
)
def test_a_bad_value_is_named_by_its_flag_with_exit_code_2(
    args: tuple[str, ...], expected: str
) -> None:
    result = _llmdex(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(expected) and "=" not in result.stderr


def test_an_ambiguous_or_retired_model_says_the_flag_to_use() -> None:
    ambiguous = _llmdex("show", "llama-3.1-8b")
    assert ambiguous.returncode == 1 and "give --prefer PROVIDER" in ambiguous.stderr
    assert "prefer=" not in ambiguous.stderr


def test_a_filter_value_no_model_has_says_what_exists() -> None:
    result = _llmdex("list", "--input-modality", "vidoe")
    assert result.returncode == 0
    assert "no model has --input-modality 'vidoe'; the catalog has: " in result.stderr
    assert "text" in result.stderr.splitlines()[-1]


def _hostile_payloads(tmp: Path) -> dict[str, tuple[Path, str]]:
    # Each file a user might hand `llmdex diff` by mistake or malice, and what it must say.
    bomb = gzip.compress(b'{"a": "' + b"x" * (64 << 20) + b'"}', compresslevel=9)
    whole = gzip.compress(b'{"acme": {"models": {}}}')
    files = {
        "bomb.json.gz": (bomb, "unpacks to over 32 MiB"),
        "deep.json": (b"[" * 200_000, "JSON nested deeper than 32 levels"),
        "shape.json": (b'{"acme": {"models": [1]}}', "not a models.dev payload: acme.models"),
        "list.json": (b"[1, 2]", "not a models.dev payload: the top level is not an object"),
        "cut.json.gz": (whole[:-12], "the gzip file is cut off"),
        "corrupt.json.gz": (whole[:10] + b"\x00" * 20 + whole[30:], "corrupt gzip file"),
        "utf16.json": (b"\xff\xfe{\x00}\x00", "not UTF-8 (byte 0 is"),
        "broken.json": (b'{"acme": ', "not JSON (Expecting value at line 1 column 10)"),
    }
    found = {}
    for name, (data, message) in files.items():
        (tmp / name).write_bytes(data)
        found[name] = (tmp / name, message)
    return found


def test_diff_of_a_hostile_file_is_one_line_in_bounded_memory(tmp_path: Path) -> None:
    for name, (path, message) in _hostile_payloads(tmp_path).items():
        code = (
            "import resource, runpy, sys\n"
            f"sys.argv = ['llmdex', 'diff', {str(path)!r}, 'catalog']\n"
            "try:\n"
            f"    runpy.run_module({PACKAGE!r}, run_name='__main__')\n"
            "except SystemExit as done:\n"
            "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "    print(f'peak {peak}', file=sys.stderr)\n"
            "    raise\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, env=_env()
        )
        line, peak = result.stderr.splitlines()
        assert result.returncode == 2, (name, result.stderr)
        assert line.startswith(f"llmdex: {path}: ") and message in line, (name, line)
        assert int(peak.split()[1]) < 400_000, (name, peak)  # KiB: far from a bomb's gigabytes


def test_version_names_the_data_date_and_age() -> None:
    result = _llmdex("--version")
    assert result.returncode == 0
    assert re.fullmatch(
        r"llmdex \S+, data of \d{4}-\d{2}-\d{2} \(\d+ days old\): [\d,]+ models from \d+ "
        r"providers\n",
        result.stdout,
    ), result.stdout


def test_info_warns_when_the_data_is_older_than_the_limit_the_user_sets() -> None:
    fresh = _llmdex("info", "--json", "--max-age", "100000")
    data = json.loads(fresh.stdout)
    assert data["stale"] is False and data["max_age_days"] == 100000 and fresh.stderr == ""
    assert {"source", "sha256", "date", "models", "age_days"} <= set(data)
    stale = _llmdex("info", "--max-age", "0")
    if data["age_days"] > 0:
        assert stale.stderr.startswith(f"llmdex: warning: the data is {data['age_days']} days old")
    env = {**_env(), "LLMDEX_MAX_DATA_AGE": "soon"}
    bad = subprocess.run(
        [sys.executable, "-m", PACKAGE, "info"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert bad.returncode == 2 and "$LLMDEX_MAX_DATA_AGE is 'soon'" in bad.stderr
