"""Every usage shape the ecosystem sends, read into the fields of a
:class:`~llmdex.pricing.usage.Usage` (which each reader's caller makes).

Each reader takes one shape's totals and parts into disjoint buckets, checking that no part
exceeds its total, and gives them back as a ``Usage``'s totals with parts, so nothing is
billed twice. Every key of the input is read or reported: a key no reader
understands, a unit the catalog has no price for (a 1-hour cache write, a web search, an
image token) and a service tier other than the standard one go into ``Usage.unpriced``, and
``cost_of`` refuses them unless told to be lenient. Nothing is dropped silently.

Shapes, by the keys that tell them apart:

* OpenAI chat (``prompt_tokens``) and responses (``input_tokens`` with ``*_details``);
  OpenRouter's (``cost``, ``cache_write_tokens``) and LiteLLM's (``cache_creation_input_tokens``
  beside ``prompt_tokens``): totals that include their details;
* Anthropic (``cache_creation_input_tokens`` without ``prompt_tokens``): disjoint counts;
* Gemini ``usageMetadata`` (camelCase JSON or the google-genai SDK's snake_case);
* the Vercel AI SDK: v4 (``promptTokens``), v5 (``inputTokens`` a number,
  ``cachedInputTokens``), v6 (``inputTokenDetails``, or the provider spec's ``inputTokens``
  object with ``total``/``noCache``/``cacheRead``/``cacheWrite``);
* OpenTelemetry GenAI span attributes (``gen_ai.usage.*``; other span attributes are not usage
  and are left alone);
* llmdex's own JSON form of a ``Usage`` (``input_tokens``, ``cache_read_tokens``,
  ``reasoning_tokens``, ...) and genai-prices' ``Usage``, which shares those names.
"""

from __future__ import annotations

from collections.abc import Mapping

from llmdex.errors import InvalidUsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal
    from typing import Any


