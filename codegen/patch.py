"""Stage 3: apply ``data_sources/patches/*.json`` to the validated payload.

The patch format comes with its own issue; until then this stage reads the directory,
applies nothing and fails if a patch file is present, so no patch is ever silently ignored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codegen.errors import PatchError


@dataclass(frozen=True, slots=True)
class Patched:
    """The payload after patching, and the patch files that were applied, in order."""

    payload: Mapping[str, Any]
    files: tuple[Path, ...]


def apply_patches(payload: Mapping[str, Any], directory: Path) -> Patched:
    """Apply every patch file of ``directory`` in file-name order."""
    files = tuple(sorted(directory.glob("*.json"))) if directory.is_dir() else ()
    if files:
        raise PatchError(
            f"{files[0]}: patch files are not supported by this version of codegen yet; "
            "remove the file or regenerate with NO_PATCHES=1"
        )
    return Patched(payload, files)
