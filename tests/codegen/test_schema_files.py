"""The files ``make schema`` writes are what it would write now from the records."""

from __future__ import annotations

import shutil
from pathlib import Path

from codegen.patch import SCHEMA as PATCH_SCHEMA
from codegen.schema import (
    OUTPUT,
    SCHEMA,
    write_patch_schema,
    write_payload_schema,
    write_upstream_models,
)
from tests.conftest import ROOT


def test_make_schema_would_change_nothing(tmp_path: Path) -> None:
    # The formatter reads the project's settings, so the scratch root carries them.
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for relative in (SCHEMA, OUTPUT, PATCH_SCHEMA):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
    written = [
        write_payload_schema(tmp_path),
        write_upstream_models(tmp_path),
        write_patch_schema(tmp_path),
    ]
    for path in written:
        relative = path.relative_to(tmp_path)
        committed = (ROOT / relative).read_text(encoding="utf-8")
        assert path.read_text(encoding="utf-8") == committed, f"{relative}: run `make schema`"
