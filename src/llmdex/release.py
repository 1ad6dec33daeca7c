"""The release version, ``MAJOR.MINOR.YYYYMMDD``: the code's version, then the data's date.

A data release (the same code with a newer models.dev payload) changes only the third part,
so ``llmdex~=0.2.0`` takes every data release of the 0.2 code and ``llmdex==0.2.20260702``
pins one catalog, as tzdata and certifi date their data. The build reads the version here
(``[tool.hatch.version]`` in pyproject.toml); ``llmdex --version`` prints it with the data's
date and age.
"""

from __future__ import annotations

from pathlib import Path

CODE_VERSION = "0.2"
"""MAJOR.MINOR of the hand-written code: bumped by hand when the API changes."""


def release_version() -> str:
    """The version of a build of this tree: :data:`CODE_VERSION` and the catalog's date.

    The build runs this from the file, with nothing importable: the date is read from the
    data package's source (``models/__init__.py`` beside this file, or ``generated/models``
    in an sdist, which keeps no links), never by importing it.

    Example:
        >>> release_version()
        '0.2.20260702'
    """
    import ast

    here = Path(__file__).resolve().parent
    data = here / "models"
    if not data.is_dir():
        data = here.parent.parent / "generated" / "models"
    tree = ast.parse((data / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "_ABOUT":
            about = ast.literal_eval(node.value) if node.value is not None else {}
            return f"{CODE_VERSION}.{str(about['date']).replace('-', '')}"
    raise LookupError(f"{data / '__init__.py'}: no _ABOUT table to date the release by")
