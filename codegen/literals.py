"""Python source for runtime values: one generic writer for every record the runtime defines.

A record becomes a call of its class with one keyword per field that differs from the field's
default, in field order; values inside follow the same rules. Every string goes through
``repr``, so no payload text can become code. :attr:`Writer.imports` collects what the source
needs, by module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from llmdex.records.partial_date import PartialDate
from llmdex.records.record import MISSING, specs


def docstring(text: str) -> str:
    """``text`` as a string literal for a docstring: triple-quoted where that is exactly
    ``text`` (printable characters and newlines, no backslash, no ``\"\"\"``, no ``"`` at the
    end), else ``repr(text)``, so no text can end the string early or escape from it."""
    readable = (
        all(ch.isprintable() or ch == "\n" for ch in text)
        and "\\" not in text
        and '"""' not in text
        and not text.endswith('"')
    )
    return f'"""{text}"""' if readable else repr(text)


Namer = Callable[[Any], str | None]
"""Names a value to be written once as a module constant, or ``None`` to write it inline."""


class Writer:
    """Writes runtime values as source and remembers which names that source uses.

    ``shared`` maps a type to a :data:`Namer`: a value of that type that gets a name is
    written once (:attr:`constants`), and referred to by that name, as an attribute of
    ``namespace`` where one is given.
    The name must follow from the value alone, so a model's text never depends on which
    other models a module holds.
    """

    def __init__(
        self,
        shared: Mapping[type, Namer] | None = None,
        namespace: str | None = None,
        *,
        private: bool = False,
    ) -> None:
        self.imports: dict[str, set[str]] = {}
        """module -> names the written source uses from it."""
        self.private = private
        """Whether the source names each class by a ``_`` alias (``from m import Cost as
        _Cost``), so the module's public names are its constants alone, as completion in an
        editor lists them."""
        self.constants: dict[str, str] = {}
        """Name -> source of each shared value written so far."""
        self._shared = dict(shared or {})
        self._prefix = f"{namespace}." if namespace else ""

    def _use(self, value: object) -> str:
        return self.name_of(type(value))

    def name_of(self, cls: type) -> str:
        """How the written source names ``cls`` (recorded in :attr:`imports`)."""
        self.imports.setdefault(cls.__module__, set()).add(cls.__name__)
        return f"_{cls.__name__}" if self.private else cls.__name__

    def source(self, value: Any) -> str:
        """``value`` as a Python expression."""
        namer = self._shared.get(type(value))
        name = namer(value) if namer is not None else None
        if name is None:
            return self._inline(value)
        source = self._inline(value)
        # A namer is meant to name values injectively; if two values still meet under one
        # name, the later one is written inline rather than wrongly shared.
        if self.constants.setdefault(name, source) != source:
            return source
        return self._prefix + name

    def _inline(self, value: Any) -> str:
        if isinstance(value, Enum):
            return f"{self._use(value)}.{value.name}"
        if value is None or isinstance(value, bool | int | float | str):
            return repr(value)
        if isinstance(value, Decimal):
            return f'{self._use(value)}("{value}")'
        if isinstance(value, PartialDate):
            day = "" if value.day is None else f", {value.day}"
            return f"{self._use(value)}({value.year}, {value.month}{day})"
        if isinstance(value, tuple):
            items = [self.source(item) for item in value]
            # No trailing comma after several items: ruff would then put each on its own line.
            return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
        if isinstance(value, list):  # JSON arrays kept as they came, in extra fields
            return f"[{', '.join(self.source(item) for item in value)}]"
        if isinstance(value, dict) or (hasattr(value, "items") and not specs(type(value))):
            pairs = ", ".join(f"{self.source(k)}: {self.source(v)}" for k, v in value.items())
            return f"{{{pairs}}}"
        declared = specs(type(value))
        if not declared:
            raise TypeError(f"cannot write a {type(value).__name__} as source")
        args = [
            f"{name}={self.source(getattr(value, name))}"
            for name, spec in declared.items()
            if spec.default is MISSING or getattr(value, name) != spec.default
        ]
        return f"{self._use(value)}({', '.join(args)})"
