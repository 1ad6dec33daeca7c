"""The catalog's record types: :class:`Model`, :class:`ProviderInfo` and the values they hold.

This module is the one description of a model. Field names follow models.dev, so
``GPT_4O.limit.context`` is ``limit.context`` in the payload; each record's annotations say
how it is read from its models.dev object and written back (:mod:`llmdex.records.payload`),
and the generator derives its JSON Schema, its validators and the source it writes from the
same annotations. Adding a models.dev field is adding it here, then ``make schema``.

Prices are in :mod:`llmdex.records.rates`. A field the payload leaves out
is ``None`` here, never a made-up default, and ``to_dict()`` gives the payload's object back
exactly. Fields a newer payload adds that this version does not know are kept in ``extra``
on the object where they appeared.
"""

from __future__ import annotations

from llmdex.records.payload import EMPTY, PayloadRecord
from llmdex.records.protocol import Protocol
from llmdex.records.rates import Cost, Experimental
from llmdex.records.record import field, fields, record
from llmdex.records.vocabulary import Kind, Status

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from llmdex.pricing.cost import CallCost
    from llmdex.pricing.usage import Usage
    from llmdex.records.partial_date import PartialDate

__all__ = [
    "Interleaved",
    "Limit",
    "Modalities",
    "Model",
    "PricedModel",
    "ProviderInfo",
    "ProviderOverride",
    "ReasoningOption",
]


def pricing() -> Callable[..., CallCost]:
    """:func:`llmdex.pricing.cost.cost_of`, imported on first use.

    Pricing brings decimal arithmetic (3 ms to import), so it loads on the first
    ``cost_of``; the function is kept, since an import statement in a hot method costs more
    than the work.
    """
    global _COST_OF  # noqa: PLW0603
    if _COST_OF is None:
        from llmdex.pricing.cost import cost_of

        _COST_OF = cost_of
    return _COST_OF


_COST_OF: Callable[..., CallCost] | None = None


@record
class Limit(PayloadRecord):
    """Token limits: context window, maximum output, and maximum input where it differs."""

    context: int = field(minimum=0)
    input: int | None = field(default=None, minimum=0)
    output: int = field(minimum=0)
    extra: Mapping[str, Any] = EMPTY


@record
class Modalities(PayloadRecord):
    """Input and output modalities (``"text"``, ``"image"``, ``"audio"``, ``"pdf"``, ...)."""

    input: tuple[str, ...]
    output: tuple[str, ...]
    extra: Mapping[str, Any] = EMPTY


@record
class ReasoningOption(PayloadRecord):
    """One way to steer reasoning: a ``toggle``, ``effort`` levels, or ``budget_tokens``."""

    type: str
    values: tuple[str | None, ...] | None = None
    min: int | None = None
    """Smallest budget; -1 means a dynamic budget."""
    max: int | None = None
    extra: Mapping[str, Any] = EMPTY


@record
class Interleaved(PayloadRecord):
    """Where a model returns interleaved reasoning, e.g. ``field="reasoning_content"``."""

    field: str
    extra: Mapping[str, Any] = EMPTY


@record
class ProviderOverride(PayloadRecord):
    """How one model is served when it differs from its provider (models.dev ``provider``)."""

    npm: str | None = None
    api: str | None = None
    shape: str | None = None
    extra: Mapping[str, Any] = EMPTY


