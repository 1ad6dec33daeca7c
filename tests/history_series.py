"""A small dated series of payloads of our own, and a catalog built from it with its history.

The series: ``acme:m-1`` changes price twice; ``acme:new-1`` appears in the second payload;
``acme:old-2024-06-01`` and ``beta:m-1`` are gone from the third, where a newer release of the
``old`` family appears; ``structured_output`` enters the schema in the second payload; the
provider ``gamma`` appears in the third.
"""

from __future__ import annotations

import importlib
import itertools
import json
import shutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from codegen.history import HISTORY
from codegen.pipeline import Options, backfill, regen
from tests.fixture_catalog import PROJECT, model, provider

DATES = ("2025-01-05", "2025-02-02", "2025-03-02")


def cost(inp: float, out: float) -> dict[str, float]:
    return {"input": inp, "output": out}


def series() -> list[dict[str, Any]]:
    first = {
        "acme": provider(
            "acme",
            model("m-1", cost=cost(1, 2)),
            model("old-2024-06-01", release_date="2024-06-01", cost=cost(1, 1)),
        ),
        "beta": provider("beta", model("m-1", cost=cost(5, 5))),
    }
    second = json.loads(json.dumps(first))
    second["acme"]["models"]["m-1"]["cost"]["input"] = 2
    second["acme"]["models"]["new-1"] = model("new-1", cost=cost(0.5, 0.5))
    for prov in second.values():
        for obj in prov["models"].values():
            obj["structured_output"] = True
    third = json.loads(json.dumps(second))
    third["acme"]["models"]["m-1"]["cost"]["input"] = 3
    del third["acme"]["models"]["old-2024-06-01"]
    third["acme"]["models"]["old-2025-02-01"] = model("old-2025-02-01", release_date="2025-02-01")
    del third["beta"]["models"]["m-1"]
    third["gamma"] = provider("gamma", model("g-1"))
    return [first, second, third]


def project(tmp: Path, payloads: list[dict[str, Any]]) -> tuple[Path, Path]:
    # A project of its own: the fixture's curated tables, no patches, no aliases; and the
    # series as dated payload files.
    root = tmp / "project"
    (root / "data_sources").mkdir(parents=True)
    for name in ("first_party.json", "protocols.json", "dialects.json"):
        shutil.copy(PROJECT / "data_sources" / name, root / "data_sources" / name)
    (root / "data_sources" / "aliases.json").write_text('{"aliases": []}')
    dated = tmp / "series"
    dated.mkdir()
    for date, payload in zip(DATES, payloads, strict=False):
        (dated / f"api-{date}.json").write_text(json.dumps(payload))
    return root, dated


_NAMES = itertools.count(1)


def build(
    tmp: Path, payloads: list[dict[str, Any]] | None = None, *, no_patches: bool = False
) -> tuple[ModuleType, Path, Path]:
    """Backfill ``payloads`` (the series by default; the first few of it for an older
    catalog), regenerate from the last one, import the package."""
    payloads = series() if payloads is None else payloads
    root, dated = project(tmp, payloads)
    history, skipped = backfill(root, dated, no_patches=no_patches)
    assert skipped == []
    history.write(root / HISTORY)
    name = f"history_dex_{next(_NAMES)}"
    out = tmp / "out"
    source = str(dated / f"api-{DATES[len(payloads) - 1]}.json")
    options = Options(source=source, root=root, write_lock=False, no_patches=no_patches)
    regen(options, out=out, package=name)
    sys.path.insert(0, str(out))
    return importlib.import_module(name), root, dated
