"""The client: one call done right for each protocol, priced from the catalog."""

from __future__ import annotations

import json
import os
import re
import warnings

from llmdex_runtime.client.anthropic_messages import AnthropicMessages
from llmdex_runtime.client.google_content import GoogleContent
from llmdex_runtime.client.openai_chat import AzureOpenAI, OpenAIChat
from llmdex_runtime.client.openai_responses import OpenAIResponses
from llmdex_runtime.client.sse import events
from llmdex_runtime.client.transport import Transport, redact
from llmdex_runtime.client.wire import Call, Wire
from llmdex_runtime.custom import CustomModel
from llmdex_runtime.errors import (
    ClientConfigError,
    DeprecatedModelWarning,
    MalformedResponseError,
    MissingAPIKeyError,
    PriceUnknownError,
    UnsupportedProtocolError,
)
from llmdex_runtime.model import Model
from llmdex_runtime.pricing import CallCost
from llmdex_runtime.protocol import Protocol
from llmdex_runtime.record import record
from llmdex_runtime.usage import Usage

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping, Sequence
    from typing import Any, TypeVar

    import requests

    from llmdex_runtime.registry import Registry

    _T = TypeVar("_T")

WIRES: dict[Protocol, Wire] = {
    Protocol.OPENAI_CHAT: OpenAIChat(),
    Protocol.OPENAI_RESPONSES: OpenAIResponses(),
    Protocol.ANTHROPIC_MESSAGES: AnthropicMessages(),
    Protocol.GOOGLE_GENERATE_CONTENT: GoogleContent(),
    Protocol.AZURE_OPENAI: AzureOpenAI(),
}
"""How to speak each protocol; a protocol missing here is unsupported."""

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_USAGE = {
    "openai": Usage.from_openai,
    "anthropic": Usage.from_anthropic,
    "google": Usage.from_google,
}


@record
class Completion:
    """One completed call: its ``text``, ``usage``, ``cost`` and the raw response body.

    ``cost`` is ``None`` when the catalog has no price for the model; ``cost_error`` says why.
    """

    text: str
    usage: Usage
    cost: CallCost | None
    cost_error: str | None
    model: Model | CustomModel
    raw: Mapping[str, Any]


@record
class Embeddings:
    """Vectors for the texts, in order, with the call's usage and cost."""

    vectors: list[list[float]]
    usage: Usage
    cost: CallCost | None
    cost_error: str | None
    model: Model | CustomModel
    raw: Mapping[str, Any]


class Stream:
    """Text deltas as they arrive; once iterated to the end, :attr:`completion` is set.

    Example:
        >>> stream = client.stream("openai:gpt-4o", "Say hi")
        >>> for delta in stream:
        ...     print(delta, end="")
        >>> stream.completion.cost
    """

    def __init__(
        self,
        response: requests.Response,
        wire: Wire,
        provider: str,
        secret: str | None,
        finish: Callable[[str, Mapping[str, Any], Mapping[str, Any]], Completion],
    ) -> None:
        self._response = response
        self._wire = wire
        self._provider = provider
        self._secret = secret
        self._finish = finish
        self.completion: Completion | None = None
        """The whole completion, once the stream has been read to its end."""

    def __iter__(self) -> Iterator[str]:
        text: list[str] = []
        usage: dict[str, Any] = {}
        last: Mapping[str, Any] = {}
        try:
            lines = self._response.iter_lines(decode_unicode=True)
            for event, data in events(line or "" for line in lines):
                if data == "[DONE]":
                    break
                chunk = _json(data, self._provider, self._secret)
                if event == "error" or chunk.get("type") == "error":
                    raise MalformedResponseError(
                        self._provider, "the stream reported an error", redact(data, self._secret)
                    )
                delta, reported = _read(
                    self._provider, self._secret, data, self._wire.read_event, event, chunk
                )
                if reported:
                    usage.update(reported)
                if delta:
                    text.append(delta)
                    yield delta
                last = chunk
        finally:
            self._response.close()
        self.completion = self._finish("".join(text), usage, last)

    def close(self) -> None:
        """Stop reading and release the connection."""
        self._response.close()


