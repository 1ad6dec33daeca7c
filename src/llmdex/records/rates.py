"""A model's prices: :class:`Cost` and the records it is made of, in exact decimals.

Prices are :class:`~decimal.Decimal` USD per million tokens, read from models.dev's ``cost``
and ``experimental.modes``. Kept apart from :mod:`llmdex.records.model` so that pricing
(:mod:`llmdex.pricing.cost`) can read them without importing the model that calls it.
"""

from __future__ import annotations

from llmdex.records.payload import EMPTY, PayloadRecord
from llmdex.records.record import field, fields, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal
    from typing import Any

__all__ = ["RATE_NAMES", "Cost", "CostTier", "Experimental", "Mode", "Rates", "TierCondition"]


@record
class Rates(PayloadRecord):
    """Prices in USD per million tokens. Input and output are always given (models.dev's
    schema requires them); the others are ``None`` where models.dev gives no price."""

    input: Decimal
    output: Decimal
    reasoning: Decimal | None = None
    cache_read: Decimal | None = None
    cache_write: Decimal | None = None
    input_audio: Decimal | None = None
    output_audio: Decimal | None = None
    extra: Mapping[str, Any] = EMPTY


RATE_NAMES: tuple[str, ...] = tuple(name for name in fields(Rates) if name != "extra")
"""The priced components of :class:`Rates`; also the buckets of a call's ``Usage``."""


@record
class TierCondition(PayloadRecord):
    """When a price tier applies: ``type="context", size=200000`` means prompts above 200k."""

    type: str
    size: int = field(minimum=0)
    extra: Mapping[str, Any] = EMPTY


@record
class CostTier(Rates):
    """Prices that replace the base prices once ``tier`` applies."""

    tier: TierCondition


@record
class Cost(Rates):
    """A model's price table (models.dev ``cost``), with long-context tiers where listed."""

    tiers: tuple[CostTier, ...] | None = None
    context_over_200k: Rates | None = None


@record
class Mode(PayloadRecord):
    """A named way of calling a model (e.g. ``fast``) with its own prices and request extras."""

    cost: Rates | None = None
    provider: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = EMPTY


@record
class Experimental(PayloadRecord):
    """Experimental features models.dev lists for a model, such as named modes."""

    modes: Mapping[str, Mode] | None = None
    extra: Mapping[str, Any] = EMPTY
