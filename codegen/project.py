"""Where the generator's inputs are: a checkout of llmdex, or the copy a wheel carries.

A checkout keeps ``data_sources/`` beside ``codegen/``; the wheel (``llmdex[regen]``) carries
the generator as ``llmdex._codegen`` with the inputs a user's regen reads (our patches, curated
tables, history, grants) in ``llmdex/_codegen/data_sources/``.
"""

from __future__ import annotations

from pathlib import Path


def shipped_root() -> Path:
    """The directory whose ``data_sources/`` this generator reads."""
    here = Path(__file__).resolve().parent
    return here if (here / "data_sources").is_dir() else here.parent
