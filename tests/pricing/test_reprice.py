"""Repricing a log: each call at its own day's prices, to the last digit of ``cost_of``."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType

import pytest

from llmdex.pricing.reprice import KEPT, MAX_LINE, lines_of, reprice
from tests.cli.test_cli import _llmdex
from tests.history_series import DATES
from tests.history_series import build as _build


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    # acme:m-1 costs 1, then 2, then 3 per 1M input tokens (tests/history_series.py).
    return _build(tmp_path_factory.mktemp("reprice"))[0]


def _jsonl(*rows: object) -> io.BytesIO:
    return io.BytesIO(b"".join(json.dumps(row).encode() + b"\n" for row in rows))


def test_each_call_is_priced_at_its_days_prices_as_cost_of_prices_it(dated: ModuleType) -> None:
    usages = [
        {"prompt_tokens": 1_000_000, "completion_tokens": 10},
        {"gen_ai.usage.input_tokens": 500_000, "gen_ai.usage.output_tokens": 3},
        {"inputTokens": 7, "outputTokens": 1},
    ]
    rows = [{"model": "acme:m-1", "date": day, "usage": usage} for day in DATES for usage in usages]
    rows.append({"model": "acme:m-1", "time": f"{DATES[1]}T23:59:59+00:00", "usage": usages[0]})
    result = reprice(dated.find, lines_of(_jsonl(*rows)))
    expected: dict[str, Decimal] = {}
    for row in rows:
        day = str(row.get("date", row.get("time")))[:10]
        cost = dated.find("acme:m-1", at=day).cost_of(row["usage"]).total
        expected[day] = expected.get(day, Decimal(0)) + cost
    assert result.by_day == expected
    assert result.total == sum(expected.values())
    assert (result.rows, result.priced, result.refused_count) == (len(rows), len(rows), 0)
    assert result.by_model == {"acme:m-1": result.total}
    assert len(set(expected.values())) == 3  # three days, three prices


def test_csv_logs_take_a_usage_column_or_one_column_per_key(dated: ModuleType) -> None:
    usage = {"prompt_tokens": 1000, "completion_tokens": 5}
    as_json = (
        "model,date,usage\n"
        + f'acme:m-1,{DATES[2]},"{json.dumps(usage).replace(chr(34), 2 * chr(34))}"\n'
    )
    as_columns = f"model,date,prompt_tokens,completion_tokens\nacme:m-1,{DATES[2]},1000,5\n"
    expected = dated.find("acme:m-1", at=DATES[2]).cost_of(usage).total
    for text in (as_json, as_columns):
        result = reprice(dated.find, lines_of(io.BytesIO(text.encode())), csv_header=True)
        assert (result.total, result.priced) == (expected, 1), text


def test_rows_that_cannot_be_priced_are_listed_with_why_and_left_out(dated: ModuleType) -> None:
    good = {"model": "acme:m-1", "date": DATES[2], "usage": {"input_tokens": 1, "output_tokens": 1}}
    log = io.BytesIO(
        json.dumps(good).encode()
        + b"\nnot json\n"
        + json.dumps({"model": "acme:m-1", "usage": {}}).encode()
        + b"\n"
        + json.dumps({**good, "model": "acme:nope-9"}).encode()
        + b"\n"
        + json.dumps(
            {**good, "usage": {"input_tokens": 1, "output_tokens": 1, "x_tokens": 2}}
        ).encode()
        + b"\n"
        + b'{"model": "'
        + b"a" * MAX_LINE
        + b'"}\n'
        + json.dumps({**good, "date": "1999-01-01"}).encode()
        + b"\n"
    )
    result = reprice(dated.find, lines_of(log))
    assert result.priced == 1
    reasons = dict(result.refused)
    assert set(reasons) == {2, 3, 4, 5, 6, 7}
    assert "Expecting value" in reasons[2]
    assert "no date" in reasons[3]
    assert "acme:nope-9" in reasons[4]
    assert "key x_tokens (2)" in reasons[5] and "lenient=True" in reasons[5]
    assert reasons[6] == f"longer than {MAX_LINE} bytes"
    assert "1999-01-01" in reasons[7]
    lenient = reprice(dated.find, lines_of(io.BytesIO(log.getvalue())), lenient=True)
    assert (lenient.priced, lenient.notes) == (2, 1)


def test_memory_holds_the_first_refused_rows_only(dated: ModuleType) -> None:
    bad = b'{"model": "acme:m-1"}\n' * (KEPT * 3)
    result = reprice(dated.find, lines_of(io.BytesIO(bad)))
    assert (result.refused_count, len(result.refused)) == (KEPT * 3, KEPT)


def test_the_command_line_prints_exact_totals_and_says_when_rows_were_refused(
    tmp_path: Path,
) -> None:
    from tests.conftest import fixture_dex

    day = fixture_dex().catalog_info().date
    usage = {"prompt_tokens": 1000, "completion_tokens": 100}
    log = tmp_path / "calls.jsonl"
    log.write_text(json.dumps({"model": "openai:gpt-4o", "date": day, "usage": usage}) + "\n")
    done = _llmdex("reprice", str(log), "--json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    expected = fixture_dex().find("openai:gpt-4o", at=day).cost_of(usage).total
    assert (Decimal(data["total"]), data["currency"], data["refused_count"]) == (expected, "USD", 0)
    with log.open("a") as more:
        more.write("{}\n")
    done = _llmdex("reprice", str(log))
    assert done.returncode == 1 and "line 2" in done.stdout
    missing = _llmdex("reprice", str(tmp_path / "none.jsonl"))
    assert missing.returncode == 2
    assert (
        missing.stderr.strip()
        == f"llmdex reprice: cannot read LOG {tmp_path / 'none.jsonl'}: No such file or directory"
    )


def test_a_log_is_read_in_bounded_memory() -> None:
    # 200,000 calls through a subprocess: its peak memory stays far below what holding
    # the log would take (bench/reprice.py measures a 1,000,000-row log).
    code = (
        "import io, json, resource, sys\n"
        "import llmdex\n"
        "from llmdex.pricing.reprice import reprice\n"
        "day = llmdex.catalog_info().date\n"
        "row = json.dumps({'model': 'openai:gpt-4o', 'date': day,"
        " 'usage': {'prompt_tokens': 1000, 'completion_tokens': 10}}).encode() + b'\\n'\n"
        "def lines():\n"
        "    for _ in range(200_000):\n"
        "        yield row\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "result = reprice(llmdex.find, lines())\n"
        "grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before\n"
        "print(result.priced, grown)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    priced, grown_kib = map(int, done.stdout.split())
    assert priced == 200_000
    assert grown_kib < 20_000, grown_kib  # the rows alone would be 20+ MB


def test_a_csv_cell_over_the_field_limit_is_one_refused_row(dated: ModuleType) -> None:
    text = (
        "model,date,prompt_tokens,completion_tokens\n"
        f'acme:m-1,{DATES[2]},"{"9" * 200_000}",1\n'
        f"acme:m-1,{DATES[2]},1000,5\n"
    )
    result = reprice(dated.find, lines_of(io.BytesIO(text.encode())), csv_header=True)
    assert (result.priced, result.refused_count) == (1, 1)
    assert result.refused[0][0] == 2 and "field limit" in result.refused[0][1]


def test_on_a_terminal_the_command_line_shows_a_progress_bar(tmp_path: Path) -> None:
    import os
    import pty

    from tests.cli.test_cli import PACKAGE, _env
    from tests.conftest import fixture_dex

    day = fixture_dex().catalog_info().date
    call = {"model": "openai:gpt-4o", "date": day, "usage": {"input_tokens": 10}}
    log = tmp_path / "calls.jsonl"
    log.write_text((json.dumps(call) + "\n") * 25_000, encoding="utf-8")
    leader, follower = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", PACKAGE, "reprice", str(log)],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env=_env(),
    ) as process:
        os.close(follower)
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed with the process
                break
            if not chunk:
                break
            seen += chunk
        code = process.wait()
    os.close(leader)
    shown = seen.decode()
    assert code == 0, shown[-500:]
    assert "llmdex reprice [" in shown and "20,000 rows" in shown
    # The bar tracks the bytes read: at 20,000 of 25,000 rows it is most of the way.
    assert re.search(r"\] +8[01]% 20,000 rows", shown), shown
