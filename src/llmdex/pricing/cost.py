"""The cost of one call: token usage times the catalog's prices, in exact decimals.

Rules, as the providers bill (README, "Cost of a call"):

* Usage is totals with parts (:class:`Usage`); each price applies to the disjoint bucket the
  parts leave (:attr:`Usage.buckets`), so nothing is counted twice.
* Prices are USD per million tokens. The tier is chosen from the prompt size
  (``input_tokens``: every input token, cached or not): the largest ``cost.tiers``
  threshold the prompt exceeds, its prices replacing the base prices it lists; without
  ``tiers``, ``context_over_200k`` applies above 200,000 prompt tokens. A named mode
  (``mode="fast"``) uses that mode's prices instead; so does a service tier or speed the
  usage reports (Anthropic's ``speed: "fast"``) where the model prices a mode of that name.
* Arithmetic is exact and independent of the caller's ``decimal`` context.
* A component with tokens but no price of its own is billed as providers bill it: cache
  reads and writes at the input price, reasoning at the output price (each noted in
  ``CallCost.notes``). Audio with no audio price, or a model with no prices at all, raises
  :class:`PriceUnknownError`: never a silent zero. So does what a usage reports but no price
  covers (``Usage.unpriced``: a 1-hour cache write, a web search, a service tier), unless
  ``lenient=True``, which prices the rest and notes each.
"""

from __future__ import annotations

from decimal import Context, Decimal, Inexact

from llmdex.errors import PriceUnknownError
from llmdex.pricing.usage import Usage, counts
from llmdex.records.rates import RATE_NAMES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

    from llmdex.records.model import Model
    from llmdex.records.rates import Cost, Mode, Rates
    from llmdex.resolution.custom import CustomModel


_FALLBACK = {"cache_read": "input", "cache_write": "input", "reasoning": "output"}
_LEGACY_THRESHOLD = 200_000
_ZERO = Decimal(0)
# Exact whatever the caller's decimal context: 60 digits hold any price times any token count
# a call could report, and a result that would need rounding raises instead.
_EXACT = Context(prec=60, traps=[Inexact])


_CALL_COST_FIELDS = (
    "model",
    "total",
    "breakdown",
    "usage",
    "tier",
    "mode",
    "notes",
    "currency",
    "reported",
)

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
        currency: str
        reported: Decimal | None

else:
    # A named tuple: immutable, and built in C, which halves the cost of a cost_of call.
    # (typing.NamedTuple would import typing: 9 ms on the first call.)
    from collections import namedtuple

    _CallCostBase = namedtuple("CallCost", _CALL_COST_FIELDS)


class CallCost(_CallCostBase):
    """What one call cost, in USD: ``total`` and the ``breakdown`` by usage bucket.

    Fields: ``model`` (the model priced), ``total``, ``breakdown`` (cost of each bucket that had
    tokens), ``usage``, ``tier`` (the prompt-size threshold whose prices applied, if any),
    ``mode``, ``notes`` (where a price was borrowed from another component, and why; under
    ``lenient=True``, what was not priced), ``currency`` (always ``"USD"``, the catalog's) and
    ``reported`` (the cost the provider reported, if it did).

    Example:
        >>> GPT_4O.cost_of(Usage(input_tokens=1_000_000)).total
        Decimal('2.5000000')
    """

    __slots__ = ()

    @property
    def difference(self) -> Decimal | None:
        """llmdex's ``total`` less the provider's ``reported`` cost, where one was reported.

        Example:
            >>> GPT_4O.cost_of({"prompt_tokens": 1000, "completion_tokens": 0,
            ...     "cost": 0.0025}).difference
            Decimal('0.0000000')
        """
        return None if self.reported is None else _EXACT.subtract(self.total, self.reported)

    def otel_attributes(self) -> dict[str, float | int | str]:
        """The call as OpenTelemetry GenAI span attributes: the ``gen_ai.usage.*`` token counts
        (input including cache reads and writes, output including reasoning) and the proposed
        ``gen_ai.usage.cost.*`` (open-telemetry/semantic-conventions-genai#443): the amount
        the provider reported if it did (``source`` ``"provider"``), else llmdex's
        (``"local"``), as a double, so the exact amount stays in ``total``.

        Example:
            >>> GPT_4O.cost_of(Usage(input_tokens=1_000_000)).otel_attributes()[
            ...     "gen_ai.usage.cost.amount"]
            2.5
        """
        usage = self.usage
        found: dict[str, float | int | str] = {
            "gen_ai.usage.input_tokens": usage.input_tokens,
            "gen_ai.usage.output_tokens": usage.output_tokens,
        }
        if usage.cache_read_tokens:
            found["gen_ai.usage.cache_read.input_tokens"] = usage.cache_read_tokens
        if usage.cache_write_tokens:
            found["gen_ai.usage.cache_creation.input_tokens"] = usage.cache_write_tokens
        if usage.reasoning_tokens:
            found["gen_ai.usage.reasoning.output_tokens"] = usage.reasoning_tokens
        reported = self.reported
        found["gen_ai.usage.cost.amount"] = float(self.total if reported is None else reported)
        found["gen_ai.usage.cost.currency"] = self.currency
        found["gen_ai.usage.cost.source"] = "local" if reported is None else "provider"
        return found