class Keys:
    """A usage mapping that remembers which keys were read, nested mappings included."""

    def __init__(self, data: Mapping[str, Any], where: str = "") -> None:
        self.data = data
        self.where = where
        self.read: set[str] = set()
        self.children: list[Keys] = []

    def __contains__(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None

    def count(self, key: str) -> int:
        """The token count under ``key`` (0 when absent or null)."""
        self.read.add(key)
        value = self.data.get(key)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise InvalidUsageError(
                self.data, f"{self.where}{key!r} is {value!r}, not a token count"
            )
        return value

    def text(self, key: str) -> str | None:
        """The string under ``key``, if any."""
        self.read.add(key)
        value = self.data.get(key)
        return None if value is None else str(value)

    def child(self, key: str) -> Keys:
        """The mapping under ``key`` (empty when absent or null)."""
        self.read.add(key)
        found = Keys(as_mapping(self.data.get(key)), f"{self.where}{key}.")
        self.children.append(found)
        return found

    def rows(self, key: str) -> list[Keys]:
        """The list of mappings under ``key`` (Gemini's per-modality details)."""
        self.read.add(key)
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise InvalidUsageError(self.data, f"{self.where}{key!r} is {value!r}, not a list")
        found = [Keys(as_mapping(item), f"{self.where}{key}[].") for item in value]
        self.children.extend(found)
        return found

    def known(self, *keys: str) -> None:
        """Mark ``keys`` read: they tell nothing the price depends on (``total_tokens``)."""
        self.read.update(keys)

    def unread(self) -> Iterator[tuple[str, int]]:
        """Each key nobody read whose value says something was used: (its path, how many)."""
        for key, value in self.data.items():
            if key in self.read or value in (None, 0, False, "", {}, []):
                continue
            amount = value if isinstance(value, int) and not isinstance(value, bool) else 1
            yield f"{self.where}{key}", amount
        for child in self.children:
            yield from child.unread()


def as_mapping(value: object) -> Mapping[str, Any]:
    """A dict as it is; an SDK object through ``model_dump()``, or its public attributes."""
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        dumped = dump()
        if isinstance(dumped, dict):
            return dumped
    attributes = getattr(value, "__dict__", None)
    if isinstance(attributes, dict) and attributes:
        return {k: v for k, v in attributes.items() if not k.startswith("_")}
    if isinstance(value, Mapping):
        return {str(k): item for k, item in value.items()}
    raise InvalidUsageError(
        value, f"a usage is a dict or an SDK usage object, not {type(value).__name__}"
    )


def rest(total: int, parts: int, keys: Keys, what: str) -> int:
    """``total`` less the ``parts`` it includes; refuses parts larger than their total."""
    if parts > total:
        raise InvalidUsageError(
            keys.data, f"its {what} details count {parts} tokens of a total of {total}"
        )
    return total - parts


class Read:
    """What a reader found: the seven buckets, what it cannot price, a reported cost."""

    def __init__(self, keys: Keys) -> None:
        self.keys = keys
        self.buckets: dict[str, int] = {}
        self.unpriced: list[tuple[str, int]] = []
        self.reported: Decimal | None = None

    def unpriced_if(self, what: str, amount: int) -> None:
        """Note ``amount`` of ``what`` as used but not priced by the catalog."""
        if amount:
            self.unpriced.append((what, amount))

    def tier(self, tier: str | None, standard: tuple[str, ...], key: str = "service_tier") -> None:
        """A service tier (or region, or speed) other than the standard one is priced
        differently: note it."""
        if tier is not None and tier.lower() not in standard:
            self.unpriced.append((f"{key} {tier}", 1))

    def usage(self) -> dict[str, Any]:
        """The fields of the :class:`~llmdex.pricing.usage.Usage`: totals with parts, made
        from the disjoint buckets the reader found, with every key nobody read among
        ``unpriced``."""
        unknown = [(f"key {path}", n) for path, n in self.keys.unread()]
        get = self.buckets.get
        read, write, audio_in = get("cache_read", 0), get("cache_write", 0), get("input_audio", 0)
        reasoning, audio_out = get("reasoning", 0), get("output_audio", 0)
        return {
            "input_tokens": get("input", 0) + read + write + audio_in,
            "output_tokens": get("output", 0) + reasoning + audio_out,
            "reasoning_tokens": reasoning,
            "cache_read_tokens": read,
            "cache_write_tokens": write,
            "input_audio_tokens": audio_in,
            "output_audio_tokens": audio_out,
            "unpriced": tuple(sorted([*self.unpriced, *unknown])),
            "reported_cost": self.reported,
        }


def read_openai(usage: object) -> dict[str, Any]:
    """OpenAI chat or responses usage; OpenRouter's and LiteLLM's, which extend it."""
    keys = Keys(as_mapping(usage))
    found = Read(keys)
    keys.known("total_tokens", "is_byok", "cost_details")
    # Groq's timings (seconds) say nothing the price depends on.
    keys.known("queue_time", "prompt_time", "completion_time", "total_time")
    if "prompt_tokens" in keys or "completion_tokens" in keys:
        prompt, completion = keys.count("prompt_tokens"), keys.count("completion_tokens")
        into, out = keys.child("prompt_tokens_details"), keys.child("completion_tokens_details")
        keys.known("input_tokens", "output_tokens")  # some proxies repeat the totals
    else:
        prompt, completion = keys.count("input_tokens"), keys.count("output_tokens")
        into, out = keys.child("input_tokens_details"), keys.child("output_tokens_details")
    cached = into.count("cached_tokens")
    # LiteLLM repeats the cache counts at the top, Anthropic-style, inside prompt_tokens.
    litellm_read = keys.count("cache_read_input_tokens")
    if litellm_read and cached and litellm_read != cached:
        raise InvalidUsageError(
            keys.data,
            f"cache_read_input_tokens ({litellm_read}) and cached_tokens ({cached}) disagree",
        )
    cached = cached or litellm_read
    # DeepSeek splits prompt_tokens into cache hits and misses at the top.
    hits, misses = keys.count("prompt_cache_hit_tokens"), keys.count("prompt_cache_miss_tokens")
    if (hits or misses) and hits + misses != prompt:
        raise InvalidUsageError(
            keys.data,
            f"prompt_cache_hit_tokens ({hits}) and prompt_cache_miss_tokens ({misses}) do not "
            f"add up to prompt_tokens ({prompt})",
        )
    cached = cached or hits
    written = into.count("cache_write_tokens") or keys.count("cache_creation_input_tokens")
    audio_in = into.count("audio_tokens")
    into.known("text_tokens")
    found.unpriced_if("image input tokens", into.count("image_tokens"))
    found.unpriced_if("video input tokens", into.count("video_tokens"))
    reasoning = out.count("reasoning_tokens")
    audio_out = out.count("audio_tokens")
    # Predicted-output tokens are inside completion_tokens and billed as output.
    out.known("accepted_prediction_tokens", "rejected_prediction_tokens", "text_tokens")
    found.unpriced_if("image output tokens", out.count("image_tokens"))
    found.buckets = {
        "input": rest(prompt, cached + written + audio_in, keys, "input"),
        "cache_read": cached,
        "cache_write": written,
        "input_audio": audio_in,
        "output": rest(completion, reasoning + audio_out, keys, "output"),
        "reasoning": reasoning,
        "output_audio": audio_out,
    }
    tools = keys.child("server_tool_use")
    found.unpriced_if("web_search_requests", tools.count("web_search_requests"))
    found.tier(keys.text("service_tier"), ("default", "auto", "standard"))
    found.reported = _reported(keys, "cost")
    return found.usage()


def read_anthropic(usage: object) -> dict[str, Any]:
    """Anthropic usage: input, cache reads and cache writes are disjoint counts."""
    keys = Keys(as_mapping(usage))
    found = Read(keys)
    written = keys.count("cache_creation_input_tokens")
    by_ttl = keys.child("cache_creation")
    five, hour = (
        by_ttl.count("ephemeral_5m_input_tokens"),
        by_ttl.count("ephemeral_1h_input_tokens"),
    )
    if five + hour > written and written:
        raise InvalidUsageError(
            keys.data,
            f"cache_creation counts {five + hour} tokens of a cache_creation_input_tokens of "
            f"{written}",
        )
    written = written or five + hour
    # The catalog has one cache-write price, Anthropic's 5-minute one; 1-hour writes cost 2x
    # the input price instead of 1.25x.
    found.unpriced_if("cache_write_1h", hour)
    found.buckets = {
        "input": keys.count("input_tokens"),
        "output": keys.count("output_tokens"),
        "cache_write": written,
        "cache_read": keys.count("cache_read_input_tokens"),
    }
    tools = keys.child("server_tool_use")
    found.unpriced_if("web_search_requests", tools.count("web_search_requests"))
    found.unpriced_if("web_fetch_requests", tools.count("web_fetch_requests"))
    # output_tokens includes the thinking tokens, billed as output: a breakdown, not more.
    keys.child("output_tokens_details").known("thinking_tokens")
    found.tier(keys.text("service_tier"), ("standard",))
    # US-only inference and fast mode are priced above the standard rates; the catalog's
    # fast-mode prices apply with cost_of(mode="fast").
    found.tier(keys.text("inference_geo"), ("global", "not_available"), "inference_geo")
    found.tier(keys.text("speed"), ("standard",), "speed")
    return found.usage()


_GOOGLE = (
    "prompt_token_count",
    "candidates_token_count",
    "cached_content_token_count",
    "thoughts_token_count",
    "tool_use_prompt_token_count",
    "total_token_count",
    "prompt_tokens_details",
    "candidates_tokens_details",
    "cache_tokens_details",
    "tool_use_prompt_tokens_details",
    "traffic_type",
    "modality",
    "token_count",
)


def camel(name: str) -> str:
    """``prompt_token_count`` -> ``promptTokenCount``."""
    head, *tail = name.split("_")
    return head + "".join(part.title() for part in tail)


_SNAKE = {camel(key): key for key in _GOOGLE}


def google_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    """Gemini's camelCase JSON keys as the google-genai SDK's snake_case ones."""
    return {_SNAKE.get(key, key): value for key, value in data.items()}


def read_google(usage: object) -> dict[str, Any]:
    """A Gemini ``usageMetadata``: the prompt includes the cached tokens; thoughts and the
    tool-use prompt come on top of the candidates and the prompt."""
    keys = Keys(google_keys(as_mapping(usage)))
    found = Read(keys)
    keys.known("total_token_count", "tool_use_prompt_tokens_details")
    prompt = keys.count("prompt_token_count")
    cached = keys.count("cached_content_token_count")
    cached_audio = _modality(keys.rows("cache_tokens_details"), "AUDIO")
    audio_in = _modality(keys.rows("prompt_tokens_details"), "AUDIO")
    uncached_audio = rest(audio_in, cached_audio, keys, "cached audio")
    candidates = keys.count("candidates_token_count")
    audio_out = _modality(keys.rows("candidates_tokens_details"), "AUDIO")
    found.buckets = {
        "input": rest(prompt, cached + uncached_audio, keys, "prompt")
        + keys.count("tool_use_prompt_token_count"),
        "cache_read": cached,
        "input_audio": uncached_audio,
        "output": rest(candidates, audio_out, keys, "candidates"),
        "output_audio": audio_out,
        "reasoning": keys.count("thoughts_token_count"),
    }
    # ON_DEMAND is the standard price; PROVISIONED_THROUGHPUT is paid for another way.
    found.tier(keys.text("traffic_type"), ("on_demand", "traffic_type_unspecified"), "traffic_type")
    return found.usage()


def _modality(rows: list[Keys], modality: str) -> int:
    total = 0
    for row in rows:
        row.data = google_keys(row.data)
        name = row.text("modality") or ""
        count = row.count("token_count")
        if name.upper().endswith(modality):
            total += count
    return total


def read_vercel(usage: object) -> dict[str, Any]:
    """The Vercel AI SDK's usage, v4 to v6: totals that include their parts."""
    keys = Keys(as_mapping(usage))
    found = Read(keys)
    keys.known("totalTokens", "raw")
    if "promptTokens" in keys or "completionTokens" in keys:  # v4
        found.buckets = {
            "input": keys.count("promptTokens"),
            "output": keys.count("completionTokens"),
        }
        return found.usage()
    if isinstance(keys.data.get("inputTokens"), dict) or isinstance(
        keys.data.get("outputTokens"), dict
    ):  # the provider specification (LanguageModelV3Usage)
        into, out = keys.child("inputTokens"), keys.child("outputTokens")
        total_in, total_out = into.count("total"), out.count("total")
        read, write = into.count("cacheRead"), into.count("cacheWrite")
        reasoning = out.count("reasoning")
        into.known("noCache")
        out.known("text")
        _agree(into, "noCache", total_in - read - write)
        _agree(out, "text", total_out - reasoning)
    else:  # v5 and v6 (LanguageModelUsage)
        total_in, total_out = keys.count("inputTokens"), keys.count("outputTokens")
        into, out = keys.child("inputTokenDetails"), keys.child("outputTokenDetails")
        read = into.count("cacheReadTokens") or keys.count("cachedInputTokens")
        write = into.count("cacheWriteTokens")
        reasoning = out.count("reasoningTokens") or keys.count("reasoningTokens")
        into.known("noCacheTokens")
        out.known("textTokens")
        _agree(into, "noCacheTokens", total_in - read - write)
        _agree(out, "textTokens", total_out - reasoning)
    found.buckets = _totals(keys, total_in, total_out, read=read, write=write, reasoning=reasoning)
    return found.usage()


def _totals(
    keys: Keys, total_in: int, total_out: int, *, read: int, write: int, reasoning: int
) -> dict[str, int]:
    # The buckets of totals that include their cache reads and writes, and their reasoning.
    return {
        "input": rest(total_in, read + write, keys, "input"),
        "cache_read": read,
        "cache_write": write,
        "output": rest(total_out, reasoning, keys, "output"),
        "reasoning": reasoning,
    }


def _agree(keys: Keys, key: str, expected: int) -> None:
    # A part the SDK also reports must be what the totals leave: else the shape is not
    # what this reader takes it for.
    if key in keys and keys.data[key] != expected:
        raise InvalidUsageError(
            keys.data, f"{keys.where}{key} is {keys.data[key]!r}, but the totals leave {expected}"
        )


_OTEL = "gen_ai.usage."


def read_otel(attributes: object) -> dict[str, Any]:
    """OpenTelemetry GenAI span attributes: ``gen_ai.usage.input_tokens`` counts every input
    token, cache reads and writes included; other span attributes are not usage."""
    data = {k: v for k, v in as_mapping(attributes).items() if str(k).startswith(_OTEL)}
    keys = Keys(data)
    found = Read(keys)
    total_in, total_out = keys.count(_OTEL + "input_tokens"), keys.count(_OTEL + "output_tokens")
    read = keys.count(_OTEL + "cache_read.input_tokens")
    write = keys.count(_OTEL + "cache_creation.input_tokens")
    reasoning = keys.count(_OTEL + "reasoning.output_tokens")
    keys.known(_OTEL + "total_tokens")
    found.buckets = _totals(keys, total_in, total_out, read=read, write=write, reasoning=reasoning)
    return found.usage()


_OWN = (
    "input_tokens",
    "output_tokens",
    "reasoning_tokens",
    "cache_read_tokens",
    "cache_write_tokens",
    "input_audio_tokens",
    "output_audio_tokens",
    "unpriced",
    "reported_cost",
)
_LEGACY = frozenset(
    ("input", "output", "reasoning", "cache_read", "cache_write", "input_audio", "output_audio")
)
_ANTHROPIC = frozenset(
    ("cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "inference_geo")
)


def read_own(usage: object) -> dict[str, Any]:
    """llmdex's own JSON form of a :class:`Usage` (its field names), and genai-prices'
    ``Usage``, whose names it shares: ``input_tokens`` includes cache reads, writes and audio,
    ``output_tokens`` reasoning and audio; genai-prices' ``cache_audio_read_tokens`` are in
    both ``cache_read_tokens`` and ``input_audio_tokens``."""
    keys = Keys(as_mapping(usage))
    found = Read(keys)
    total_in, total_out = keys.count("input_tokens"), keys.count("output_tokens")
    read, write = keys.count("cache_read_tokens"), keys.count("cache_write_tokens")
    audio_in, audio_out = keys.count("input_audio_tokens"), keys.count("output_audio_tokens")
    reasoning = keys.count("reasoning_tokens")
    cached_audio = keys.count("cache_audio_read_tokens")
    if cached_audio > min(read, audio_in):
        raise InvalidUsageError(
            keys.data,
            f"cache_audio_read_tokens ({cached_audio}) is more than cache_read_tokens or "
            "input_audio_tokens, which include it",
        )
    keys.known("requests", "unpriced", "reported_cost")
    found.buckets = {
        "input": rest(total_in, read + write + audio_in - cached_audio, keys, "input"),
        "cache_read": read,
        "cache_write": write,
        "input_audio": audio_in - cached_audio,
        "output": rest(total_out, reasoning + audio_out, keys, "output"),
        "reasoning": reasoning,
        "output_audio": audio_out,
    }
    for item in keys.data.get("unpriced") or ():
        if not isinstance(item, (list, tuple)) or len(item) != 2:
            raise InvalidUsageError(keys.data, f"'unpriced' holds {item!r}, not [what, how many]")
        found.unpriced_if(str(item[0]), _whole(keys, "unpriced", item[1]))
    found.reported = _reported(keys, "reported_cost")
    return found.usage()


def _whole(keys: Keys, key: str, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidUsageError(keys.data, f"{key!r} holds {value!r}, not a count")
    return value


def _reported(keys: Keys, key: str) -> Decimal | None:
    keys.read.add(key)
    value = keys.data.get(key)
    return None if value is None else _decimal(keys, key, value)


def _decimal(keys: Keys, key: str, value: object) -> Decimal:
    from decimal import Decimal, InvalidOperation

    if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
        raise InvalidUsageError(keys.data, f"{key!r} is {value!r}, not an amount")
    try:
        amount = Decimal(str(value))  # the JSON's digits, not the float's binary expansion
    except InvalidOperation:
        raise InvalidUsageError(keys.data, f"{key!r} is {value!r}, not an amount") from None
    if not amount.is_finite() or amount < 0:
        raise InvalidUsageError(keys.data, f"{key!r} is {value!r}, not an amount")
    return amount


def read_any(usage: object) -> dict[str, Any]:
    """Any shape above, told apart by its keys."""
    data = as_mapping(usage)
    keys = set(data)
    snake = set(google_keys(data))
    if any(str(k).startswith(_OTEL) for k in keys):
        return read_otel(data)
    if snake & {"prompt_token_count", "candidates_token_count"}:
        return read_google(data)
    if keys & {"promptTokens", "completionTokens", "inputTokens", "outputTokens"}:
        return read_vercel(data)
    openai = {"prompt_tokens", "completion_tokens", "input_tokens_details"}
    # Anthropic's output_tokens_details has thinking_tokens, OpenAI's reasoning_tokens.
    thinking = "thinking_tokens" in as_mapping(data.get("output_tokens_details"))
    if keys & openai or (
        "output_tokens_details" in keys and not keys & _ANTHROPIC and not thinking
    ):
        return read_openai(data)
    if keys & set(_OWN[2:]) or "cache_audio_read_tokens" in keys:
        return read_own(data)
    if keys & {"input_tokens", "output_tokens"}:
        # OpenAI responses without details and Anthropic usage mean the same thing.
        return read_anthropic(data)
    if keys and keys <= _LEGACY:
        raise InvalidUsageError(
            usage,
            "this is the disjoint form llmdex took before (input, cache_read, ...): write "
            "input_tokens (every input token, cache reads and writes included), "
            "cache_read_tokens, cache_write_tokens, output_tokens (reasoning included), "
            "reasoning_tokens, or use Usage.from_buckets(...)",
        )
    seen = ", ".join(sorted(map(str, data))[:10]) or "none"
    raise InvalidUsageError(
        usage,
        "no usage keys of OpenAI, Anthropic, Gemini, the AI SDK, OpenTelemetry or genai-prices "
        f"(prompt_tokens, input_tokens, promptTokenCount, inputTokens, gen_ai.usage.*, ...); "
        f"the keys seen: {seen}",
    )
