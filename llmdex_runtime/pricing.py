"""The cost of one call: token usage times the catalog's prices, in exact decimals.

Rules, as the providers bill (README, "Cost of a call"):

* Usage is counted in disjoint buckets (:class:`Usage`); nothing is counted twice.
* Prices are USD per million tokens. The tier is chosen from the prompt size (every input
  token, cached or not): the largest ``cost.tiers`` threshold the prompt exceeds, its prices
  replacing the base prices it lists; without ``tiers``, ``context_over_200k`` applies above
  200,000 prompt tokens. A named mode (``mode="fast"``) uses that mode's prices instead.
* A component with tokens but no price of its own is billed as providers bill it: cache
  reads and writes at the input price, reasoning at the output price (each noted in
  ``CallCost.notes``). Audio with no audio price, or a model with no prices at all, raises
  :class:`PriceUnknownError`: never a silent zero.
"""

from __future__ import annotations

from decimal import Decimal

from llmdex_runtime.errors import InvalidUsageError, PriceUnknownError
from llmdex_runtime.model import RATE_NAMES
from llmdex_runtime.record import record

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (9 ms here)
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from llmdex_runtime.custom import CustomModel
    from llmdex_runtime.model import Model, Rates


_FALLBACK = {"cache_read": "input", "cache_write": "input", "reasoning": "output"}
_LEGACY_THRESHOLD = 200_000
_ZERO = Decimal(0)


@record
class Usage:
    """Token counts of one call, in disjoint buckets.

    ``input`` is uncached text input only; cached input is ``cache_read`` (or
    ``cache_write`` when the call wrote the cache), audio input is ``input_audio``. ``output``
    is visible text output; ``reasoning`` is thinking tokens, counted once, here.

    Example:
        >>> Usage(input=20_000, cache_read=100_000, output=2_000).prompt_tokens
        120000
    """

    input: int = 0
    output: int = 0
    reasoning: int = 0
    cache_read: int = 0
    cache_write: int = 0
    input_audio: int = 0
    output_audio: int = 0

    @property
    def prompt_tokens(self) -> int:
        """Every input token, cached or not: what tier thresholds are compared with."""
        return self.input + self.cache_read + self.cache_write + self.input_audio

    @classmethod
    def from_openai(cls, usage: Mapping[str, Any]) -> Usage:
        """From an OpenAI ``usage`` object: chat completions or the responses API.

        ``prompt_tokens``/``input_tokens`` include the cached and audio tokens their
        ``*_details`` report, and ``completion_tokens``/``output_tokens`` include reasoning
        and audio; each is moved to its own bucket.
        """
        if "prompt_tokens" in usage:
            prompt, completion = _count(usage, "prompt_tokens"), _count(usage, "completion_tokens")
            prompt_details = usage.get("prompt_tokens_details") or {}
            completion_details = usage.get("completion_tokens_details") or {}
        else:
            prompt, completion = _count(usage, "input_tokens"), _count(usage, "output_tokens")
            prompt_details = usage.get("input_tokens_details") or {}
            completion_details = usage.get("output_tokens_details") or {}
        cached = _count(prompt_details, "cached_tokens")
        audio_in = _count(prompt_details, "audio_tokens")
        reasoning = _count(completion_details, "reasoning_tokens")
        audio_out = _count(completion_details, "audio_tokens")
        return cls(
            input=_rest(prompt, cached + audio_in, usage),
            cache_read=cached,
            input_audio=audio_in,
            output=_rest(completion, reasoning + audio_out, usage),
            reasoning=reasoning,
            output_audio=audio_out,
        )

    @classmethod
    def from_anthropic(cls, usage: Mapping[str, Any]) -> Usage:
        """From an Anthropic ``usage`` object, whose buckets are already disjoint."""
        return cls(
            input=_count(usage, "input_tokens"),
            output=_count(usage, "output_tokens"),
            cache_write=_count(usage, "cache_creation_input_tokens"),
            cache_read=_count(usage, "cache_read_input_tokens"),
        )

    @classmethod
    def from_google(cls, usage: Mapping[str, Any]) -> Usage:
        """From a Gemini ``usageMetadata`` object.

        ``promptTokenCount`` includes ``cachedContentTokenCount``; ``thoughtsTokenCount``
        is separate from ``candidatesTokenCount`` and billed as output.
        """
        prompt = _count(usage, "promptTokenCount")
        cached = _count(usage, "cachedContentTokenCount")
        return cls(
            input=_rest(prompt, cached, usage),
            cache_read=cached,
            output=_count(usage, "candidatesTokenCount"),
            reasoning=_count(usage, "thoughtsTokenCount"),
        )

    @classmethod
    def from_dict(cls, usage: Mapping[str, Any]) -> Usage:
        """From any of the three providers' usage shapes, recognised by their keys."""
        if "promptTokenCount" in usage or "candidatesTokenCount" in usage:
            return cls.from_google(usage)
        if "cache_creation_input_tokens" in usage or "cache_read_input_tokens" in usage:
            return cls.from_anthropic(usage)
        if "prompt_tokens" in usage or "input_tokens_details" in usage:
            return cls.from_openai(usage)
        if "input_tokens" in usage or "output_tokens" in usage:
            # Without details, OpenAI responses and Anthropic usage mean the same thing.
            return cls.from_anthropic(usage)
        raise InvalidUsageError(
            usage, "no OpenAI, Anthropic or Google usage keys (prompt_tokens, input_tokens, ...)"
        )


