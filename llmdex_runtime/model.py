"""The catalog's record types: :class:`Model` and the frozen values it is made of.

Field names follow models.dev, so ``GPT_4O.limit.context`` is ``limit.context`` in the
payload. Prices are :class:`~decimal.Decimal` USD per million tokens. A field the payload
leaves out is ``None`` here, never a made-up default, and :meth:`Model.to_dict` gives the
payload's object back exactly. Fields a newer payload adds that this version does not know
are kept in ``extra`` on the object where they appeared.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from llmdex_runtime.enums import Status
from llmdex_runtime.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal
    from typing import Any, NoReturn

    from llmdex_runtime.dates import PartialDate
    from llmdex_runtime.enums import Kind
    from llmdex_runtime.pricing import CallCost, Usage
    from llmdex_runtime.protocol import Protocol

    _MappingBase = Mapping[str, Any]
else:
    _MappingBase = Mapping


class _Empty(_MappingBase):
    # Immutable and hashable, so one instance can be every dataclass's default ``extra``.
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


def pricing() -> Callable[..., CallCost]:
    """:func:`llmdex_runtime.pricing.cost_of`, imported on first use.

    Pricing brings decimal arithmetic (3 ms to import), so it loads on the first
    ``cost_of``; the function is kept, since an import statement in a hot method costs more
    than the work.
    """
    global _COST_OF  # noqa: PLW0603
    if _COST_OF is None:
        from llmdex_runtime.pricing import cost_of

        _COST_OF = cost_of
    return _COST_OF


_COST_OF: Callable[..., CallCost] | None = None


def _number(value: Decimal) -> int | float:
    # The generator writes a JSON integer as Decimal("3") and a JSON float as Decimal("3.0"),
    # so the exponent tells which one the payload had.
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= 0:
        return int(value)
    return float(value)


def _put(out: dict[str, Any], key: str, value: Any) -> None:
    if value is not None:
        out[key] = value


@record
class Rates:
    """Prices in USD per million tokens; ``None`` where models.dev gives no price."""

    input: Decimal | None = None
    output: Decimal | None = None
    reasoning: Decimal | None = None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None
    input_audio: Decimal | None = None
    output_audio: Decimal | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object these rates came from."""
        out: dict[str, Any] = {}
        for name in RATE_NAMES:
            value = getattr(self, name)
            if value is not None:
                out[name] = _number(value)
        out.update(self.extra)
        return out


RATE_NAMES = (
    "input",
    "output",
    "reasoning",
    "cache_read",
    "cache_write",
    "input_audio",
    "output_audio",
)
"""The priced components of :class:`Rates`; also the buckets of a call's ``Usage``."""


@record
class TierCondition:
    """When a price tier applies: ``type="context", size=200000`` means prompts above 200k."""

    type: str
    size: int
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object this condition came from."""
        return {"type": self.type, "size": self.size, **self.extra}


@record
class CostTier(Rates):
    """Prices that replace the base prices once ``tier`` applies."""

    tier: TierCondition

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object this tier came from."""
        return {**Rates.to_dict(self), "tier": self.tier.to_dict()}


@record
class Cost(Rates):
    """A model's price table (models.dev ``cost``), with long-context tiers where listed."""

    tiers: tuple[CostTier, ...] | None = None
    context_over_200k: Rates | None = None

    def to_dict(self) -> dict[str, Any]:
        """The models.dev ``cost`` object."""
        out = Rates.to_dict(self)
        if self.tiers is not None:
            out["tiers"] = [tier.to_dict() for tier in self.tiers]
        if self.context_over_200k is not None:
            out["context_over_200k"] = self.context_over_200k.to_dict()
        return out


@record
class Limit:
    """Token limits: context window, maximum output, and maximum input where it differs."""

    context: int
    output: int
    input: int | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev ``limit`` object."""
        out: dict[str, Any] = {"context": self.context}
        _put(out, "input", self.input)
        out["output"] = self.output
        out.update(self.extra)
        return out


@record
class Modalities:
    """Input and output modalities (``"text"``, ``"image"``, ``"audio"``, ``"pdf"``, ...)."""

    input: tuple[str, ...]
    output: tuple[str, ...]
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev ``modalities`` object."""
        return {"input": list(self.input), "output": list(self.output), **self.extra}


@record
class ReasoningOption:
    """One way to steer reasoning: a ``toggle``, ``effort`` levels, or ``budget_tokens``."""

    type: str
    values: tuple[str | None, ...] | None = None
    min: int | None = None
    max: int | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object this option came from."""
        out: dict[str, Any] = {"type": self.type}
        if self.values is not None:
            out["values"] = list(self.values)
        _put(out, "min", self.min)
        _put(out, "max", self.max)
        out.update(self.extra)
        return out


@record
class Interleaved:
    """Where a model returns interleaved reasoning, e.g. ``field="reasoning_content"``."""

    field: str
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev ``interleaved`` object."""
        return {"field": self.field, **self.extra}


