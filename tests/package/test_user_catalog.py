"""A user's own catalog: the built wheel with ``[regen]`` in a fresh virtual environment.

What a user does outside any checkout: install ``llmdex[regen]``, carry in a payload file, write
a patch (a negotiated price, their fine-tuned model), run ``llmdex regen``, then import the
package it wrote, typed, and find both changes. The payload is the catalog under test's, and
the patched model is chosen from it, so a newer payload changes nothing here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from codegen.fetch import fetch
from tests.conftest import ROOT, catalog_source

PACKAGE = "acme_catalog"
FINE_TUNE = "acme-support-bot"
PRICE = Decimal("7.77")


def _run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, (
        f"{command[:3]}... exit {done.returncode}:\n{done.stdout}\n{done.stderr}"
    )
    return done.stdout


def _a_priced_model_of(provider: str, payload: dict[str, Any]) -> str:
    models = payload[provider]["models"]
    return next(m for m in sorted(models) if {"input", "output"} <= set(models[m].get("cost", {})))


def _user_patch(model_id: str) -> dict[str, object]:
    return {
        "patches": [
            {
                "provider": "openai",
                "model": model_id,
                "set": {"cost": {"input": float(PRICE)}},
                "reason": "our negotiated price",
            },
            {
                "provider": "openai",
                "model": FINE_TUNE,
                "add": {
                    "name": "Acme support bot",
                    "attachment": False,
                    "reasoning": False,
                    "tool_call": True,
                    "temperature": True,
                    "open_weights": False,
                    "release_date": "2026-10-01",
                    "last_updated": "2026-10-01",
                    "modalities": {"input": ["text"], "output": ["text"]},
                    "limit": {"context": 128000, "output": 16384},
                    "cost": {"input": 0.3, "output": 1.2},
                },
                "reason": "our fine-tune of gpt-4o-mini",
            },
        ]
    }


APP = """\
from decimal import Decimal

import {package}
from {package}.models.openai import ACME_SUPPORT_BOT
from llmdex import Model

bot: Model = ACME_SUPPORT_BOT
changed: Model = {package}.find("openai:{model}")
assert bot.cost is not None and bot.cost.input == Decimal("0.3"), bot.cost
assert changed.cost is not None and changed.cost.input == Decimal("{price}"), changed.cost
print({package}.provenance("openai:{model}")["cost.input"].patch)
print({package}.find("openai:{fine_tune}").name)
"""

WRONG = """\
from {package}.models.openai import ACME_SUPPORT_BOT

context: str = ACME_SUPPORT_BOT.limit.context
"""


def test_a_user_builds_and_imports_their_own_catalog_from_the_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "dist"
    built = _run(
        sys.executable,
        "-c",
        "import sys, hatchling.build; print(hatchling.build.build_wheel(sys.argv[1]))",
        wheels,
        cwd=ROOT,
    ).split()[-1]
    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    _run(python, "-m", "pip", "install", "--quiet", f"{wheels / built}[regen]", cwd=tmp_path)

    # The user's project, outside the checkout, with a payload carried in.
    project = tmp_path / "project"
    (project / "patches").mkdir(parents=True)
    source = catalog_source()
    published = fetch(str(source)).payload
    model_id = _a_priced_model_of("openai", published)
    (project / "patches" / "50-ours.json").write_text(json.dumps(_user_patch(model_id)))
    said = _run(
        fresh / "bin" / "llmdex",
        "regen",
        "--source",
        source,
        "--package",
        PACKAGE,
        "--out",
        "src",
        "--patches",
        "patches",
        cwd=project,
    )
    assert f"patches/50-ours.json#1 add: openai:{FINE_TUNE}" in said, said

    values = {"package": PACKAGE, "model": model_id, "price": PRICE, "fine_tune": FINE_TUNE}
    (project / "app.py").write_text(APP.format(**values))
    (project / "wrong.py").write_text(WRONG.format(**values))
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "MYPYPATH": str(project / "src")}
    shown = _run(python, "app.py", cwd=project, env=env).splitlines()
    assert shown == ["patches/50-ours.json#0", "Acme support bot"]
    shown = _run(python, "-m", PACKAGE, "show", f"openai:{FINE_TUNE}", cwd=project, env=env)
    assert "Acme support bot" in shown

    mypy = [sys.executable, "-m", "mypy", "--strict", "--python-executable", str(python)]
    _run(*mypy, "app.py", cwd=project, env=env)
    wrong = subprocess.run(
        [*mypy, "wrong.py"], cwd=project, env=env, capture_output=True, text=True, check=False
    )
    assert wrong.returncode == 1 and 'type "int", variable has type "str"' in wrong.stdout, (
        wrong.stdout
    )


@pytest.fixture(autouse=True)
def _no_checkout_on_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # The fresh interpreter must import llmdex from the wheel, never from this checkout.
    monkeypatch.delenv("PYTHONPATH", raising=False)
