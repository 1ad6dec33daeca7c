"""Token usage of one call, and how each provider's usage object becomes one.

Providers count overlapping totals (OpenAI's ``prompt_tokens`` include cached and audio
tokens); :class:`Usage` counts disjoint buckets, so nothing is billed twice. The readers take
the dicts of a provider's JSON and the usage objects of its official SDK (anything with
``model_dump()``, or attributes named like the JSON keys), in camelCase or snake_case.
"""

from __future__ import annotations

from llmdex.errors import InvalidUsageError
from llmdex.records.record import Record, fields, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

# Every key the readers look at, so an SDK object without model_dump() can be read too.
_OPENAI = (
    "prompt_tokens",
    "completion_tokens",
    "input_tokens",
    "output_tokens",
    "prompt_tokens_details",
    "completion_tokens_details",
    "input_tokens_details",
    "output_tokens_details",
    "cached_tokens",
    "cache_write_tokens",
    "audio_tokens",
    "reasoning_tokens",
)
_ANTHROPIC = ("cache_creation_input_tokens", "cache_read_input_tokens")
_GOOGLE = (
    "prompt_token_count",
    "candidates_token_count",
    "cached_content_token_count",
    "thoughts_token_count",
    "tool_use_prompt_token_count",
    "prompt_tokens_details",
    "candidates_tokens_details",
    "cache_tokens_details",
    "modality",
    "token_count",
)


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

    def __post_init__(self) -> None:
        for name in fields(Usage):
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
        data = _mapping(usage)
        if "prompt_tokens" in data or "completion_tokens" in data:
            prompt, completion = _count(data, "prompt_tokens"), _count(data, "completion_tokens")
            prompt_details = _mapping(data.get("prompt_tokens_details"))
            completion_details = _mapping(data.get("completion_tokens_details"))
        else:
            prompt, completion = _count(data, "input_tokens"), _count(data, "output_tokens")
            prompt_details = _mapping(data.get("input_tokens_details"))
            completion_details = _mapping(data.get("output_tokens_details"))
        cached = _count(prompt_details, "cached_tokens")
        written = _count(prompt_details, "cache_write_tokens")  # OpenRouter
        audio_in = _count(prompt_details, "audio_tokens")
        reasoning = _count(completion_details, "reasoning_tokens")
        audio_out = _count(completion_details, "audio_tokens")
        return cls(
            input=_rest(prompt, cached + written + audio_in, data),
            cache_read=cached,
            cache_write=written,
            input_audio=audio_in,
            output=_rest(completion, reasoning + audio_out, data),
            reasoning=reasoning,
            output_audio=audio_out,
        )

    @classmethod
    def from_anthropic(cls, usage: object) -> Usage:
        """From an Anthropic ``usage`` object, whose buckets are already disjoint."""
        data = _mapping(usage)
        return cls(
            input=_count(data, "input_tokens"),
            output=_count(data, "output_tokens"),
            cache_write=_count(data, "cache_creation_input_tokens"),
            cache_read=_count(data, "cache_read_input_tokens"),
        )

    @classmethod
    def from_google(cls, usage: object) -> Usage:
        """From a Gemini ``usageMetadata`` object (camelCase JSON, or the SDK's snake_case).

        ``promptTokenCount`` includes the cached tokens and the audio its
        ``promptTokensDetails`` list; ``toolUsePromptTokenCount`` and ``thoughtsTokenCount``
        come on top, billed as input and as output; ``candidatesTokensDetails`` tells the
        audio of the answer.
        """
        data = _google_keys(_mapping(usage))
        prompt = _count(data, "prompt_token_count")
        cached = _count(data, "cached_content_token_count")
        cached_audio = _modality(data, "cache_tokens_details", "AUDIO")
        audio_in = _modality(data, "prompt_tokens_details", "AUDIO")
        uncached_audio = _rest(audio_in, cached_audio, data)
        candidates = _count(data, "candidates_token_count")
        audio_out = _modality(data, "candidates_tokens_details", "AUDIO")
        return cls(
            input=_rest(prompt, cached + uncached_audio, data)
            + _count(data, "tool_use_prompt_token_count"),
            cache_read=cached,
            input_audio=uncached_audio,
            output=_rest(candidates, audio_out, data),
            output_audio=audio_out,
            reasoning=_count(data, "thoughts_token_count"),
        )

    @classmethod
    def from_dict(cls, usage: object) -> Usage:
        """From any of the providers' usage shapes, recognised by their keys.

        Example:
            >>> Usage.from_dict({"input_tokens": 5, "output_tokens": 2}).prompt_tokens
            5
        """
        data = _mapping(usage)
        keys = set(_google_keys(data))
        if keys & {"prompt_token_count", "candidates_token_count"}:
            return cls.from_google(data)
        if keys & {"cache_creation_input_tokens", "cache_read_input_tokens"}:
            return cls.from_anthropic(data)
        if keys & {"prompt_tokens", "completion_tokens", "input_tokens_details"}:
            return cls.from_openai(data)
        if keys & {"input_tokens", "output_tokens"}:
            # Without details, OpenAI responses and Anthropic usage mean the same thing.
            return cls.from_anthropic(data)
        seen = ", ".join(sorted(map(str, data))[:10]) or "none"
        raise InvalidUsageError(
            usage,
            f"no OpenAI, Anthropic or Google usage keys (prompt_tokens, input_tokens, "
            f"promptTokenCount, ...); the keys seen: {seen}",
        )


def _mapping(value: object) -> Mapping[str, Any]:
    # A dict as it is; an SDK object through model_dump(), or its attributes by known name.
    if value is None:
        return {}
    if isinstance(value, dict):
        return value
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        dumped = dump()
        if isinstance(dumped, dict):
            return dumped
    found = {}
    for key in (*_OPENAI, *_ANTHROPIC, *_GOOGLE, *_camel_names()):
        item = getattr(value, key, None)
        if item is not None:
            found[key] = item
    if not found and not hasattr(value, "keys"):
        raise InvalidUsageError(
            value, f"a usage is a dict or an SDK usage object, not {type(value).__name__}"
        )
    return found if found else dict(value)  # type: ignore[call-overload]


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _camel_names() -> tuple[str, ...]:
    return tuple(_camel(key) for key in _GOOGLE)


def _google_keys(data: Mapping[str, Any]) -> dict[str, Any]:
    # Gemini's JSON is camelCase and the google-genai SDK's snake_case: read both as snake.
    snake = {_camel(key): key for key in _GOOGLE}
    return {snake.get(key, key): value for key, value in data.items()}


def _modality(data: Mapping[str, Any], key: str, modality: str) -> int:
    details = data.get(key) or []
    if not isinstance(details, list):
        raise InvalidUsageError(data, f"{key!r} is {details!r}, not a list")
    total = 0
    for entry in map(_google_keys, map(_mapping, details)):
        if str(entry.get("modality", "")).upper().endswith(modality):
            total += _count(entry, "token_count")
    return total


def _count(usage: Mapping[str, Any], key: str) -> int:
    value = usage.get(key) or 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InvalidUsageError(usage, f"{key!r} is {value!r}, not a token count")
    return value


def _rest(total: int, parts: int, usage: Mapping[str, Any]) -> int:
    if parts > total:
        raise InvalidUsageError(usage, f"its details count {parts} tokens of a total of {total}")
    return total - parts
