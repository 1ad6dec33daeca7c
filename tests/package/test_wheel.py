"""The wheel holds one top-level package, ``llmdex``, with its data package inside."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_the_wheel_holds_one_package_with_its_data(tmp_path: Path) -> None:
    # The build backend itself, in the project, as pip would call it (no network needed).
    built = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, hatchling.build; print(hatchling.build.build_wheel(sys.argv[1]))",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[-1]
    names = zipfile.ZipFile(tmp_path / built).namelist()
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
