"""Formatting generated Python with the pinned ruff, the same way everywhere codegen writes it.

``--isolated`` with explicit settings: the result must not depend on where the files are
written or on any configuration file found above them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import EmitError

SETTINGS = ("--isolated", "--line-length=100", "--target-version=py311", "--quiet", "--no-cache")


def format_python(path: Path) -> None:
    """Sort imports and format the Python file or tree at ``path``; raise :class:`EmitError`."""
    ruff = [sys.executable, "-m", "ruff"]
    for command in (
        [*ruff, "check", "--select=I", "--fix", *SETTINGS, str(path)],
        [*ruff, "format", *SETTINGS, str(path)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            said = (result.stdout + result.stderr).strip().splitlines() or ["no output"]
            raise EmitError(
                f"ruff could not format the generated code in {path} ({said[0][:300]}); "
                "this is a generator bug: report it with the payload"
            )
