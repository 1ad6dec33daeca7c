"""Stage 6: import the candidate package in a fresh interpreter, check it, then swap it in.

The check runs in a subprocess so nothing of an earlier catalog is already imported, and with
``-S`` so only the candidate and the runtime are on the path.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .errors import VerifyError

_PROBE = Path(__file__).with_name("probe.py")
_TIMEOUT = 300


def verify(
    candidate_root: Path, package: str, source_root: Path, expected: Mapping[str, Any]
) -> None:
    """Check that the package ``package`` under ``candidate_root`` round-trips ``expected``."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(expected, f)
    try:
        result = subprocess.run(
            [
                sys.executable,
                "-S",
                str(_PROBE),
                str(candidate_root),
                package,
                str(source_root),
                f.name,
            ],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise VerifyError(f"importing the candidate package took over {_TIMEOUT} s") from None
    finally:
        os.unlink(f.name)
    if result.returncode != 0:
        # The probe's last line is the exception that stopped it.
        said = (result.stdout + result.stderr).strip().splitlines() or ["no output"]
        raise VerifyError(
            f"the candidate package failed verification ({said[-1][:300]}); "
            "this is a generator bug: report it with the payload"
        )


def swap(candidate: Path, target: Path) -> None:
    """Replace the directory ``target`` with ``candidate`` (same file system), or restore it."""
    old = Path(tempfile.mkdtemp(prefix=".old-", dir=target.parent))
    moved = False
    try:
        if target.exists():
            os.replace(target, old / target.name)
            moved = True
        os.replace(candidate, target)
    except OSError as exc:
        if moved and not target.exists():
            os.replace(old / target.name, target)
        raise VerifyError(f"could not move the new package into {target}: {exc}") from None
    finally:
        shutil.rmtree(old, ignore_errors=True)
