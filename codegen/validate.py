"""Stage 2: check the payload against the models.dev schema and list fields we do not know.

The pydantic models of :mod:`codegen.upstream` are generated from
``data_sources/models_dev.schema.json`` (`make schema`). Validation is a gate: later stages
read the JSON itself, so nothing is coerced and no unknown field is dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import PayloadError
from .upstream import Payload

_FIX_PAYLOAD = (
    "Fix the payload, or if models.dev changed its format on purpose, update the records "
    "in src/llmdex/records/model.py and run `make schema`"
)


def validate(payload: Mapping[str, Any], source: str, fix: str = _FIX_PAYLOAD) -> Counter[str]:
    """Raise :class:`PayloadError` unless ``payload`` is valid; return unknown fields.

    The result counts unknown fields by where they sit, e.g. ``model.cost.surcharge``.
    ``fix`` ends the error: what to do (a user's patches are theirs to fix, not the payload).
    """
    try:
        checked = Payload.model_validate(payload)
    except ValidationError as exc:
        raise PayloadError(_describe(exc, source, fix)) from None
    _check_keys(payload, source)
    unknown: Counter[str] = Counter()
    for provider in checked.root.values():
        unknown.update(_extra_fields(provider, "provider"))
    return unknown


MAX_PROVIDER_ID = 64
"""Longest provider id accepted: it names a module file (models.dev's longest is 24)."""
MAX_MODEL_ID = 256
"""Longest model id accepted (models.dev's longest is 61)."""


def without_nulls(value: Any) -> Any:
    """``value`` with every object key whose value is ``null`` left out, at any depth.

    models.dev sometimes writes an optional field as ``null``; the catalog reads that as
    absent, as the schema's optional fields mean, so the record and the history agree on
    one spelling of "not given". A required field given as ``null`` still fails validation.
    """
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def _check_keys(payload: Mapping[str, Any], source: str) -> None:
    for key, provider in payload.items():
        _check_id(key, MAX_PROVIDER_ID, f"{source}: provider {key[:80]!r}")
        for model_key in provider["models"]:
            _check_id(
                model_key, MAX_MODEL_ID, f"{source}: provider {key!r}, model {model_key[:80]!r}"
            )
        if provider["id"] != key:
            raise PayloadError(
                f"{source}: provider {key!r} has id {provider['id']!r}; "
                "the key and the id must be the same"
            )
        for model_key, model in provider["models"].items():
            if model["id"] != model_key:
                raise PayloadError(
                    f"{source}: provider {key!r}, model {model_key!r} has id {model['id']!r}; "
                    "the key and the id must be the same"
                )


def _check_id(value: str, longest: int, where: str) -> None:
    if len(value) > longest:
        raise PayloadError(f"{where}: the id has {len(value)} characters, over {longest}")
    if not value.isprintable():
        raise PayloadError(f"{where}: the id holds a control character")


def _extra_fields(node: BaseModel, where: str) -> Iterator[str]:
    for name in node.model_extra or {}:
        yield f"{where}.{name}"
    for name in type(node).model_fields:
        value = getattr(node, name)
        child = "model" if name == "models" else f"{where}.{name}"
        yield from _extra_in(value, child)


def _extra_in(value: object, where: str) -> Iterator[str]:
    if isinstance(value, BaseModel):
        yield from _extra_fields(value, where)
    elif isinstance(value, list):
        for item in value:
            yield from _extra_in(item, where + "[]")
    elif isinstance(value, dict):
        for item in value.values():
            yield from _extra_in(item, where)


def _describe(exc: ValidationError, source: str, fix: str) -> str:
    # One line: the first mismatch in full, then how many more.
    errors = exc.errors()
    first = errors[0]
    more = f"; {len(errors) - 1} more value(s) do not match either" if len(errors) > 1 else ""
    return (
        f"{source}: at {_where(first['loc'])}: {first['msg']} (got {first['input']!r:.80}){more}. "
        + fix
    )


def _where(loc: tuple[int | str, ...]) -> str:
    # Pydantic puts union branch names and RootModel markers into the location; drop them.
    parts = [str(p) for p in loc if p not in {"root", "bool", "Interleaved"}]
    if not parts:
        return "top level"
    text = f"provider {parts[0]!r}"
    if len(parts) >= 3 and parts[1] == "models":
        text += f", model {parts[2]!r}"
        rest = parts[3:]
    else:
        rest = parts[1:]
    if rest:
        text += ", field " + ".".join(rest)
    return text