def cost_of(
    model: Model | CustomModel,
    usage: Usage | Mapping[str, Any] | object,
    *,
    mode: str | None = None,
    lenient: bool = False,
) -> CallCost:
    """Price one call of ``model``; see the module docstring for the rules.

    What the usage says was used but the catalog cannot price (``Usage.unpriced``) raises
    :class:`PriceUnknownError`; with ``lenient=True`` the rest is priced and each such item
    is a line of ``notes``.
    """
    flag: object = lenient  # callers need not be typed: a "yes" is refused, not truthy
    if flag is not False and flag is not True:
        from llmdex.arguments import as_flag

        lenient = as_flag("cost_of", "lenient", flag) is True
    if usage.__class__ is not Usage:
        usage = usage if isinstance(usage, Usage) else Usage.from_dict(usage)
    cost = model.cost
    if cost is None:
        raise PriceUnknownError(model.spec)
    if mode is None and usage.unpriced:
        mode = _reported_mode(model, usage)
    tier: int | None = None
    if mode is not None:
        plan = _plan((_mode_rates(model, mode), cost))
    else:
        found = _PLANS.get(id(cost))
        if found is None or found[0] is not cost:
            found = _remember(cost)
        plan, tiers = found[1], found[2]
        if tiers:
            prompt = usage.input_tokens
            for size, band in tiers:
                if prompt > size:
                    plan, tier = band, size
                    break
    breakdown: dict[str, Decimal] = {}
    notes: tuple[str, ...] = ()
    total: Decimal | None = None
    for tokens, entry in zip(counts(usage), plan, strict=False):
        if tokens:
            component, per_token, note = entry
            if per_token is None:
                raise PriceUnknownError(model.spec, component, tokens)
            amount = _multiply(per_token, tokens)
            breakdown[component] = amount
            # Zero plus an amount is that amount, exponent included (an amount's is at most -6).
            total = amount if total is None else _add(total, amount)
            if note:
                notes += (note,)
    total = _ZERO if total is None else total
    if usage.unpriced:
        notes += _unpriced(model, usage, mode, lenient)
    return _made(
        CallCost,
        (model, total, breakdown, usage, tier, mode, notes, "USD", usage.reported_cost),
    )


_HOW = {
    "cache_write_1h": "billed at the cache-write (5-minute) price; the catalog lists no 1-hour one"
}


_TIER_KEYS = ("speed", "service_tier")
"""The usage keys that name how a call was served (Anthropic's ``speed``, the
``service_tier`` of OpenAI and Anthropic): where the model lists a priced mode of that
name, the call is priced at that mode."""


def _reported_mode(model: Model | CustomModel, usage: Usage) -> str | None:
    # A tier the catalog prices as a mode of this model is priced at it, not at the base.
    for what, _ in usage.unpriced:
        key, _, name = what.partition(" ")
        if key in _TIER_KEYS and name in _priced_modes(model):
            return name
    return None


def _unpriced(
    model: Model | CustomModel, usage: Usage, mode: str | None, lenient: bool
) -> tuple[str, ...]:
    # The mode priced is the tier the usage reports: that is no surprise.
    served = {f"{key} {mode}" for key in _TIER_KEYS}
    left = [(what, n) for what, n in usage.unpriced if mode is None or what not in served]
    if not left:
        return ()
    if not lenient:
        what, amount = left[0]
        raise PriceUnknownError(model.spec, what, amount, lenient_hint=True)
    return tuple(
        f"{what} ({amount}): {_HOW.get(what, 'not priced: the catalog lists no price for it')}"
        for what, amount in left
    )


