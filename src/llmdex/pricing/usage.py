"""Token usage of one call, in disjoint buckets, so nothing is billed twice.

Providers count overlapping totals (OpenAI's ``prompt_tokens`` include cached and audio
tokens); the readers (:mod:`llmdex.pricing.usage_shapes`) take every shape the ecosystem sends,
provider JSON, SDK objects, the AI SDK's, OpenTelemetry's and genai-prices', and report what
they cannot price instead of dropping it.
"""

from __future__ import annotations

from llmdex.errors import InvalidUsageError
from llmdex.records.rates import RATE_NAMES
from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from decimal import Decimal


@record
class Usage(Record):
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
    unpriced: tuple[tuple[str, int], ...] = ()
    """What the call used that the catalog has no price for, as ``(what, how many)``: a
    1-hour cache write, a web search, a key no reader understood, a service tier. ``cost_of``
    refuses a usage with any unless ``lenient=True``, which notes each instead."""
    reported_cost: Decimal | None = None
    """The cost the provider reported with the usage (OpenRouter's ``usage.cost``), in USD."""

    def __post_init__(self) -> None:
        for name in RATE_NAMES:  # the buckets are the priced components, in one order
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise InvalidUsageError(
                    {name: value},
                    f"{name} is {value!r}; a token count is a whole number, 0 or more",
                )

    @property
    def prompt_tokens(self) -> int:
        """Every input token, cached or not: what tier thresholds are compared with."""
        return self.input + self.cache_read + self.cache_write + self.input_audio

    @classmethod
    def from_openai(cls, usage: object) -> Usage:
        """From an OpenAI ``usage`` object (chat completions or responses), or OpenRouter's.

        ``prompt_tokens``/``input_tokens`` include the cached, cache-write and audio tokens
        their details report, and ``completion_tokens``/``output_tokens`` include reasoning
        and audio; each is moved to its own bucket.

        Example:
            >>> Usage.from_openai({"prompt_tokens": 100, "completion_tokens": 10,
            ...     "prompt_tokens_details": {"cached_tokens": 60}})
            Usage(input=40, output=10, reasoning=0, cache_read=60, cache_write=0, ...)
        """
        from llmdex.pricing.usage_shapes import read_openai

        return cls(**read_openai(usage))

    @classmethod
    def from_anthropic(cls, usage: object) -> Usage:
        """From an Anthropic ``usage`` object, whose buckets are already disjoint.

        Example:
            >>> Usage.from_anthropic({"input_tokens": 5, "output_tokens": 2,
            ...     "cache_read_input_tokens": 90}).prompt_tokens
            95
        """
        from llmdex.pricing.usage_shapes import read_anthropic

        return cls(**read_anthropic(usage))

    @classmethod
    def from_google(cls, usage: object) -> Usage:
        """From a Gemini ``usageMetadata`` object (camelCase JSON, or the SDK's snake_case).

        ``promptTokenCount`` includes the cached tokens and the audio its
        ``promptTokensDetails`` list; ``toolUsePromptTokenCount`` and ``thoughtsTokenCount``
        come on top, billed as input and as output; ``candidatesTokensDetails`` tells the
        audio of the answer.

        Example:
            >>> Usage.from_google({"promptTokenCount": 10, "candidatesTokenCount": 3}).input
            10
        """
        from llmdex.pricing.usage_shapes import read_google

        return cls(**read_google(usage))

    @classmethod
    def from_dict(cls, usage: object) -> Usage:
        """From any usage shape, recognised by its keys: the providers', their SDKs' objects,
        the Vercel AI SDK's (v4 to v6), OpenTelemetry GenAI span attributes, genai-prices'
        and llmdex's own JSON form.

        Example:
            >>> Usage.from_dict({"gen_ai.usage.input_tokens": 100,
            ...     "gen_ai.usage.cache_read.input_tokens": 60,
            ...     "gen_ai.usage.output_tokens": 5})
            Usage(input=40, output=5, reasoning=0, cache_read=60, cache_write=0, ...)
        """
        from llmdex.pricing.usage_shapes import read_any

        return cls(**read_any(usage))
