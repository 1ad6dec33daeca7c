"""Token usage of one call: totals with their parts, as OpenTelemetry and providers count.

``input_tokens`` is every input token, cache reads and writes and audio included;
``output_tokens`` every output token, reasoning and audio included (OpenTelemetry's
``gen_ai.usage.input_tokens`` and ``gen_ai.usage.output_tokens``; OpenAI's ``prompt_tokens`` and
``completion_tokens``). Prices apply to the disjoint buckets the parts leave
(:attr:`Usage.buckets`), so nothing is billed twice. The readers
(:mod:`llmdex.pricing.usage_shapes`) take every shape the ecosystem sends and report what they
cannot price instead of dropping it.
"""

from __future__ import annotations

from llmdex.errors import InvalidUsageError
from llmdex.records.rates import RATE_NAMES
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal

_COUNTS = (
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "input_audio_tokens",
    "output_audio_tokens",
)
_INPUT_PARTS = ("cache_read_tokens", "cache_write_tokens", "input_audio_tokens")
_OUTPUT_PARTS = ("reasoning_tokens", "output_audio_tokens")


@record
class Usage(Record):
    """Token counts of one call: two totals and their parts.

    ``input_tokens`` includes ``cache_read_tokens``, ``cache_write_tokens`` and
    ``input_audio_tokens``; ``output_tokens`` includes ``reasoning_tokens`` and
    ``output_audio_tokens``. A part larger than its total is an :class:`InvalidUsageError`.

    Example:
        >>> Usage(input_tokens=120_000, cache_read_tokens=100_000, output_tokens=2_000).buckets
        {'input': 20000, 'output': 2000, 'reasoning': 0, 'cache_read': 100000, ...}
    """

    input_tokens: int = 0
    """Every input token: uncached text, cache reads, cache writes and audio."""
    output_tokens: int = 0
    """Every output token: visible text, reasoning and audio."""
    reasoning_tokens: int = 0
    """Of ``output_tokens``, the thinking tokens."""
    cache_read_tokens: int = 0
    """Of ``input_tokens``, those read from the provider's prompt cache."""
    cache_write_tokens: int = 0
    """Of ``input_tokens``, those written to the cache (OpenTelemetry's ``cache_creation``)."""
    input_audio_tokens: int = 0
    """Of ``input_tokens``, uncached audio."""
    output_audio_tokens: int = 0
    """Of ``output_tokens``, audio."""
    unpriced: tuple[tuple[str, int], ...] = ()
    """What the call used that the catalog has no price for, as ``(what, how many)``: a
    1-hour cache write, a web search, a key no reader understood, a service tier. ``cost_of``
    refuses a usage with any unless ``lenient=True``, which notes each instead."""
    reported_cost: Decimal | None = None
    """The cost the provider reported with the usage (OpenRouter's ``usage.cost``), in USD."""

    def __post_init__(self) -> None:
        # Made once per priced call: the common case (plain ints that add up) is one pass.
        total_in, total_out = self.input_tokens, self.output_tokens
        read, write, audio_in = (
            self.cache_read_tokens,
            self.cache_write_tokens,
            self.input_audio_tokens,
        )
        reasoning, audio_out = self.reasoning_tokens, self.output_audio_tokens
        for value in (total_in, total_out, reasoning, read, write, audio_in, audio_out):
            if value.__class__ is not int or value < 0:
                self._check_counts()
                break
        if read + write + audio_in > total_in:
            _within(self, "input_tokens", _INPUT_PARTS)
        if reasoning + audio_out > total_out:
            _within(self, "output_tokens", _OUTPUT_PARTS)

    def _check_counts(self) -> None:
        for name in _COUNTS:
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidUsageError(
                    {name: value},
                    f"{name} is {value!r}; a token count is a whole number, 0 or more",
                )

    @property
    def buckets(self) -> dict[str, int]:
        """The disjoint counts each price applies to, by the price's name (``input`` is
        uncached text input, ``output`` visible text output).

        Example:
            >>> Usage(input_tokens=100, cache_read_tokens=60, output_tokens=10).buckets["input"]
            40
        """
        return dict(zip(RATE_NAMES, counts(self), strict=True))

    @classmethod
    def from_buckets(
        cls,
        *,
        input: int = 0,
        output: int = 0,
        reasoning: int = 0,
        cache_read: int = 0,
        cache_write: int = 0,
        input_audio: int = 0,
        output_audio: int = 0,
        unpriced: tuple[tuple[str, int], ...] = (),
        reported_cost: Decimal | None = None,
    ) -> Usage:
        """From disjoint counts (``input`` uncached text, ``output`` visible text), as
        Anthropic reports them and as ``Usage`` took them before totals with parts.

        Example:
            >>> Usage.from_buckets(input=20, cache_read=100, output=5).input_tokens
            120
        """
        given = dict(
            input=input,
            output=output,
            reasoning=reasoning,
            cache_read=cache_read,
            cache_write=cache_write,
            input_audio=input_audio,
            output_audio=output_audio,
        )
        for name, value in given.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                problem = f"{name} is {value!r}; a token count is a whole number, 0 or more"
                raise InvalidUsageError({name: value}, problem)
        return cls(
            input_tokens=input + cache_read + cache_write + input_audio,
            output_tokens=output + reasoning + output_audio,
            reasoning_tokens=reasoning,
            cache_read_tokens=cache_read,
            cache_write_tokens=cache_write,
            input_audio_tokens=input_audio,
            output_audio_tokens=output_audio,
            unpriced=unpriced,
            reported_cost=reported_cost,
        )

    @classmethod
    def from_openai(cls, usage: object) -> Usage:
        """From an OpenAI ``usage`` object (chat completions or responses), or OpenRouter's.

        Example:
            >>> Usage.from_openai({"prompt_tokens": 100, "completion_tokens": 10,
            ...     "prompt_tokens_details": {"cached_tokens": 60}})
            Usage(input_tokens=100, output_tokens=10, reasoning_tokens=0, cache_read_tokens=60, ...)
        """
        from llmdex.pricing.usage_shapes import read_openai

        return cls(**read_openai(usage))

    @classmethod
    def from_anthropic(cls, usage: object) -> Usage:
        """From an Anthropic ``usage`` object, whose ``input_tokens`` leave out the cache
        reads and writes that come beside it.

        Example:
            >>> Usage.from_anthropic({"input_tokens": 5, "output_tokens": 2,
            ...     "cache_read_input_tokens": 90}).input_tokens
            95
        """
        from llmdex.pricing.usage_shapes import read_anthropic

        return cls(**read_anthropic(usage))

    @classmethod
    def from_google(cls, usage: object) -> Usage:
        """From a Gemini ``usageMetadata`` object (camelCase JSON, or the SDK's snake_case).

        ``toolUsePromptTokenCount`` is input and ``thoughtsTokenCount`` output on top of
        ``promptTokenCount`` and ``candidatesTokenCount``; the modality details tell audio.

        Example:
            >>> Usage.from_google({"promptTokenCount": 10, "candidatesTokenCount": 3}).input_tokens
            10
        """
        from llmdex.pricing.usage_shapes import read_google

        return cls(**read_google(usage))

    @classmethod
    def from_dict(cls, usage: object) -> Usage:
        """From any usage shape, recognised by its keys: the providers', their SDKs' objects,
        the Vercel AI SDK's (v4 to v6), OpenTelemetry GenAI span attributes, genai-prices'
        and llmdex's own JSON form (this record's field names).

        Example:
            >>> Usage.from_dict({"gen_ai.usage.input_tokens": 100,
            ...     "gen_ai.usage.cache_read.input_tokens": 60,
            ...     "gen_ai.usage.output_tokens": 5}).buckets["input"]
            40
        """
        from llmdex.pricing.usage_shapes import read_any

        return cls(**read_any(usage))


