"""PEP 562 hooks that import a package's names and submodules the first time they are read.

``llmdex/__init__.py`` and the generated ``llmdex.models`` use them, so a name costs nothing
until a program first uses it, as plotly's ``relative_import`` does for its generated packages.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping
    from typing import Any


def lazy_attributes(
    package: str, sources: Mapping[str, Iterable[str]], submodules: Iterable[str] = ()
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """PEP 562 ``__getattr__`` and ``__dir__`` for ``package``.

    ``sources`` maps a module (absolute, or relative to ``package`` with a leading ``.``) to
    the names it provides; ``submodules`` are the package's own modules to import when named
    (``llmdex.models``). A name is imported the first time it is read, then kept in the
    package's namespace, so later reads are plain attribute reads.

    Example:
        >>> __getattr__, __dir__ = lazy_attributes(__name__, {".client": ("Client",)})
    """
    origin = {name: module for module, names in sources.items() for name in names}
    origin.update({name: f".{name}" for name in submodules})

    def __getattr__(name: str) -> object:  # noqa: N807 - the PEP 562 hook
        module = origin.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        found = import_module(package + module if module.startswith(".") else module)
        value = found if module == f".{name}" else getattr(found, name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the PEP 562 hook
        # Public names only: not the TYPE_CHECKING flag nor the private helpers.
        namespace = sys.modules[package].__dict__
        public = (n for n in namespace if not n.startswith("_") and n != "TYPE_CHECKING")
        return sorted({*origin, *public})

    return __getattr__, __dir__


def lazy_submodules(
    package: str, names: Iterable[str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """PEP 562 hooks importing the submodule ``package.name`` the first time it is named."""
    known = frozenset(names)

    def __getattr__(name: str) -> object:  # noqa: N807 - the PEP 562 hook
        if name not in known:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return import_module(f"{package}.{name}")

    def __dir__() -> list[str]:  # noqa: N807 - the PEP 562 hook
        return sorted(known)

    return __getattr__, __dir__


def import_module(name: str) -> Any:
    """The module with the absolute dotted ``name``, imported if it is not yet.

    What ``importlib.import_module`` does for an absolute name, without importing
    :mod:`importlib`, which imports :mod:`warnings`: together 4% of ``import llmdex`` and a
    first ``find()``.

    Example:
        >>> import_module("llmdex.models.openai").GPT_4O.id
        'gpt-4o'
    """
    # Always through __import__, even when sys.modules has the name: a module another thread
    # is still running is there already, and __import__ waits for it to finish.
    __import__(name)
    return sys.modules[name]