class Client:
    """Calls models by spec, in the wire format of their provider, and prices each call.

    Keys come from ``api_key=`` on a call, ``api_keys={provider: key}`` here, or the
    provider's environment variables (the first one set wins). Keys never appear in
    ``repr``, logs or error messages.

    Example:
        >>> client = llmdex.Client()
        >>> client.complete("openai:gpt-4o-mini", "Say hi").text
    """

    default_registry: Registry | None = None
    """The catalog a client uses when none is given; ``llmdex.Client`` sets it to its own."""

    def __init__(
        self,
        *,
        api_keys: Mapping[str, str] | None = None,
        timeout: tuple[float, float] = (10.0, 120.0),
        max_retries: int = 2,
        backoff: float = 0.5,
        session: requests.Session | None = None,
        registry: Registry | None = None,
    ) -> None:
        chosen = registry or self.default_registry
        if chosen is None:
            raise TypeError("Client needs a catalog: use llmdex.Client, or pass registry=")
        self._registry = chosen
        self._keys = dict(api_keys or {})
        self._transport = Transport(
            timeout=timeout, max_retries=max_retries, backoff=backoff, session=session
        )

    def __repr__(self) -> str:
        providers = sorted(self._keys) or "no provider"
        return f"Client(keys for {providers}, retries={self._transport.max_retries})"

    def complete(
        self,
        model: object,
        messages: str | Sequence[Mapping[str, Any]],
        /,
        *,
        api_key: str | None = None,
        **params: Any,
    ) -> Completion:
        """Run one completion. ``messages`` is a prompt string or chat-style messages;
        ``params`` (``temperature``, ``max_tokens``, ...) go into the request."""
        target, wire, call = self._prepare(model, messages, api_key, params)
        request = wire.chat(call, stream=False)
        response = self._transport.post(target.provider, request, secret=call.api_key)
        body = _json(response.text, target.provider, call.api_key)
        text, usage = _read(target.provider, call.api_key, response.text, wire.read, body)
        return self._completion(target, wire, text, usage, body)

    def stream(
        self,
        model: object,
        messages: str | Sequence[Mapping[str, Any]],
        /,
        *,
        api_key: str | None = None,
        **params: Any,
    ) -> Stream:
        """Start a streamed completion; iterate the result for text deltas."""
        target, wire, call = self._prepare(model, messages, api_key, params)
        request = wire.chat(call, stream=True)
        response = self._transport.post(target.provider, request, secret=call.api_key, stream=True)

        def finish(text: str, usage: Mapping[str, Any], last: Mapping[str, Any]) -> Completion:
            return self._completion(target, wire, text, usage, last)

        return Stream(response, wire, target.provider, call.api_key, finish)

    def embed(
        self, model: object, texts: Sequence[str], /, *, api_key: str | None = None
    ) -> Embeddings:
        """Embed ``texts`` with an embedding model."""
        target, wire, call = self._prepare(model, [], api_key, {})
        request = wire.embed(call, list(texts))
        response = self._transport.post(target.provider, request, secret=call.api_key)
        body = _json(response.text, target.provider, call.api_key)
        vectors, usage = _read(
            target.provider, call.api_key, response.text, wire.read_embeddings, body
        )
        parsed, cost, cost_error = self._price(target, wire, usage)
        return Embeddings(
            vectors=vectors, usage=parsed, cost=cost, cost_error=cost_error, model=target, raw=body
        )

    # -- helpers ---------------------------------------------------------------------------

    def _prepare(
        self,
        model: object,
        messages: str | Sequence[Mapping[str, Any]],
        api_key: str | None,
        params: Mapping[str, Any],
    ) -> tuple[Model | CustomModel, Wire, Call]:
        target = self._registry.resolve(model)
        if isinstance(target, Model) and target.is_deprecated:
            warnings.warn(
                DeprecatedModelWarning(f"{target.spec} is deprecated; name a current model"),
                stacklevel=3,
            )
        protocol, base_url, env = self._where(target)
        wire = WIRES.get(protocol)
        if wire is None:
            raise UnsupportedProtocolError(target.spec, protocol.value)
        if base_url is None:
            raise ClientConfigError(f"{target.spec}: no base URL is known; give one with resolve()")
        key = api_key or self._keys.get(target.provider) or _first_set(env)
        if key is None and env:
            raise MissingAPIKeyError(target.spec, env)
        if isinstance(messages, str):
            messages = [{"role": "user", "content": messages}]
        max_output = target.limit.output if target.limit is not None else None
        call = Call(
            model_id=target.id,
            base_url=_fill(base_url, target.spec),
            api_key=key,
            messages=list(messages),
            params=dict(params),
            max_output=max_output,
        )
        return target, wire, call

    def _where(self, target: Model | CustomModel) -> tuple[Protocol, str | None, tuple[str, ...]]:
        if isinstance(target, CustomModel):
            return target.protocol, target.base_url, target.env
        provider = self._registry.provider(target.provider)
        protocol = target.protocol or provider.protocol
        return protocol, target.base_url or provider.base_url, provider.env

    def _price(
        self, target: Model | CustomModel, wire: Wire, usage: Mapping[str, Any]
    ) -> tuple[Usage, CallCost | None, str | None]:
        parsed = _USAGE[wire.usage_shape](usage) if usage else Usage()
        if not usage:
            return parsed, None, f"{target.provider} reported no token usage"
        try:
            return parsed, target.cost_of(parsed), None
        except PriceUnknownError as exc:
            return parsed, None, str(exc)

    def _completion(
        self,
        target: Model | CustomModel,
        wire: Wire,
        text: str,
        usage: Mapping[str, Any],
        raw: Mapping[str, Any],
    ) -> Completion:
        parsed, cost, cost_error = self._price(target, wire, usage)
        return Completion(
            text=text, usage=parsed, cost=cost, cost_error=cost_error, model=target, raw=raw
        )


def _first_set(variables: Sequence[str]) -> str | None:
    for name in variables:
        value = os.environ.get(name)
        if value:
            return value
    return None


def _fill(url: str, spec: str) -> str:
    def value(match: re.Match[str]) -> str:
        found = os.environ.get(match.group(1))
        if not found:
            raise ClientConfigError(f"{spec}: its base URL needs ${{{match.group(1)}}}; set it")
        return found

    return _PLACEHOLDER.sub(value, url)


def _json(text: str, provider: str, secret: str | None) -> Mapping[str, Any]:
    try:
        body = json.loads(text)
    except ValueError:
        raise MalformedResponseError(provider, "not JSON", redact(text, secret)) from None
    if not isinstance(body, dict):
        raise MalformedResponseError(provider, "not a JSON object", redact(text, secret))
    return body


def _read(
    provider: str, secret: str | None, text: str, reader: Callable[..., _T], *args: Any
) -> _T:
    # A body missing what the protocol promises is the provider's fault, not a crash of ours.
    try:
        return reader(*args)
    except (KeyError, TypeError, IndexError, AttributeError) as exc:
        raise MalformedResponseError(provider, f"missing {exc!s}", redact(text, secret)) from None