if TYPE_CHECKING:
    Plan = tuple[tuple[str, Decimal | None, str | None], ...]

_PLANS: dict[int, tuple[Cost, Plan, tuple[tuple[int, Plan], ...]]] = {}
"""Per price table (by identity; the table is kept, so its id is not reused): the prices per
token of the base band, and of each tier band, largest threshold first."""
_PLANS_LIMIT = 50_000
_multiply = _EXACT.multiply
_add = _EXACT.add
# A named tuple's own __new__ is a Python function around this one; skipping it saves 6% of
# the instructions of a cost_of call.
_made = tuple.__new__


def _remember(cost: Cost) -> tuple[Cost, Plan, tuple[tuple[int, Plan], ...]]:
    # Worked out once per price table: each band's price per token, fallbacks applied.
    (_, _, chain), *tiered = bands(cost)
    found = (cost, _plan(chain), tuple((above, _plan(c)) for above, _, c in reversed(tiered)))
    if len(_PLANS) >= _PLANS_LIMIT:  # custom models made in a loop: start over
        _PLANS.clear()
    _PLANS[id(cost)] = found
    return found


def _plan(chain: tuple[Rates, ...]) -> Plan:
    plan = []
    for component in RATE_NAMES:
        price, borrowed = rate(chain, component)
        note = None
        if borrowed is not None:
            note = f"{component} billed at the {borrowed} price: the model lists none"
        per_token = None if price is None else _EXACT.scaleb(price, -6)
        plan.append((component, per_token, note))
    return tuple(plan)


def rate(chain: tuple[Rates, ...], component: str) -> tuple[Decimal | None, str | None]:
    """The price per 1M tokens of ``component`` under a chain of rates (a tier or mode, then
    the base table), and the component it was borrowed from, if any; ``None`` if unknown."""
    price = _price(chain, component)
    if price is not None:
        return price, None
    borrowed = _FALLBACK.get(component)
    if borrowed is None:
        return None, None
    return _price(chain, borrowed), borrowed


def bands(cost: Cost) -> list[tuple[int, int | None, tuple[Rates, ...]]]:
    """The prompt-size bands of a price table, as :func:`cost_of` chooses among them: for
    each, the prompt sizes it covers (more than the first number, up to the second, ``None``
    for no limit) and its chain of rates. A base table without tiers is one band from -1.

    Example:
        >>> [(above, upto) for above, upto, _ in bands(GPT_4O.cost)]
        [(-1, None)]
    """
    if cost.tiers:
        sizes: dict[int, Rates] = {}
        for tier in cost.tiers:
            if tier.tier.type == "context":
                sizes.setdefault(tier.tier.size, tier)  # max() keeps the first of equals
    elif cost.context_over_200k is not None:
        sizes = {_LEGACY_THRESHOLD: cost.context_over_200k}
    else:
        sizes = {}
    edges = sorted(sizes)
    found: list[tuple[int, int | None, tuple[Rates, ...]]] = [
        (-1, edges[0] if edges else None, (cost,))
    ]
    for index, size in enumerate(edges):
        upto = edges[index + 1] if index + 1 < len(edges) else None
        found.append((size, upto, (sizes[size], cost)))
    return found


def _price(chain: tuple[Rates, ...], component: str) -> Decimal | None:
    for rates in chain:
        price: Decimal | None = getattr(rates, component)
        if price is not None:
            return price
    return None


def _priced_modes(model: Model | CustomModel) -> Mapping[str, Mode]:
    from llmdex.records.rates import Experimental

    # A custom model has no experimental modes (and no such field).
    experimental = getattr(model, "experimental", None)
    if isinstance(experimental, Experimental) and experimental.modes:
        return {name: m for name, m in experimental.modes.items() if m.cost is not None}
    return {}


def _mode_rates(model: Model | CustomModel, mode: str) -> Rates:
    modes = _priced_modes(model)
    chosen = modes.get(mode) if isinstance(mode, str) else None
    if chosen is None or chosen.cost is None:
        from llmdex.errors import InvalidArgumentError

        known = ", ".join(sorted(modes)) or "none"
        problem = f"{model.spec} has no priced mode of that name (modes: {known})"
        raise InvalidArgumentError("cost_of", "mode", mode, problem)
    return chosen.cost
