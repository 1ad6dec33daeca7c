"""Smoke tests of the catalog under test: it is its payload, loaded lazily, found by spec.

Expectations come from the payload the catalog was made from (``catalog_payload``), never
from literals, so they hold for the committed catalog and for any regenerated one.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

import llmdex
from codegen.lock import LOCK, Lock
from llmdex import Provider
from tests.conftest import ROOT, SRC, run_with_catalog


def test_import_llmdex_imports_no_provider_module_and_builds_no_enum() -> None:
    result = run_with_catalog(
        SRC,
        "import sys, llmdex\n"
        "def loaded():\n"
        "    return sorted(m for m in sys.modules if m.startswith('llmdex.models'))\n"
        "print(loaded())\n"
        "llmdex.find('openai:gpt-4o')\n"
        "print(loaded())\n",
    )
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.splitlines()
    assert before == "[]"
    assert "'llmdex.models.openai'" in after and "_provider_enum" not in after


def test_every_provider_is_its_payload_object(catalog_payload: dict[str, Any]) -> None:
    assert {p.value for p in Provider} == set(catalog_payload)
    for member in Provider:
        expected = {k: v for k, v in catalog_payload[member.value].items() if k != "models"}
        assert member.to_dict() == expected, member
        assert member.env == tuple(expected["env"])


def test_counts_are_the_payload_counts(catalog_payload: dict[str, Any]) -> None:
    models = sum(len(p["models"]) for p in catalog_payload.values())
    info = llmdex.catalog_info()
    assert (len(catalog_payload), models) == (info.providers, info.models)
    assert sum(1 for _ in llmdex.all_models()) == models


def test_a_sample_of_models_round_trips_and_is_found(catalog_payload: dict[str, Any]) -> None:
    specs = sorted(f"{p}:{m}" for p, raw in catalog_payload.items() for m in raw["models"])
    for spec in random.Random(0).sample(specs, 200):
        pid, _, mid = spec.partition(":")
        model = llmdex.find(spec)
        assert model.to_dict() == catalog_payload[pid]["models"][mid]
        assert llmdex.find(mid, provider=pid) is model
        assert llmdex.models_of(pid)[mid] is model


def test_a_constant_is_what_find_returns() -> None:
    from llmdex.models.openai import GPT_4O

    assert llmdex.find("openai:gpt-4o") is GPT_4O
    assert llmdex.find(GPT_4O) is GPT_4O
    assert GPT_4O.provider == Provider.OPENAI


def test_star_import_needs_no_requests_and_dir_shows_the_public_names() -> None:
    result = run_with_catalog(
        SRC,
        "import sys; sys.modules['requests'] = None\n"
        "from llmdex import *\n"
        "import llmdex\n"
        "print(HttpPolicy().max_retries, Client.__name__, catalog_info().providers > 0)\n"
        "print(' '.join(dir(llmdex)))\n",
    )
    assert result.returncode == 0, result.stderr
    first, names = result.stdout.splitlines()
    assert first == "2 Client True"
    shown = set(names.split())
    assert {"Usage", "find", "models", "catalog_info", "__version__", "Provider"} <= shown
    assert not {n for n in shown if n.startswith("_") and n != "__version__"}
    assert "TYPE_CHECKING" not in shown


def test_a_deprecated_model_warns_visibly_once() -> None:
    # Python's default filters hide DeprecationWarning outside __main__; ours is a UserWarning.
    result = run_with_catalog(
        SRC,
        "from llmdex.errors import warn_deprecated\n"
        "for _ in range(3):\n"
        "    warn_deprecated('acme:old', 'acme:old is deprecated', 1)\n"
        "warn_deprecated('acme:old', 'acme:old is deprecated', 1)\n"
        "warn_deprecated('acme:older', 'acme:older is deprecated', 1)\n",
    )
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "DeprecatedModelWarning" in line]
    assert len(warnings) == 2 and "acme:old is" in warnings[0] and "acme:older" in warnings[1]


@pytest.mark.data
def test_catalog_info_is_the_lock_and_the_installed_version() -> None:
    from importlib.metadata import version

    lock = Lock.read(ROOT / LOCK)
    info = llmdex.catalog_info()
    assert (info.sha256, info.date, info.providers, info.models) == (
        lock.sha256,
        lock.date,
        lock.providers,
        lock.models,
    )
    assert info.source == Path(lock.source).name.removesuffix(".gz") and info.patches > 0
    assert info.llmdex_version == llmdex.__version__ == version("llmdex")


def test_the_lock_and_the_history_name_files_of_the_project_not_of_a_machine() -> None:
    # `make history` and `make regen` take absolute paths; what they write must not.
    lock = Lock.read(ROOT / LOCK)
    assert lock.source.startswith("data_sources/") and not Path(lock.source).is_absolute()
    with (ROOT / "data_sources" / "history.jsonl").open() as history:
        first = json.loads(history.readline())
    assert all("/" not in source for _, _, source in first["snapshots"])
