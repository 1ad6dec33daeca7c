"""Shared fixtures: the catalog under test, the fixture catalog, and the real payloads.

The catalog under test is the committed one, unless ``LLMDEX_TEST_PAYLOAD`` names a payload:
then that payload is regenerated (with our patches) into a temporary directory first, and
``import llmdex`` (here and in subprocesses) gets that catalog. CI runs the tests of logic a
second time that way, on an older payload, so they cannot lean on one payload's data; tests
marked ``data`` check the committed catalog's data and are left out of that run.
"""

from __future__ import annotations

import atexit
import copy
import functools
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
"""Where the hand-written ``llmdex`` lives; its ``models`` links to ``generated/models``."""
SHARED = ROOT.parent / "shared" / "data" / "models-dev"
PAYLOAD_DATES = ("2025-08-03", "2025-11-29", "2026-04-16", "2026-07-02")
TEST_PAYLOAD = os.environ.get("LLMDEX_TEST_PAYLOAD")
"""A payload to regenerate and test instead of the committed catalog, or None."""


def _catalog_under_test() -> None:
    # Before anything here imports llmdex: with LLMDEX_TEST_PAYLOAD, `import llmdex` (here and
    # in subprocesses) is a copy of the package around that payload's data. Regenerating
    # imports llmdex from src/, and so does pytest's warning filter (it names a class of
    # llmdex) before this file is read: those modules are dropped for the copy to load.
    if not TEST_PAYLOAD:
        return
    # Under pytest-xdist the controller regenerates once; its workers inherit the directory.
    made = os.environ.get("LLMDEX_TEST_CATALOG")
    if not made:
        from codegen.pipeline import Options, regen

        out = Path(tempfile.mkdtemp(prefix="llmdex-test-catalog-"))
        atexit.register(shutil.rmtree, out, ignore_errors=True)
        regen(Options(source=TEST_PAYLOAD, root=ROOT, write_lock=False), out=face_copy(out))
        made = os.environ["LLMDEX_TEST_CATALOG"] = str(out)
        os.environ["PYTHONPATH"] = os.pathsep.join(
            filter(None, [made, os.environ.get("PYTHONPATH")])
        )
    for name in list(sys.modules):
        if name.partition(".")[0] in {"llmdex", "codegen"}:
            del sys.modules[name]
    sys.path.insert(0, made)


def face_copy(out_root: Path) -> Path:
    """A copy of the hand-written ``llmdex`` in ``out_root``, without its data: return the
    directory its ``models`` package is to be generated into.

    A test that needs ``import llmdex`` to give another catalog (another payload, a hostile
    one) generates that catalog's data there and puts ``out_root`` first on the path; the
    code that reads it is the package's own.
    """
    shutil.copytree(
        SRC / "llmdex",
        out_root / "llmdex",
        ignore=lambda directory, names: [n for n in names if n in {"models", "__pycache__"}],
    )
    return out_root / "llmdex" / "models"


_catalog_under_test()

from codegen.fetch import fetch  # noqa: E402 - the catalog under test comes first
from codegen.lock import LOCK, Lock  # noqa: E402
from codegen.normalize import normalize  # noqa: E402
from codegen.patch import apply_patches  # noqa: E402
from codegen.pipeline import PATCHES, Options, regen  # noqa: E402
from llmdex.errors import _WARNED, DeprecatedModelWarning  # noqa: E402
from llmdex.records.model import Model  # noqa: E402
from tests import fixture_catalog  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``data`` marker."""
    config.addinivalue_line("markers", "data: checks the committed catalog's data")


def catalog_source() -> Path:
    """The payload the catalog under test was made from; skip where it is not on this machine."""
    if TEST_PAYLOAD:
        return Path(TEST_PAYLOAD)
    source = Path(Lock.read(ROOT / LOCK).source)
    path = source if source.is_absolute() else ROOT / source
    if not path.exists():
        pytest.skip(f"{path} is absent: the real payloads live in ../shared, which CI provides")
    return path


@pytest.fixture(scope="session")
def catalog_payload() -> dict[str, Any]:
    """The payload the catalog under test was made from, with our patches applied."""
    return apply_patches(fetch(str(catalog_source())).payload, ROOT / PATCHES).payload


def shared_payload(date: str) -> Path:
    """The shared models.dev payload of a date, or skip the test where ../shared is absent."""
    path = SHARED / f"api-{date}.json"
    if not path.exists():
        pytest.skip(f"{path} is absent: the real payloads live in ../shared, which CI provides")
    return path


def write_payload(directory: Path, payload: dict[str, Any], name: str = "api.json") -> Path:
    """Write ``payload`` as JSON into ``directory`` and return its path."""
    path = directory / name
    path.write_text(json.dumps(payload), encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def _fresh_deprecation_warnings() -> None:
    """Each test sees the once-per-model deprecation warnings afresh, and they are not errors.

    Resolving deprecated models is what the resolution tables do, so that warning is tested
    where it matters (tests/pricing/test_pricing.py). The filter is set here, not in
    pyproject.toml, since pytest would resolve the class there before the catalog under test
    is on the path.
    """
    _WARNED.clear()
    warnings.filterwarnings("ignore", category=DeprecatedModelWarning)


@functools.cache
def fixture_root() -> Path:
    """A directory holding the fixture catalog's package, generated on first use."""
    out = Path(tempfile.mkdtemp(prefix="llmdex-fixture-catalog-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    source = write_payload(out, fixture_catalog.payload())
    regen(
        Options(source=str(source), root=fixture_catalog.PROJECT, write_lock=False),
        out=out,
        package=fixture_catalog.PACKAGE,
    )
    return out


def fixture_dex() -> ModuleType:
    """The fixture catalog (tests/fixture_catalog.py), imported in-process."""
    root = str(fixture_root())
    if root not in sys.path:
        sys.path.insert(0, root)
    return importlib.import_module(fixture_catalog.PACKAGE)


@pytest.fixture(scope="session")
def dex() -> ModuleType:
    """The fixture catalog, for tests of logic with literal expectations."""
    return fixture_dex()


RegenInto = Callable[..., Path]


@pytest.fixture
def regen_into(tmp_path: Path) -> RegenInto:
    """Regenerate a payload (dict or path) into a fresh directory; return the package root."""
    counter = iter(range(1_000_000))

    def run(payload: dict[str, Any] | Path, *, no_patches: bool = True) -> Path:
        out_root = tmp_path / f"run{next(counter)}"
        out_root.mkdir()
        source = payload if isinstance(payload, Path) else write_payload(out_root, payload)
        regen(
            Options(source=str(source), root=ROOT, no_patches=no_patches, write_lock=False),
            out=face_copy(out_root),
        )
        return out_root

    return run


def run_with_catalog(catalog_root: Path, code: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports ``llmdex`` from ``catalog_root``."""
    prelude = f"import sys; sys.path[:0] = [{str(catalog_root)!r}, {str(SRC)!r}, {str(ROOT)!r}]\n"
    return subprocess.run(
        [sys.executable, "-S", "-c", prelude + code],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def records(payload: dict[str, Any]) -> dict[str, dict[str, Model]]:
    """The runtime records of a payload's models: provider id -> model id -> model."""
    return normalize(payload, {}).models()


def deep_copy(payload: dict[str, Any]) -> dict[str, Any]:
    """A copy of a payload a test may change."""
    return copy.deepcopy(payload)


tiny_payload = fixture_catalog.tiny_payload
model = fixture_catalog.model
provider = fixture_catalog.provider
