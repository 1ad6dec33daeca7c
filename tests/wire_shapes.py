"""Request-body checks for the loopback servers: the official SDKs' request types.

OpenAI and Anthropic bodies are validated against the ``openai`` and ``anthropic`` packages'
typed params (TypedDicts, plus a check that no top-level key is unknown to them); Gemini
bodies against a model of Google's documented ``generateContent`` and
``batchEmbedContents`` requests (https://ai.google.dev/api/generate-content).
"""

from __future__ import annotations

from typing import Any, Literal

from anthropic.types import message_create_params
from openai.types import embedding_create_params
from openai.types.chat import completion_create_params
from openai.types.responses import response_create_params
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError


def _typed(streaming: type, plain: type) -> Any:
    # The adapters must outlive the lazy iterators they return: pydantic-core panics when a
    # validated Iterable is consumed after its adapter is gone.
    adapters = {True: TypeAdapter(streaming), False: TypeAdapter(plain)}

    def check(path: str, body: Any) -> str | None:
        shape = streaming if body.get("stream") else plain
        unknown = set(body) - (shape.__required_keys__ | shape.__optional_keys__)
        if unknown:
            return f"unknown fields {sorted(unknown)}"
        try:
            _consume(adapters[bool(body.get("stream"))].validate_python(body))
        except ValidationError as exc:
            return str(exc).splitlines()[0]
        return None

    return check


def _consume(value: Any) -> None:
    # The SDKs type lists as Iterable, which pydantic validates lazily: iterate to validate.
    if isinstance(value, dict):
        for item in value.values():
            _consume(item)
    elif not isinstance(value, str | bytes) and hasattr(value, "__iter__"):
        for item in value:
            _consume(item)


openai_chat = _typed(
    completion_create_params.CompletionCreateParamsStreaming,
    completion_create_params.CompletionCreateParamsNonStreaming,
)
openai_responses = _typed(
    response_create_params.ResponseCreateParamsStreaming,
    response_create_params.ResponseCreateParamsNonStreaming,
)
anthropic_messages = _typed(
    message_create_params.MessageCreateParamsStreaming,
    message_create_params.MessageCreateParamsNonStreaming,
)
_embedding = _typed(
    embedding_create_params.EmbeddingCreateParams, embedding_create_params.EmbeddingCreateParams
)


def openai_any(path: str, body: Any) -> str | None:
    """Chat completions or embeddings, by path."""
    return _embedding(path, body) if "embeddings" in path else openai_chat(path, body)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class _Part(_Strict):
    text: str


class _Content(_Strict):
    role: Literal["user", "model"] | None = None
    parts: list[_Part]


class _GenerationConfig(_Strict):
    maxOutputTokens: int | None = None
    temperature: float | None = None
    topP: float | None = None
    topK: int | None = None
    stopSequences: list[str] | None = None


class _GenerateContent(_Strict):
    contents: list[_Content]
    systemInstruction: _Content | None = None
    generationConfig: _GenerationConfig | None = None


class _EmbedRequest(_Strict):
    model: str
    content: _Content


class _BatchEmbed(_Strict):
    requests: list[_EmbedRequest]


def google(path: str, body: Any) -> str | None:
    """``generateContent``/``streamGenerateContent`` or ``batchEmbedContents``, by path."""
    shape = _BatchEmbed if ":batchEmbedContents" in path else _GenerateContent
    try:
        shape.model_validate(body)
    except ValidationError as exc:
        return str(exc).splitlines()[0]
    return None
