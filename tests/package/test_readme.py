"""The README's examples run and print what it says: python blocks are doctests, compared
line by line; every `llmdex` command in sh blocks exits 0. They show the committed catalog's
data, so they are ``data`` tests."""

from __future__ import annotations

import doctest
import importlib.util
import json
import re
import shlex
import subprocess
import sys
import warnings

import pytest

from llmdex import DeprecatedModelWarning
from tests import wire_shapes
from tests.conftest import ROOT
from tests.http_server import json_answer, serve

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
# The client example talks to a local server: it runs against one on loopback.
(SERVER_BLOCK,) = re.findall(r"```python notest\n(.*?)```", README, flags=re.DOTALL)
COMMANDS = [
    line.split("#")[0].strip()
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    for line in block.splitlines()
    if line.startswith(".venv/bin/llmdex ")
]


pytestmark = pytest.mark.data


@pytest.mark.parametrize("block", PYTHON_BLOCKS)
def test_python_example_prints_what_the_readme_says(block: str) -> None:
    test = doctest.DocTestParser().get_doctest(block, {}, "README.md", "README.md", 0)
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecatedModelWarning)  # examples may name old models
        runner.run(test, out=report.append)
    assert test.examples, "a python block of the README holds no >>> example"
    assert runner.failures == 0, "".join(report)


def test_client_example_runs_against_a_local_openai_compatible_server(
    capsys: pytest.CaptureFixture[str],
) -> None:
    reply = {
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello!"}}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2},
    }
    with serve([json_answer(reply)], check=wire_shapes.openai_any) as server:
        code = SERVER_BLOCK.replace("http://127.0.0.1:8000", server.url)
        exec(compile("import llmdex\n" + code, "README.md", "exec"), {})
    assert server.received[0].path == "/v1/chat/completions"
    assert capsys.readouterr().out.startswith("Hello! no price for local:llama-3.1-8b")


@pytest.mark.parametrize("command", COMMANDS)
def test_command_example_runs(command: str) -> None:
    args = shlex.split(command)[1:]
    result = subprocess.run(
        [sys.executable, "-m", "llmdex", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_there_are_examples() -> None:
    assert PYTHON_BLOCKS and len(COMMANDS) >= 4


def test_the_performance_section_is_what_bench_results_json_gives() -> None:
    # `make bench` rewrites the section from bench/results.json; neither is edited by hand.
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "bench" / "report.py")
    assert spec is not None and spec.loader is not None
    report = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = report  # dataclasses look their module up there
    spec.loader.exec_module(report)
    results = json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(report.BEGIN), readme.index(report.END) + len(report.END)
    assert readme[start:end] == report.readme_section(results), "run `make bench`"
