"""A user's file that uses the catalog type-checks under mypy --strict and pyright."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

USER_FILE = """\
from llmdex import Model, Provider, find
from llmdex.models.openai import GPT_4O

x: int = GPT_4O.limit.context
env: tuple[str, ...] = Provider.OPENAI.env
model: Model = find("openai:gpt-4o")
"""

WRONG_FILE = """\
from llmdex.models.openai import GPT_4O

x: str = GPT_4O.limit.context
"""


def _check(tool: list[str], tmp_path: Path, text: str) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "user.py"
    path.write_text(text)
    return subprocess.run(
        [*tool, str(path)], cwd=tmp_path, capture_output=True, text=True, check=False
    )


def test_mypy_strict_accepts_the_user_file_and_rejects_a_wrong_one(tmp_path: Path) -> None:
    mypy = [sys.executable, "-m", "mypy", "--strict", "--no-incremental"]
    ok = _check(mypy, tmp_path, USER_FILE)
    assert ok.returncode == 0, ok.stdout
    wrong = _check(mypy, tmp_path, WRONG_FILE)
    assert wrong.returncode == 1 and "Incompatible types" in wrong.stdout


def test_pyright_accepts_the_user_file(tmp_path: Path) -> None:
    pyright = shutil.which("pyright", path=str(Path(sys.executable).parent))
    if pyright is None:
        pytest.skip("pyright is not installed (it comes with the dev extra)")
    tool = [pyright, "--pythonpath", sys.executable]
    ok = _check(tool, tmp_path, USER_FILE)
    assert ok.returncode == 0, ok.stdout
    wrong = _check(tool, tmp_path, WRONG_FILE)
    assert wrong.returncode == 1, wrong.stdout