@record
class ProviderInfo(PayloadRecord):
    """One provider: the models.dev provider object, without its models.

    The generated ``llmdex.Provider`` enum has a member per provider that carries these
    fields; lookups use the records themselves, so they never build the enum.
    """

    id: str
    """models.dev provider id, e.g. ``"openai"``."""
    display_name: str = field(key="name")
    """Display name, models.dev ``name``."""
    env: tuple[str, ...]
    """Environment variables that hold the API key, in the order to try them."""
    npm: str | None = None
    """The AI SDK npm package models.dev uses for this provider."""
    api: str | None = None
    """API base URL, where models.dev gives one."""
    doc: str | None = None
    """Documentation URL."""
    module: str = field(derived=True)
    """Name of the module under ``llmdex.models`` that holds this provider's models."""
    protocol: Protocol = field(derived=True)
    """The wire protocol of the provider's API (derived at regen time)."""
    base_url: str | None = field(default=None, derived=True)
    """Where to send requests: ``api``, or the default of the provider's SDK package.

    May hold ``${VARIABLE}`` placeholders, filled from the environment when calling."""
    extra: Mapping[str, Any] = EMPTY
    """Provider fields this version of llmdex does not know, kept as they came."""


@record
class Model(PayloadRecord):
    """One model as one provider serves it.

    Two models are equal when every field is; a model hashes by its :attr:`spec`.

    Example:
        >>> from llmdex.models.openai import GPT_4O
        >>> GPT_4O.spec, GPT_4O.limit.context
        ('openai:gpt-4o', 128000)
    """

    provider: str = field(derived=True)
    """Provider id, e.g. ``"openai"`` (a :class:`~llmdex.Provider` member compares equal)."""
    id: str
    """Model id as the provider's API takes it."""
    name: str
    """Display name."""
    kind: Kind = field(derived=True)
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
    provider_override: ProviderOverride | None = field(default=None, key="provider")
    """models.dev's per-model ``provider`` object: npm package, base URL or API shape."""
    experimental: Experimental | bool | None = None
    """Experimental features; a bare ``true`` in some 2025 payloads."""
    protocol: Protocol | None = field(default=None, derived=True)
    """This model's wire protocol where it is not its provider's (derived at regen time)."""
    base_url: str | None = field(default=None, derived=True)
    """This model's base URL where it is not its provider's (derived at regen time)."""
    extra: Mapping[str, Any] = EMPTY
    """Fields of the payload this version of llmdex does not know, kept as they came."""

    @property
    def spec(self) -> str:
        """``"provider:id"``, the string :func:`llmdex.find` takes."""
        return f"{self.provider}:{self.id}"

    @property
    def assumed(self) -> bool:
        """Always ``False``: a catalog model is listed, not assumed (see ``CustomModel``)."""
        return False

    @property
    def is_deprecated(self) -> bool:
        """Whether models.dev marks the model deprecated."""
        return self.status is Status.DEPRECATED

    @property
    def supports_vision(self) -> bool:
        """Whether the model takes images as input."""
        return "image" in self.modalities.input

    def cost_of(
        self,
        usage: Usage | Mapping[str, Any] | object,
        *,
        mode: str | None = None,
        lenient: bool = False,
    ) -> CallCost:
        """What one call cost, from a :class:`~llmdex.pricing.cost.Usage` or any usage shape
        :meth:`Usage.from_dict` reads (a provider's, an SDK's, OpenTelemetry's, ...).
        ``lenient=True`` prices a usage that reports what the catalog has no price for (a
        1-hour cache write, a web search) and notes each; by default it raises.

        Example:
            >>> GPT_4O.cost_of({"prompt_tokens": 1200, "completion_tokens": 300}).total
            Decimal('0.0060000')
        """
        return pricing()(self, usage, mode=mode, lenient=lenient)

    def __eq__(self, other: object) -> bool:
        # A PricedModel is a Model: equal to one with the same fields.
        if not isinstance(other, Model):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in fields(Model))

    def __hash__(self) -> int:
        return hash((self.provider, self.id))

    def __repr__(self) -> str:
        return f"Model({self.spec!r}, name={self.name!r})"


@record
class PricedModel(Model):
    """A :class:`Model` whose prices models.dev lists, so :attr:`cost` is never ``None``.

    Catalog constants with prices have this type, so their prices need no ``None`` check.

    Example:
        >>> GPT_4O.cost.input
        Decimal('2.5')
    """

    cost: Cost
    """Price table, in USD per million tokens."""
