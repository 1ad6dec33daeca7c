"""The catalog and runtime, which need only the standard library, work on newer Pythons too.

Runs under every CPython 3.12+ found on the machine (pyenv's versions or python3.1x on PATH),
with ``-S`` so nothing but the standard library and this checkout is importable.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SMOKE = f"""
import sys, pickle, copy, json, warnings
warnings.simplefilter("ignore")
sys.path[:0] = [{str(ROOT / "src")!r}, {str(ROOT)!r}]
import llmdex
from llmdex import Usage, Provider
n = sum(1 for m in llmdex.all_models() if json.dumps(m.to_dict()))
assert n == llmdex.catalog_info().models, n
m = llmdex.find("openai:gpt-4o")
assert llmdex.find("gpt-4o") is m
assert llmdex.find("anthropic:claude-3-5-sonnet").id == "claude-3-5-sonnet-20241022"
assert str(m.cost_of(Usage(input_tokens=120_000, cache_read_tokens=20_000, output_tokens=2_000)).total) == "0.29500000"
assert pickle.loads(pickle.dumps(m)) == m and copy.deepcopy(m) == m
assert Provider("openai") is Provider.OPENAI and Provider.OPENAI.env == ("OPENAI_API_KEY",)
assert len(llmdex.catalog().where(provider="anthropic", reasoning=True)) > 0
print(sys.version_info[:2])
"""


def _interpreters() -> dict[str, str]:
    root = os.environ.get("PYENV_ROOT", str(Path.home() / ".pyenv"))
    found = sorted(glob.glob(f"{root}/versions/3.1[2-9]*/bin/python3"))
    found += [p for p in (shutil.which(f"python3.{minor}") for minor in range(12, 16)) if p]
    versions: dict[str, str] = {}
    for path in found:
        probe = subprocess.run([path, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               capture_output=True, text=True, check=False)  # fmt: skip
        if probe.returncode == 0:
            versions.setdefault(probe.stdout.strip(), path)
    return versions


INTERPRETERS = _interpreters()


@pytest.mark.parametrize("version", sorted(INTERPRETERS) or ["none"])
def test_catalog_works_on_newer_pythons(version: str) -> None:
    if version == "none":
        pytest.skip("no CPython 3.12 or newer on this machine")
    result = subprocess.run(
        [INTERPRETERS[version], "-S", "-c", SMOKE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