@record
class ProviderOverride:
    """How one model is served when it differs from its provider (models.dev ``provider``)."""

    npm: str | None = None
    api: str | None = None
    shape: str | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev per-model ``provider`` object."""
        out: dict[str, Any] = {}
        _put(out, "npm", self.npm)
        _put(out, "api", self.api)
        _put(out, "shape", self.shape)
        out.update(self.extra)
        return out


@record
class Mode:
    """A named way of calling a model (e.g. ``fast``) with its own prices and request extras."""

    cost: Rates | None = None
    provider: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object of this mode."""
        out: dict[str, Any] = {}
        if self.cost is not None:
            out["cost"] = self.cost.to_dict()
        _put(out, "provider", self.provider)
        out.update(self.extra)
        return out


@record
class Experimental:
    """Experimental features models.dev lists for a model, such as named modes."""

    modes: Mapping[str, Mode] | None = None
    extra: Mapping[str, Any] = EMPTY

    def to_dict(self) -> dict[str, Any]:
        """The models.dev ``experimental`` object."""
        out: dict[str, Any] = {}
        if self.modes is not None:
            out["modes"] = {name: mode.to_dict() for name, mode in self.modes.items()}
        out.update(self.extra)
        return out


@record
class Model:
    """One model as one provider serves it.

    Two models are equal when every field is; a model hashes by its :attr:`spec`.

    Example:
        >>> from llmdex.models.openai import GPT_4O
        >>> GPT_4O.spec, GPT_4O.limit.context
        ('openai:gpt-4o', 128000)
    """

    provider: str
    """Provider id, e.g. ``"openai"`` (a :class:`~llmdex.Provider` member compares equal)."""
    id: str
    """Model id as the provider's API takes it."""
    name: str
    """Display name."""
    kind: Kind
    """What the model is for, derived at regen time."""
    family: str | None = None
    attachment: bool
    """Accepts file attachments."""
    reasoning: bool
    """Produces reasoning (thinking) output."""
    tool_call: bool
    """Supports tool (function) calling."""
    structured_output: bool | None = None
    """Supports structured (JSON schema) output; ``None`` where models.dev does not say."""
    temperature: bool | None = None
    """Accepts a temperature parameter; ``None`` where models.dev does not say."""
    open_weights: bool
    knowledge: PartialDate | None = None
    """Knowledge cutoff."""
    release_date: PartialDate
    last_updated: PartialDate
    modalities: Modalities
    limit: Limit
    cost: Cost | None = None
    """Price table; ``None`` when models.dev has no price (a free model has zero prices)."""
    interleaved: bool | Interleaved | None = None
    reasoning_options: tuple[ReasoningOption, ...] | None = None
    status: Status | None = None
    provider_override: ProviderOverride | None = None
    """models.dev's per-model ``provider`` object: npm package, base URL or API shape."""
    experimental: Experimental | None = None
    protocol: Protocol | None = None
    """This model's wire protocol where it is not its provider's (derived at regen time)."""
    base_url: str | None = None
    """This model's base URL where it is not its provider's (derived at regen time)."""
    extra: Mapping[str, Any] = EMPTY
    """Fields of the payload this version of llmdex does not know, kept as they came."""

    @property
    def spec(self) -> str:
        """``"provider:id"``, the string :func:`llmdex.find` takes."""
        return f"{self.provider}:{self.id}"

    @property
    def is_deprecated(self) -> bool:
        """Whether models.dev marks the model deprecated."""
        return self.status is Status.DEPRECATED

    @property
    def supports_vision(self) -> bool:
        """Whether the model takes images as input."""
        return "image" in self.modalities.input

    def cost_of(self, usage: Usage | Mapping[str, Any], *, mode: str | None = None) -> CallCost:
        """What one call cost, from a :class:`~llmdex_runtime.pricing.Usage` or a provider's
        usage dict (OpenAI, Anthropic or Google shape).

        Example:
            >>> GPT_4O.cost_of({"prompt_tokens": 1200, "completion_tokens": 300}).total
            Decimal('0.0060000')
        """
        return pricing()(self, usage, mode=mode)

    def to_dict(self) -> dict[str, Any]:
        """The models.dev object for this model, exactly as the payload had it."""
        out: dict[str, Any] = {"id": self.id, "name": self.name}
        _put(out, "family", self.family)
        out["attachment"] = self.attachment
        out["reasoning"] = self.reasoning
        out["tool_call"] = self.tool_call
        _put(out, "structured_output", self.structured_output)
        _put(out, "temperature", self.temperature)
        if self.interleaved is not None:
            interleaved = self.interleaved
            out["interleaved"] = (
                interleaved if isinstance(interleaved, bool) else interleaved.to_dict()
            )
        if self.reasoning_options is not None:
            out["reasoning_options"] = [option.to_dict() for option in self.reasoning_options]
        if self.knowledge is not None:
            out["knowledge"] = str(self.knowledge)
        out["release_date"] = str(self.release_date)
        out["last_updated"] = str(self.last_updated)
        out["modalities"] = self.modalities.to_dict()
        out["open_weights"] = self.open_weights
        if self.cost is not None:
            out["cost"] = self.cost.to_dict()
        out["limit"] = self.limit.to_dict()
        if self.status is not None:
            out["status"] = self.status.value
        if self.provider_override is not None:
            out["provider"] = self.provider_override.to_dict()
        if self.experimental is not None:
            out["experimental"] = self.experimental.to_dict()
        out.update(self.extra)
        return out

    def __hash__(self) -> int:
        return hash((self.provider, self.id))

    def __repr__(self) -> str:
        return f"Model({self.spec!r}, name={self.name!r})"