def _count(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key) or 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidUsageError(usage, f"{key!r} is {value!r}, not a token count")
    return value


def _rest(total: int, parts: int, usage: Mapping[str, Any]) -> int:
    if parts > total:
        raise InvalidUsageError(usage, f"its details count {parts} tokens of a total of {total}")
    return total - parts


_CALL_COST_FIELDS = ("model", "total", "breakdown", "usage", "tier", "mode", "notes")

if TYPE_CHECKING:
    from typing import NamedTuple

    class _CallCostBase(NamedTuple):
        model: Model | CustomModel
        total: Decimal
        breakdown: Mapping[str, Decimal]
        usage: Usage
        tier: int | None
        mode: str | None
        notes: tuple[str, ...]

else:
    # A named tuple: immutable, and built in C, which halves the cost of a cost_of call.
    # (typing.NamedTuple would import typing: 9 ms on the first call.)
    from collections import namedtuple

    _CallCostBase = namedtuple("CallCost", _CALL_COST_FIELDS)


class CallCost(_CallCostBase):
    """What one call cost, in USD: ``total`` and the ``breakdown`` by usage bucket.

    Fields: ``model`` (the model priced), ``total``, ``breakdown`` (cost of each bucket that had
    tokens), ``usage``, ``tier`` (the prompt-size threshold whose prices applied, if any),
    ``mode``, and ``notes`` (where a price was borrowed from another component, and why).

    Example:
        >>> GPT_4O.cost_of(Usage(input=1_000_000)).total
        Decimal('2.5000000')
    """

    __slots__ = ()


def cost_of(
    model: Model | CustomModel, usage: Usage | Mapping[str, Any], *, mode: str | None = None
) -> CallCost:
    """Price one call of ``model``; see the module docstring for the rules."""
    if not isinstance(usage, Usage):
        usage = Usage.from_dict(usage)
    cost = model.cost
    if cost is None:
        raise PriceUnknownError(model.spec)
    chain: tuple[Rates, ...] = (cost,)
    tier: int | None = None
    if mode is not None:
        chain = (_mode_rates(model, mode), cost)
    elif cost.tiers:
        prompt = usage.prompt_tokens
        passed = [t for t in cost.tiers if t.tier.type == "context" and prompt > t.tier.size]
        if passed:
            chosen = max(passed, key=lambda t: t.tier.size)
            chain, tier = (chosen, cost), chosen.tier.size
    elif cost.context_over_200k is not None and usage.prompt_tokens > _LEGACY_THRESHOLD:
        chain, tier = (cost.context_over_200k, cost), _LEGACY_THRESHOLD
    breakdown: dict[str, Decimal] = {}
    notes: list[str] = []
    total = _ZERO
    for component in RATE_NAMES:
        tokens: int = getattr(usage, component)
        if not tokens:
            continue
        price = getattr(chain[0], component)
        if price is None and len(chain) > 1:
            price = getattr(chain[1], component)
        if price is None:
            borrowed = _FALLBACK.get(component)
            price = _price(chain, borrowed) if borrowed is not None else None
            if price is None:
                raise PriceUnknownError(model.spec, component, tokens)
            notes.append(f"{component} billed at the {borrowed} price: the model lists none")
        amount = (price * tokens).scaleb(-6)
        breakdown[component] = amount
        total += amount
    return CallCost(model, total, breakdown, usage, tier, mode, tuple(notes) if notes else ())


def _price(chain: tuple[Rates, ...], component: str) -> Decimal | None:
    for rates in chain:
        price: Decimal | None = getattr(rates, component)
        if price is not None:
            return price
    return None


def _mode_rates(model: Model | CustomModel, mode: str) -> Rates:
    from llmdex_runtime.model import Model

    experimental = model.experimental if isinstance(model, Model) else None
    modes = experimental.modes if experimental is not None and experimental.modes else {}
    chosen = modes.get(mode)
    if chosen is None or chosen.cost is None:
        known = ", ".join(sorted(name for name, m in modes.items() if m.cost)) or "none"
        raise InvalidUsageError(mode, f"{model.spec} has no priced mode {mode!r} (modes: {known})")
    return chosen.cost
