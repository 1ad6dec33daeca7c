"""How a record maps to a models.dev JSON object and back, read from its field annotations.

A :class:`PayloadRecord` is described once, by its annotated fields (see
:mod:`llmdex.records.model`); :meth:`~PayloadRecord.from_dict` and
:meth:`~PayloadRecord.to_dict` follow from the annotations, and so do the generator's JSON
Schema and source writer. The annotation vocabulary is small and closed:

* ``str``, ``int``, ``float``, ``bool``, ``Any``: the JSON value as it is;
* ``Decimal``: a JSON number, kept exact; a JSON integer becomes ``Decimal("3")`` and a JSON
  float ``Decimal("3.0")``, so the exponent tells :meth:`to_dict` which one to give back;
* ``PartialDate``: a ``YYYY-MM`` or ``YYYY-MM-DD`` string;
* a ``StrEnum`` or a ``PayloadRecord`` of the defining module: its value, or its object;
* ``tuple[X, ...]`` (a JSON array), ``Mapping[str, X]`` (an object), ``X | Y | None``.

A field the payload leaves out is ``None``; unknown keys go to ``extra`` and come back.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping

from llmdex.records.partial_date import PartialDate
from llmdex.records.record import MISSING, Record, specs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, NoReturn, Self

    Convert = Callable[[Any], Any]
    _MappingBase = Mapping[str, Any]
else:
    _MappingBase = Mapping

EXTRA = "extra"
"""The field that keeps keys a record does not know."""


class _Empty(_MappingBase):
    # Immutable and hashable, so one instance can be every record's default ``extra``.
    __slots__ = ()

    def __getitem__(self, key: str) -> NoReturn:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __hash__(self) -> int:
        return 0

    def __repr__(self) -> str:
        return "{}"


EMPTY: Mapping[str, Any] = _Empty()
"""The shared empty ``extra`` mapping."""


class Shape:
    """One annotation, parsed: what it is (``kind``) and the shapes it is made of.

    ``kind`` is ``scalar`` (``target`` is ``str``, ``int``, ...), ``decimal``, ``date``,
    ``enum``, ``record``, ``tuple`` or ``mapping`` (``items`` has the element's shape), or
    ``union`` (``items`` has the alternatives). ``optional`` says ``None`` is allowed.
    """

    __slots__ = ("items", "kind", "optional", "target")

    def __init__(
        self,
        kind: str,
        target: Any = None,
        items: tuple[Shape, ...] = (),
        optional: bool = False,
    ) -> None:
        self.kind = kind
        self.target = target
        self.items = items
        self.optional = optional

    def __repr__(self) -> str:
        name = getattr(self.target, "__name__", self.target or "")
        target = f"({name})" if name else ""
        inner = f"[{', '.join(map(repr, self.items))}]" if self.items else ""
        return f"{self.kind}{target}{inner}{'?' if self.optional else ''}"

    def accepts(self, value: object) -> bool:
        """Whether a JSON value can be read as this shape (used to pick a union branch)."""
        if self.kind == "scalar":
            if self.target is object:
                return True
            if isinstance(value, bool):
                return self.target is bool
            return isinstance(value, self.target)
        if self.kind == "decimal":
            return isinstance(value, int | float) and not isinstance(value, bool)
        if self.kind in {"date", "enum"}:
            return isinstance(value, str)
        if self.kind == "tuple":
            return isinstance(value, list)
        return isinstance(value, dict)

    def holds(self, value: object) -> bool:
        """Whether a runtime value is of this shape (used to pick a union branch)."""
        if self.kind in {"scalar", "enum", "record"}:
            target: type = self.target
            return isinstance(value, target) and (target is not int or not isinstance(value, bool))
        if self.kind == "decimal":
            return type(value).__name__ == "Decimal"
        if self.kind == "date":
            return isinstance(value, PartialDate)
        return isinstance(value, tuple if self.kind == "tuple" else dict)


_SCALARS: dict[str, Any] = {"str": str, "int": int, "float": float, "bool": bool, "Any": object}


def parse(annotation: str, namespace: Mapping[str, Any]) -> Shape:
    """The :class:`Shape` of an annotation string, resolving names in ``namespace``."""
    branches = _split(annotation, "|")
    optional = "None" in branches
    shapes = tuple(_parse_one(b, namespace) for b in branches if b != "None")
    if len(shapes) == 1:
        shape = shapes[0]
        shape.optional = optional
        return shape
    return Shape("union", items=shapes, optional=optional)


def _parse_one(text: str, namespace: Mapping[str, Any]) -> Shape:
    head, _, rest = text.partition("[")
    if rest:
        args = _split(rest.removesuffix("]"), ",")
        if head == "tuple" and len(args) == 2 and args[1] == "...":
            return Shape("tuple", items=(parse(args[0], namespace),))
        if head == "Mapping" and len(args) == 2 and args[0] == "str":
            return Shape("mapping", items=(parse(args[1], namespace),))
        raise TypeError(f"cannot map the annotation {text!r} to JSON")
    if head in _SCALARS:
        return Shape("scalar", _SCALARS[head])
    if head == "Decimal":
        return Shape("decimal")
    if head == "PartialDate":
        return Shape("date", PartialDate)
    target = namespace.get(head)
    if isinstance(target, type) and issubclass(target, PayloadRecord):
        return Shape("record", target)
    if isinstance(target, type) and issubclass(target, str) and hasattr(target, "__members__"):
        return Shape("enum", target)
    raise TypeError(f"cannot map the annotation {text!r} to JSON")


def _split(text: str, separator: str) -> list[str]:
    # Split at top-level separators only: "tuple[a | b, ...] | None" -> two parts.
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if char == separator and depth == 0:
            parts.append(text[start:index].strip())
            start = index + 1
    parts.append(text[start:].strip())
    return parts


def _decimal(value: int | float) -> Any:
    from decimal import Decimal

    if isinstance(value, int):
        return Decimal(value)
    # repr gives the shortest text that reads back as the same float; "f" drops any
    # exponent, and a float always keeps a fractional digit so it comes back a float.
    text = format(Decimal(repr(value)), "f")
    return Decimal(text if "." in text else text + ".0")


def _number(value: Any) -> int | float:
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value)
    return float(value)


def reader(shape: Shape) -> Convert:
    """A function from a JSON value to the runtime value of ``shape``."""
    kind = shape.kind
    if kind == "scalar":
        return _identity
    if kind == "decimal":
        return _decimal
    if kind == "date":
        return PartialDate.parse
    if kind in {"enum", "record"}:
        read: Convert = shape.target.from_dict if kind == "record" else shape.target
        return read
    if kind == "tuple":
        item = reader(shape.items[0])
        return lambda values: tuple(item(v) for v in values)
    if kind == "mapping":
        item = reader(shape.items[0])
        return lambda values: {k: item(v) for k, v in values.items()}
    branches = [(branch, reader(branch)) for branch in shape.items]

    def union(value: Any) -> Any:
        for branch, read in branches:
            if branch.accepts(value):
                return read(value)
        raise TypeError(f"{value!r} is none of {shape!r}")

    return union


def writer(shape: Shape) -> Convert:
    """A function from the runtime value of ``shape`` to its JSON value."""
    kind = shape.kind
    if kind == "scalar":
        return _identity
    if kind == "decimal":
        return _number
    if kind == "date":
        return str
    if kind == "enum":
        return lambda value: value.value
    if kind == "record":
        return lambda value: value.to_dict()
    if kind == "tuple":
        item = writer(shape.items[0])
        return lambda values: [item(v) for v in values]
    if kind == "mapping":
        item = writer(shape.items[0])
        return lambda values: {k: item(v) for k, v in values.items()}
    branches = [(branch, writer(branch)) for branch in shape.items]

    def union(value: Any) -> Any:
        for branch, write in branches:
            if branch.holds(value):
                return write(value)
        raise TypeError(f"{value!r} is none of {shape!r}")

    return union


def _identity(value: Any) -> Any:
    return value


class PayloadField:
    """One field of a payload record: its JSON key, shape and converters."""

    __slots__ = ("key", "minimum", "name", "read", "required", "shape", "write")

    def __init__(self, name: str, key: str, shape: Shape, required: bool, minimum: int | None):
        self.name = name
        self.key = key
        self.shape = shape
        self.required = required
        self.minimum = minimum
        self.read = reader(shape)
        self.write = writer(shape)


def payload_fields(cls: type[PayloadRecord]) -> tuple[PayloadField, ...]:
    """The fields of ``cls`` that come from a models.dev object (not derived, not ``extra``).

    Parsed from the annotations on first use and cached on the class.
    """
    cached: tuple[PayloadField, ...] | None = cls.__dict__.get("_payload_fields")
    if cached is not None:
        return cached
    annotations: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        # Not inspect.get_annotations: the runtime does not import inspect (see record.py).
        annotations.update(base.__dict__.get("__annotations__", {}))  # noqa: RUF063
    namespace = vars(sys.modules[cls.__module__])
    found = tuple(
        PayloadField(
            name,
            spec.key or name,
            parse(annotations[name], namespace),
            spec.default is MISSING,
            spec.minimum,
        )
        for name, spec in specs(cls).items()
        if name != EXTRA and not spec.derived
    )
    type.__setattr__(cls, "_payload_fields", found)
    return found


class PayloadRecord(Record):
    """Base of the records that are models.dev objects; see the module docstring."""

    __slots__ = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], **derived: Any) -> Self:
        """Build the record from its models.dev object; ``derived`` gives llmdex's own fields.

        Example:
            >>> Limit.from_dict({"context": 128000, "output": 16384})
            Limit(context=128000, output=16384, input=None, extra={})
        """
        known = payload_fields(cls)
        values: dict[str, Any] = dict(derived)
        for spec in known:
            raw = data.get(spec.key, MISSING)
            if raw is not MISSING and raw is not None:
                values[spec.name] = spec.read(raw)
        keys = {spec.key for spec in known}
        extra = {key: value for key, value in data.items() if key not in keys}
        if extra:
            values[EXTRA] = extra
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object this record was made from, exactly.

        Example:
            >>> GPT_4O.limit.to_dict()
            {'context': 128000, 'output': 16384}
        """
        out: dict[str, Any] = {}
        for spec in payload_fields(type(self)):
            value = getattr(self, spec.name)
            if value is not None:
                out[spec.key] = spec.write(value)
        out.update(getattr(self, EXTRA, None) or {})
        return out
