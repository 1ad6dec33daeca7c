"""``@record``: immutable, slotted value classes without importing :mod:`dataclasses`.

Why not dataclasses: ``import dataclasses`` pulls in ``inspect``, ``re`` and ``typing`` and
cost 17 ms on our CI machine, and making a dozen slotted dataclasses another 10 ms, three
times the budget of ``import llmdex`` plus a first lookup. A record has what the catalog's
types need and no more: keyword-only construction with defaults, ``__slots__``, no assignment
after ``__init__``, field-wise ``==``, ``hash`` and ``repr``, pickling, and :func:`replace`.
Type checkers see it as a frozen, keyword-only dataclass (PEP 681), with :func:`field` as its
field specifier.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, TypeVar, dataclass_transform, overload

    _T = TypeVar("_T")
else:

    def dataclass_transform(**_: object) -> object:
        return lambda decorated: decorated


# A generated __init__ with this many fields or more binds object.__setattr__ to the instance
# once, under this local name (see init_source).
_BIND_FROM = 3
_BOUND = "_setattr"


class _Missing:
    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()
"""The default of a field that has none."""


class Field:
    """What :func:`field` declares about one field of a record.

    ``key`` is the field's name in a models.dev object where it differs (``provider`` for
    ``Model.provider_override``); a ``derived`` field is computed by llmdex, not read from the
    payload; ``minimum`` bounds a number the payload gives.
    """

    __slots__ = ("default", "derived", "key", "minimum", "name")

    def __init__(self, default: Any, key: str | None, derived: bool, minimum: int | None) -> None:
        self.name = ""
        self.default = default
        self.key = key
        self.derived = derived
        self.minimum = minimum

    def __repr__(self) -> str:
        return f"Field({self.name!r}, default={self.default!r}, key={self.key!r})"


if TYPE_CHECKING:

    @overload
    def field(
        *,
        default: _T,
        key: str | None = None,
        derived: bool = False,
        minimum: int | None = None,
    ) -> _T: ...

    @overload
    def field(
        *, key: str | None = None, derived: bool = False, minimum: int | None = None
    ) -> Any: ...

    def field(
        *,
        default: Any = MISSING,
        key: str | None = None,
        derived: bool = False,
        minimum: int | None = None,
    ) -> Any:
        """Declare a field with more than a default (see :class:`Field`)."""

else:

    def field(*, default=MISSING, key=None, derived=False, minimum=None):
        """Declare a field with more than a default (see :class:`Field`)."""
        return Field(default, key, derived, minimum)


def _immutable(self: object, name: str, value: object = None) -> None:
    raise AttributeError(f"{type(self).__name__} is immutable; use llmdex.replace()")


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


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """Turn a class with annotated fields into an immutable, slotted record class.

    Fields are the annotated names of the class and of its record bases, in order; a class
    attribute gives a field its default, or a :func:`field` says more about it. A default
    must be immutable (hashable): a list or dict would be shared by every instance. A
    ``__post_init__`` method, where the class has one, checks the values after ``__init__``.

    Example:
        >>> @record
        ... class Point:
        ...     x: int
        ...     y: int = 0
        >>> Point(x=1)
        Point(x=1, y=0)
    """
    if "__record_fields__" in cls.__dict__:
        return cls  # a Record subclass: its class statement made it a record already
    own = {k: v for k, v in cls.__dict__.items() if k not in {"__dict__", "__weakref__"}}
    own["__qualname__"] = cls.__qualname__
    namespace = _namespace(cls.__bases__, own, sys._getframe(1))
    made: type[_T] = type(cls)(cls.__name__, cls.__bases__, namespace)  # type: ignore[misc]
    _rebind_class_cells(namespace, cls, made)
    return made


class RecordType(type):
    """The metaclass of :class:`Record`: a class statement deriving from one makes the record.

    ``@record`` on a plain class has to make the class a second time, since ``__slots__``
    only take effect when a class is made, and making a class is most of what defining one
    costs. The decorator stays on such classes for type checkers (PEP 681) and returns them
    as they are.
    """

    def __new__(
        mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any], **kwargs: Any
    ) -> RecordType:
        if "__annotations__" in namespace or any(hasattr(b, "__record_fields__") for b in bases):
            if "__eq__" in namespace and "__hash__" not in namespace:
                namespace["__hash__"] = None  # as a class statement does
            namespace = _namespace(bases, namespace, sys._getframe(1))
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class Record(metaclass=RecordType):
    """Base of record classes made in one step (see :class:`RecordType`); fields as ``@record``."""

    __slots__ = ()


def _namespace(bases: tuple[type, ...], own: dict[str, Any], frame: Any) -> dict[str, Any]:
    # The namespace of the record class whose class statement gave `own`.
    qualname = own["__qualname__"]
    ancestors = [k for b in bases for k in b.__mro__[:-1]]  # without object
    inherited: dict[str, Field] = next(
        (vars(k)["__record_specs__"] for k in ancestors if "__record_specs__" in vars(k)), {}
    )
    # Not inspect.get_annotations: importing inspect is what this module exists to avoid.
    annotations = own.get("__annotations__", {})
    fresh = tuple(name for name in annotations if name not in inherited)
    specs = dict(inherited)
    for name in fresh:
        declared = own.get(name, MISSING)
        spec = declared if isinstance(declared, Field) else Field(declared, None, False, None)
        spec.name = name
        if spec.default is not MISSING and type(spec.default).__hash__ is None:
            raise TypeError(
                f"{qualname}.{name}: the default {spec.default!r} is mutable and would be "
                "shared by every instance; use an immutable value (a tuple, EMPTY, None)"
            )
        specs[name] = spec
    names = tuple(specs)
    namespace = {k: v for k, v in own.items() if k not in fresh}
    namespace.update(__slots__=fresh, __record_fields__=names, __record_specs__=specs)
    for method, generic in (
        ("__repr__", _record_repr),
        ("__eq__", _record_eq),
        ("__hash__", _record_hash),
        ("__reduce__", _record_reduce),
    ):
        # A record subclass keeps what its record base defines (a Model's own __eq__).
        if not any(method in vars(k) for k in ancestors):
            namespace.setdefault(method, generic)
    namespace["__setattr__"] = namespace["__delattr__"] = _immutable
    namespace["__dataclass_fields__"] = _DataclassFields()
    check = "__post_init__" in own or any(hasattr(b, "__post_init__") for b in bases)
    key = f"{own['__module__']}.{qualname}"
    namespace["__init__"] = _init(key, qualname, specs, frame, check=check)
    return namespace


class _DataclassFields:
    # Type checkers see records as dataclasses (PEP 681), so dataclasses.replace(), fields()
    # and asdict() must work on them: on first use, the fields of an equivalent dataclass.
    def __get__(self, obj: object, cls: type[object]) -> dict[str, Any]:
        import dataclasses

        shape = dataclasses.make_dataclass(
            cls.__name__,
            [
                (name, str(_annotation_of(cls, name)), dataclasses.field(default=spec.default))
                if spec.default is not MISSING
                else (name, str(_annotation_of(cls, name)))
                for name, spec in specs(cls).items()
            ],
            kw_only=True,
            frozen=True,
        )
        found: dict[str, Any] = getattr(shape, "__dataclass_fields__")  # noqa: B009
        type.__setattr__(cls, "__dataclass_fields__", found)
        return found


def _annotation_of(cls: type[object], name: str) -> object:
    # The annotation of a field as the nearest class declares it (a PricedModel's cost).
    for klass in cls.__mro__:
        annotations = klass.__dict__.get("__annotations__", {})  # noqa: RUF063
        if name in annotations:
            return annotations[name]
    return "Any"


def _rebind_class_cells(namespace: dict[str, Any], old: type, new: type) -> None:
    # Zero-argument super() reads the class from a closure cell the compiler made for the
    # class statement; point those cells at the class that replaced it.
    for value in namespace.values():
        for function in (value, getattr(value, "__func__", None), getattr(value, "fget", None)):
            closure = getattr(function, "__closure__", None)
            if function is None or not closure:
                continue
            for name, cell in zip(function.__code__.co_freevars, closure, strict=True):
                if name == "__class__" and cell.cell_contents is old:
                    cell.cell_contents = new


def fields(cls: type[object]) -> tuple[str, ...]:
    """The field names of a record class, in constructor order."""
    names: tuple[str, ...] = getattr(cls, "__record_fields__", ())
    return names


def specs(cls: type[object]) -> dict[str, Field]:
    """What each field of a record class declares, by field name, in constructor order."""
    found: dict[str, Field] = getattr(cls, "__record_specs__", {})
    return found


def _init(key: str, qualname: str, specs: dict[str, Field], frame: Any, *, check: bool) -> Any:
    # Specialised per class: construction is the cost of loading the catalog (thousands of
    # records), and a specialised __init__ is twice as fast as a generic one. Compiling one
    # costs ~0.4 ms, 80% of importing the record types, so the runtime's own classes take
    # theirs from records/inits.py (written by `make schema`); a class that changed since, or
    # any other record class, is compiled here.
    names = tuple(specs)
    init = _cached_init(key, names, check=check)
    if init is None:
        init = _compiled_init(names, frame, check=check)
    defaults = {name: spec.default for name, spec in specs.items() if spec.default is not MISSING}
    init.__kwdefaults__ = defaults or None
    init.__name__ = "__init__"
    init.__qualname__ = f"{qualname}.__init__"
    return init


def _cached_init(key: str, names: tuple[str, ...], *, check: bool) -> Any:
    try:
        from llmdex.records.inits import INITS
    except ImportError:  # only before `make schema` first writes it (test_record.py fails)
        return None
    init = INITS.get(key)
    if init is None:
        return None
    code = init.__code__
    if (
        code.co_kwonlyargcount != len(names)
        or code.co_varnames[1 : 1 + len(names)] != names
        or ("__post_init__" in code.co_names) != check
    ):
        return None  # the class changed since `make schema`
    return init


def _compiled_init(names: tuple[str, ...], frame: Any, *, check: bool) -> Any:
    # The source is built from field names only (identifiers of our own classes), never from
    # data. It is one line, compiled as the line of the `@record` decorator in the class's own
    # file, so a traceback through it names that file and line.
    filename = frame.f_code.co_filename if frame is not None else "<record>"
    scope: dict[str, Any] = {"_set": object.__setattr__}
    exec(compile(init_source("__init__", names, check=check), filename, "exec"), scope)
    init = scope["__init__"]
    # Moved to the decorator's line after compiling: padding the source with newlines to get
    # there cost 40% of the compile.
    line = frame.f_lineno if frame is not None else 1
    init.__code__ = init.__code__.replace(co_firstlineno=line)
    return init


def init_source(function: str, names: tuple[str, ...], *, check: bool, typed: bool = False) -> str:
    """The source of a record ``__init__`` named ``function`` that sets ``names`` in order.

    Every field is a keyword-only parameter; defaults are set on the function afterwards
    (``__kwdefaults__``), so the source depends on the names alone. ``typed`` writes it as
    ``records/inits.py`` holds it, one statement per line with annotations; otherwise it is one
    line. ``check`` calls ``__post_init__`` once the values are set.
    """
    hint = ": Any" if typed else ""
    params = "".join(f", {name}{hint}" for name in names)
    signature = f"self{hint}, *{params}" if names else f"self{hint}"
    if len(names) >= _BIND_FROM and _BOUND not in names:
        # As attrs does: object.__setattr__ bound once costs less per field than called with
        # self each time (-20% for a 27-field Model); below three fields binding costs more.
        statements = [f"{_BOUND} = _set.__get__(self)"]
        statements += [f"{_BOUND}({name!r}, {name})" for name in names]
    else:
        statements = [f"_set(self, {name!r}, {name})" for name in names]
    if check:
        statements.append("self.__post_init__()")
    body = ("\n    " if typed else "; ").join(statements) or "pass"
    returns = " -> None" if typed else ""
    newline = "\n    " if typed else " "
    return f"def {function}({signature}){returns}:{newline}{body}\n"


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
