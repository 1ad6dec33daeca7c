"""Models the catalog does not list: described by the caller, or assumed to exist."""

from __future__ import annotations

from llmdex.errors import InvalidModelError, InvalidSpecError, ModelNotFoundError
from llmdex.records.model import Limit, Model, pricing
from llmdex.records.protocol import Protocol
from llmdex.records.rates import RATE_NAMES, Cost
from llmdex.records.record import Record, fields, record, replace

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from llmdex.facade import Catalog
    from llmdex.pricing.cost import CallCost
    from llmdex.pricing.usage import Usage

_CUSTOM_KEYS = frozenset({"provider", "id", "name", "base_url", "env", "limit", "cost", "protocol"})


@record
class CustomModel(Record):
    """A model the catalog does not list. What is not known is ``None``, never a guess.

    ``assumed`` is true for a model taken to exist because the caller said so
    (``resolve(spec, assume_exists=True)``); it then has its provider's protocol, base URL
    and key variables, and no limits or prices.
    """

    provider: str
    id: str
    name: str
    base_url: str | None = None
    env: tuple[str, ...] = ()
    npm: str | None = None
    limit: Limit | None = None
    cost: Cost | None = None
    assumed: bool = False
    protocol: Protocol = Protocol.OPENAI_CHAT
    """How to call it: its provider's protocol, or OpenAI chat at ``base_url``."""

    @property
    def spec(self) -> str:
        """``"provider:id"``."""
        return f"{self.provider}:{self.id}"

    def cost_of(
        self,
        usage: Usage | Mapping[str, Any] | object,
        *,
        mode: str | None = None,
        lenient: bool = False,
    ) -> CallCost:
        """What one call cost; raises :class:`PriceUnknownError` when ``cost`` is unknown."""
        return pricing()(self, usage, mode=mode, lenient=lenient)


def resolve(
    catalog: Catalog, spec: object, *, assume_exists: bool = False, **overrides: Any
) -> Model | CustomModel:
    """A catalog model, a custom model described by a dict, or an assumed one.

    * a spec :meth:`Catalog.find` resolves -> that model, with ``overrides`` applied;
    * a dict with ``provider``, ``id`` and optionally ``name``, ``base_url``, ``env``,
      ``limit`` (``{"context": ..., "output": ...}``) and ``cost`` (USD per 1M tokens)
      -> the catalog model it names with those fields replaced, or a :class:`CustomModel`;
    * with ``assume_exists=True``, a ``provider:id`` spec the catalog lacks -> an assumed
      :class:`CustomModel`, and one ``logging`` warning;
    * with ``base_url=``, a ``"provider:id"`` of a provider the catalog does not know (a
      local server: ``"local:llama-3.1-8b"``) -> a :class:`CustomModel` at that URL.
    """
    if isinstance(spec, dict):
        return _from_mapping(catalog, {**spec, **overrides})
    if isinstance(spec, CustomModel):
        return _apply(spec, overrides, spec) if overrides else spec
    try:
        model: Model | CustomModel = catalog.find(spec)  # type: ignore[arg-type]
    except InvalidSpecError as exc:
        local = isinstance(spec, str) and exc.code == "unknown_provider" and ":" in spec
        if not local or not overrides.get("base_url"):
            raise
        provider, _, model_id = str(spec).partition(":")
        return _from_mapping(catalog, {"provider": provider, "id": model_id, **overrides})
    except ModelNotFoundError:
        if not assume_exists:
            raise
        model = _assumed(catalog, spec)
    return _apply(model, overrides, spec) if overrides else model


def _assumed(catalog: Catalog, spec: object) -> CustomModel:
    parsed = catalog.parse_spec(spec)  # type: ignore[arg-type]
    if parsed.provider is None:
        raise InvalidModelError(spec, "assume_exists needs a provider: write 'provider:model-id'")
    provider = catalog.rules.provider(parsed.provider)
    import logging

    logging.getLogger("llmdex").warning(
        "%s is not in the llmdex catalog; assuming it exists at %s, limits and prices unknown",
        f"{provider.id}:{parsed.id}",
        provider.api or "the provider's default endpoint",
    )
    return CustomModel(
        provider=provider.id,
        id=parsed.id,
        name=parsed.id,
        base_url=provider.base_url,
        env=provider.env,
        npm=provider.npm,
        assumed=True,
        protocol=provider.protocol,
    )