def _within(usage: Usage, total: str, parts: tuple[str, ...]) -> None:
    # A part larger than the total that includes it is a usage read the wrong way round.
    given = [name for name in parts if getattr(usage, name)]
    counted = sum(getattr(usage, name) for name in given)
    if counted > getattr(usage, total):
        named = " + ".join(f"{name} ({getattr(usage, name)})" for name in given)
        raise InvalidUsageError(
            {name: getattr(usage, name) for name in (total, *given)},
            f"{named} is more than {total} ({getattr(usage, total)}), which includes "
            f"{'them' if len(given) > 1 else 'it'}: give {total} as the total, parts and all",
        )


def counts(usage: Usage) -> tuple[int, int, int, int, int, int, int]:
    """The disjoint counts of ``usage`` in the order of
    :data:`~llmdex.records.rates.RATE_NAMES` (what ``cost_of`` multiplies by the prices)."""
    read, write, audio_in = (
        usage.cache_read_tokens,
        usage.cache_write_tokens,
        usage.input_audio_tokens,
    )
    reasoning, audio_out = usage.reasoning_tokens, usage.output_audio_tokens
    return (
        usage.input_tokens - read - write - audio_in,
        usage.output_tokens - reasoning - audio_out,
        reasoning,
        read,
        write,
        audio_in,
        audio_out,
    )
