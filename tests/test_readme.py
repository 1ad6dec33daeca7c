"""The README's examples run: every python block, and every `llmdex` command in sh blocks."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import warnings

import pytest

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYTHON_BLOCKS = re.findall(r"```python\n(.*?)```", README, flags=re.DOTALL)
COMMANDS = [
    line.split("#")[0].strip()
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)
    for line in block.splitlines()
    if line.startswith(".venv/bin/llmdex ")
]


@pytest.mark.parametrize("block", PYTHON_BLOCKS)
def test_python_example_runs(block: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # examples may name old models
        exec(compile(block, "README.md", "exec"), {})


@pytest.mark.parametrize("command", COMMANDS)
def test_command_example_runs(command: str) -> None:
    args = shlex.split(command)[1:]
    result = subprocess.run(
        [sys.executable, "-m", "llmdex", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_there_are_examples() -> None:
    assert PYTHON_BLOCKS and len(COMMANDS) >= 4