def _from_mapping(catalog: Catalog, data: Mapping[str, Any]) -> Model | CustomModel:
    for key in ("provider", "id"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise InvalidModelError(dict(data), f"{key!r} is missing or empty")
    unknown = sorted(set(data) - _CUSTOM_KEYS)
    if unknown:
        raise InvalidModelError(
            dict(data), f"unknown field {unknown[0]!r}; known: {', '.join(sorted(_CUSTOM_KEYS))}"
        )
    pid = catalog.rules.provider_id(data["provider"])
    if pid is not None:
        # A catalog model keeps its prices and limits; only the given fields change.
        try:
            model = catalog.find(data["id"], provider=pid)
        except ModelNotFoundError:
            pass
        else:
            changes = {k: v for k, v in data.items() if k not in {"provider", "id"}}
            return _apply(model, changes, dict(data)) if changes else model
    if pid is None and not data.get("base_url"):
        raise InvalidModelError(
            dict(data), f"unknown provider {data['provider']!r}: give its 'base_url'"
        )
    provider = catalog.rules.provider(pid) if pid is not None else None
    given = _converted({k: v for k, v in data.items() if k not in {"provider", "id"}}, data)
    return CustomModel(
        provider=pid or data["provider"].strip(),
        id=data["id"].strip(),
        name=given.get("name", data["id"]),
        base_url=given.get("base_url") or (provider.base_url if provider else None),
        env=given.get("env", provider.env if provider else ()),
        npm=provider.npm if provider else None,
        limit=given.get("limit"),
        cost=given.get("cost"),
        protocol=given.get("protocol") or (provider.protocol if provider else Protocol.OPENAI_CHAT),
    )


def _apply(
    model: Model | CustomModel, changes: Mapping[str, Any], spec: object
) -> Model | CustomModel:
    converted = _converted(changes, spec)
    unknown = sorted(set(converted) - set(fields(type(model))))
    if unknown == ["env"]:
        raise InvalidModelError(
            spec,
            "'env' is for models the catalog does not list; for a catalog model on a "
            "server you chose, pass api_key= to the call",
        )
    if unknown:
        raise InvalidModelError(spec, f"{type(model).__name__} has no field {unknown[0]!r}")
    return replace(model, **converted)


def _converted(changes: Mapping[str, Any], spec: object) -> dict[str, Any]:
    # Every field a caller may give, checked and turned into what the records hold.
    converted = dict(changes)
    for key, value in changes.items():
        if key in {"name", "base_url"}:
            converted[key] = _text(key, value, spec)
        elif key == "env":
            converted[key] = _names(value, spec)
        elif key == "protocol":
            converted[key] = _protocol(value, spec)
        elif key == "limit" and not isinstance(value, Limit):
            converted[key] = _limit(value, spec)
        elif key == "cost" and not isinstance(value, Cost):
            converted[key] = _cost(value, spec)
    return converted


def _text(key: str, value: object, spec: object) -> str | None:
    if value is None and key == "base_url":
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidModelError(spec, f"{key!r} is a non-empty string")
    if key == "base_url" and not value.startswith(("http://", "https://")):
        raise InvalidModelError(spec, "'base_url' is an http:// or https:// URL")
    return value


def _names(value: object, spec: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise InvalidModelError(spec, "'env' is a list of variable names")
    if not all(isinstance(name, str) and name.isidentifier() for name in value):
        raise InvalidModelError(spec, "'env' holds variable names (letters, digits, '_')")
    return tuple(value)


def _protocol(value: object, spec: object) -> Protocol:
    if isinstance(value, Protocol):
        return value
    known = {protocol.value: protocol for protocol in Protocol}
    if isinstance(value, str) and value in known:
        return known[value]
    raise InvalidModelError(spec, f"'protocol' is one of {', '.join(known)}")


def _limit(value: object, spec: object) -> Limit:
    if not isinstance(value, dict) or not all(
        isinstance(value.get(k), int) and value[k] > 0 for k in ("context", "output")
    ):
        raise InvalidModelError(spec, "'limit' is {'context': int, 'output': int}, both > 0")
    return Limit(context=value["context"], output=value["output"], input=value.get("input"))


def _cost(value: object, spec: object) -> Cost:
    if not isinstance(value, dict) or set(value) - set(RATE_NAMES):
        raise InvalidModelError(spec, f"'cost' is a dict of {', '.join(RATE_NAMES)} in USD per 1M")
    if "input" not in value or "output" not in value:
        raise InvalidModelError(spec, "'cost' needs at least 'input' and 'output' (USD per 1M)")
    from decimal import Decimal, InvalidOperation

    try:
        prices = {k: Decimal(str(v)) for k, v in value.items()}
    except InvalidOperation:
        raise InvalidModelError(spec, "'cost' values are numbers") from None
    if any(not price.is_finite() or price < 0 for price in prices.values()):
        raise InvalidModelError(spec, "'cost' values are finite and not negative")
    return replace(Cost(input=prices.pop("input"), output=prices.pop("output")), **prices)
