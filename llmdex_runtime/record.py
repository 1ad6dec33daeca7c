"""``@record``: immutable, slotted value classes without importing :mod:`dataclasses`.

Why not dataclasses: ``import dataclasses`` pulls in ``inspect``, ``re`` and ``typing`` and
cost 17 ms on our CI machine, and making a dozen slotted dataclasses another 10 ms, three
times the budget of ``import llmdex`` plus a first lookup. A record has what the catalog's
types need and no more: keyword-only construction with defaults, ``__slots__``, no assignment
after ``__init__``, field-wise ``==``, ``hash`` and ``repr``, pickling, and :func:`replace`.
Type checkers see it as a frozen, keyword-only dataclass (PEP 681).
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform

    _T = TypeVar("_T")
else:

    def dataclass_transform(**_: object) -> object:
        return lambda decorated: decorated


def _immutable(self: object, name: str, value: object = None) -> None:
    raise AttributeError(f"{type(self).__name__} is immutable; use llmdex_runtime.replace()")


def _rebuild(cls: type[_T], values: tuple[Any, ...]) -> _T:
    return cls(**dict(zip(fields(cls), values, strict=True)))


def _values(self: object) -> tuple[Any, ...]:
    return tuple(getattr(self, name) for name in fields(type(self)))


def _record_eq(self: object, other: object) -> object:
    if other.__class__ is not self.__class__:
        return NotImplemented
    return _values(self) == _values(other)


def _record_hash(self: object) -> int:
    return hash(_values(self))


def _record_reduce(self: object) -> tuple[Any, ...]:
    return (_rebuild, (type(self), _values(self)))


def _record_repr(self: object) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in fields(type(self)))
    return f"{type(self).__name__}({shown})"


@dataclass_transform(kw_only_default=True, frozen_default=True)
def record(cls: type[_T]) -> type[_T]:
    """Turn a class with annotated fields into an immutable, slotted record class.

    Fields are the annotated names of the class and of its record bases, in order; a class
    attribute gives a field its default.

    Example:
        >>> @record
        ... class Point:
        ...     x: int
        ...     y: int = 0
        >>> Point(x=1)
        Point(x=1, y=0)
    """
    inherited: tuple[str, ...] = getattr(cls, "__record_fields__", ())
    # Not inspect.get_annotations: importing inspect is what this module exists to avoid.
    annotations = cls.__dict__.get("__annotations__", {})  # noqa: RUF063
    own = tuple(name for name in annotations if name not in inherited)
    defaults = {name: cls.__dict__[name] for name in own if name in cls.__dict__}
    defaults.update(getattr(cls, "__record_defaults__", {}))
    names = inherited + own
    namespace = {
        k: v for k, v in cls.__dict__.items() if k not in {*own, "__dict__", "__weakref__"}
    }
    namespace.update(__slots__=own, __record_fields__=names, __record_defaults__=defaults)
    for method, generic in (
        ("__repr__", _record_repr),
        ("__eq__", _record_eq),
        ("__hash__", _record_hash),
        ("__reduce__", _record_reduce),
    ):
        namespace.setdefault(method, generic)
    namespace["__setattr__"] = namespace["__delattr__"] = _immutable
    namespace["__init__"] = _init(names, defaults)
    made: type[_T] = type(cls)(cls.__name__, cls.__bases__, namespace)  # type: ignore[misc]
    return made


def fields(cls: type[object]) -> tuple[str, ...]:
    """The field names of a record class, in constructor order."""
    names: tuple[str, ...] = getattr(cls, "__record_fields__", ())
    return names


def _init(names: tuple[str, ...], defaults: dict[str, Any]) -> Any:
    # Compiled per class: construction is the cost of loading the catalog (thousands of
    # records), and a specialised __init__ is twice as fast as a generic one. The source is
    # built from field names only (identifiers of our own classes), never from data.
    scope: dict[str, Any] = {"_set": object.__setattr__}
    params = []
    for name in names:
        if name in defaults:
            scope[f"_default_{name}"] = defaults[name]
            params.append(f"{name}=_default_{name}")
        else:
            params.append(name)
    body = "".join(f"    _set(self, {name!r}, {name})\n" for name in names) or "    pass\n"
    exec(f"def __init__(self, *, {', '.join(params)}):\n{body}", scope)
    return scope["__init__"]


def replace(obj: _T, **changes: Any) -> _T:
    """A copy of the record ``obj`` with ``changes`` applied.

    Example:
        >>> replace(Point(x=1), y=2)
        Point(x=1, y=2)
    """
    cls = type(obj)
    values = {name: getattr(obj, name) for name in fields(cls)}
    unknown = set(changes) - set(values)
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
    return cls(**{**values, **changes})
