"""The release version, ``MAJOR.MINOR.YYYYMMDD``: the code's version, then the data's date.

A data release (the same code with a newer models.dev payload) changes only the third part,
so ``llmdex~=0.2.0`` takes every data release of the 0.2 code and ``llmdex==0.2.20260702``
pins one catalog, as tzdata and certifi date their data. The build reads the version here
(``[tool.hatch.version]`` in pyproject.toml); ``llmdex --version`` prints it with the data's
date and age.
"""

from __future__ import annotations

CODE_VERSION = "0.2"
"""MAJOR.MINOR of the hand-written code: bumped by hand when the API changes."""


def release_version() -> str:
    """The version of a build of this tree: :data:`CODE_VERSION` and the catalog's date.

    Example:
        >>> release_version()
        '0.2.20260702'
    """
    from llmdex.models import _ABOUT

    return f"{CODE_VERSION}.{str(_ABOUT['date']).replace('-', '')}"
