"""The wheel holds one top-level package, ``llmdex``, with its data package inside."""

from __future__ import annotations

import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_holds_one_package_with_its_data(tmp_path: Path) -> None:
    # The build backend itself, in the project, as pip would call it (no network needed).
    names = zipfile.ZipFile(_build("wheel", tmp_path, ROOT)).namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"llmdex"}
    data = ROOT / "generated" / "models"
    expected = {
        "llmdex/models/" + p.relative_to(data).as_posix()
        for p in data.rglob("*")
        if p.suffix in {".py", ".pyi"}
    }
    assert expected <= set(names), sorted(expected - set(names))[:5]
    assert "llmdex/py.typed" in names
    assert not any(n.startswith(("codegen/", "tests/", "generated/")) for n in names)


def test_the_wheel_publishes_the_users_extras_and_not_the_maintainers_tools(
    tmp_path: Path,
) -> None:
    wheel = zipfile.ZipFile(_build("wheel", tmp_path, ROOT))
    (metadata,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    lines = wheel.read(metadata).decode().splitlines()
    extras = {line.split(": ", 1)[1] for line in lines if line.startswith("Provides-Extra: ")}
    assert extras == {"client", "postgres", "regen", "site"}
    # The dev group's pins (SDKs, mypy, the peers' tools) stay in the project, not the wheel.
    requires = [line for line in lines if line.startswith("Requires-Dist: ")]
    assert requires and not any("mypy" in line or "anthropic" in line for line in requires)


def _build(kind: str, directory: Path, cwd: Path) -> Path:
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys, hatchling.build; print(hatchling.build.build_{kind}(sys.argv[1]))",
            str(directory),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    return directory / built


def test_a_wheel_built_from_the_sdist_is_the_wheel_built_here(tmp_path: Path) -> None:
    # The sdist keeps no symbolic links: the wheel takes the data package and the generator
    # from generated/ and codegen/ themselves, so both builds hold the same files.
    here = zipfile.ZipFile(_build("wheel", tmp_path / "here", ROOT))
    sdist = _build("sdist", tmp_path / "sdist", ROOT)
    with tarfile.open(sdist) as archive:
        archive.extractall(tmp_path / "unpacked", filter="data")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    there = zipfile.ZipFile(_build("wheel", tmp_path / "there", unpacked))
    assert sorted(here.namelist()) == sorted(there.namelist())
    names = set(here.namelist())
    assert {"llmdex/_codegen/pipeline.py", "llmdex/_codegen/templates/header.jinja"} <= names
    assert "llmdex/_codegen/data_sources/patches/10-dates.json" in names
    assert not any("__pycache__" in n or n.endswith(".json.gz") for n in names)
