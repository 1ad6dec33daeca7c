"""The checks of the public functions' arguments, one per kind of parameter.

A wrong type or value is one :class:`~llmdex.errors.InvalidArgumentError` naming the
function and the parameter, raised where the call enters llmdex, never an exception from
deep inside (``decimal.InvalidOperation``, ``AttributeError``) or a silently odd answer (a
provider name taken as a sequence of one-letter providers).
"""

from __future__ import annotations

from llmdex.errors import InvalidArgumentError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal
    from enum import StrEnum
    from typing import TypeVar

    _E = TypeVar("_E", bound=StrEnum)


def as_names(function: str, parameter: str, value: object) -> tuple[str, ...] | None:
    """One name or a list of names (providers to prefer or to keep) as a tuple."""
    if value is None:
        return None
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise InvalidArgumentError(function, parameter, value, "give a name or a list of names")


def as_text(function: str, parameter: str, value: object) -> str | None:
    """A string, or ``None``."""
    if value is None or isinstance(value, str):
        return value
    raise InvalidArgumentError(function, parameter, value, "give a string")


def as_flag(function: str, parameter: str, value: object) -> bool | None:
    """``True``, ``False`` or ``None``; not a truthy stand-in such as ``"no"``."""
    if value is None or isinstance(value, bool):
        return value
    raise InvalidArgumentError(function, parameter, value, "give True or False")


def as_tokens(function: str, parameter: str, value: object) -> int | None:
    """A whole, non-negative number of tokens."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise InvalidArgumentError(
        function, parameter, value, "give a whole number of tokens, 0 or more"
    )


def as_money(function: str, parameter: str, value: object) -> Decimal | None:
    """A finite, non-negative amount (``Decimal``, ``int``, ``float`` or numeric text)."""
    if value is None:
        return None
    from decimal import Decimal, InvalidOperation

    amount = None
    if isinstance(value, Decimal | int | float | str) and not isinstance(value, bool):
        try:
            amount = Decimal(str(value).strip())
        except InvalidOperation:
            amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        raise InvalidArgumentError(
            function, parameter, value, "give a price in USD per 1M tokens, such as 2.5 or '0.15'"
        )
    return amount


def as_member(function: str, parameter: str, value: object, closed: type[_E]) -> _E | None:
    """A member of the closed set ``closed``, given as itself or by its value."""
    if value is None:
        return None
    if isinstance(value, str):
        for option in closed:
            if value == option.value:
                return option
    raise InvalidArgumentError(function, parameter, value, f"choose one of {_listed(closed)}")


def as_choice(function: str, parameter: str, value: object, options: Iterable[str]) -> str:
    """One of ``options``."""
    known = list(options)
    if isinstance(value, str) and value in known:
        return value
    raise InvalidArgumentError(function, parameter, value, f"choose one of {', '.join(known)}")


def _listed(closed: Iterable[StrEnum]) -> str:
    return ", ".join(option.value for option in closed)
