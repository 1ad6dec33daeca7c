"""The client: one call done right for each protocol, priced from the catalog.

HTTP goes through :mod:`llmdex.http.requests_transport`, imported by name on first use:
``requests`` is needed only to call, not to import ``llmdex``, and type checkers of a user's
code see the :class:`~llmdex.http.transport.Transport` it implements, not requests. Every
message that leaves goes through :func:`~llmdex.client.keys.redact`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import urlsplit

from llmdex.client.anthropic_messages import AnthropicMessages
from llmdex.client.google_content import GoogleContent
from llmdex.client.keys import check_key, fill_base_url, find_key, redact
from llmdex.client.openai_chat import AzureOpenAI, OpenAIChat
from llmdex.client.openai_responses import OpenAIResponses
from llmdex.client.sse import events
from llmdex.client.wire import Call, Listed, ModelList, Page, ShapeError, Wire
from llmdex.errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    ClientConfigError,
    InvalidArgumentError,
    MalformedResponseError,
    MissingAPIKeyError,
    PriceUnknownError,
    RateLimitError,
    ServerError,
    UnsupportedProtocolError,
    warn_deprecated,
)
from llmdex.http.origins import is_private, origin
from llmdex.http.transport import HttpResponse, StatusError
from llmdex.lazy import import_module
from llmdex.pricing.usage import Usage
from llmdex.records.model import Model
from llmdex.records.protocol import Protocol
from llmdex.records.record import Record, record
from llmdex.records.vocabulary import Kind
from llmdex.resolution.custom import CustomModel
from llmdex.untrusted_json import UntrustedJSONError, loads

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from typing import Any, TypeVar

    from llmdex.facade import Catalog
    from llmdex.http.origins import Origin
    from llmdex.http.policy import HttpPolicy
    from llmdex.http.transport import OpenResponse, Session, Transport
    from llmdex.pricing.cost import CallCost

    _T = TypeVar("_T")


def _http() -> Transport:
    # By name, not `from llmdex_runtime import http`: type checkers follow every import
    # statement, and that one would take them through requests and urllib3 for any file that
    # imports llmdex. http.py checks that it is a Transport.
    module: Any = import_module("llmdex.http.requests_transport")
    transport: Transport = module
    return transport


def _shipped() -> Catalog:
    from llmdex.facade import SHIPPED

    return SHIPPED


WIRES: dict[Protocol, Wire] = {
    Protocol.OPENAI_CHAT: OpenAIChat(),
    Protocol.OPENAI_RESPONSES: OpenAIResponses(),
    Protocol.ANTHROPIC_MESSAGES: AnthropicMessages(),
    Protocol.GOOGLE_GENERATE_CONTENT: GoogleContent(),
    Protocol.AZURE_OPENAI: AzureOpenAI(),
}
"""How to speak each protocol; a protocol missing here is unsupported."""

_MAX_PAGES = 100
"""Pages of a model list read at most: 100,000 models at the page sizes the APIs allow."""

_USAGE = {
    "openai": Usage.from_openai,
    "anthropic": Usage.from_anthropic,
    "google": Usage.from_google,
}


@record
class Completion(Record):
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
class Embeddings(Record):
    """Vectors for the texts, in order, with the call's usage and cost."""

    vectors: list[list[float]]
    usage: Usage
    cost: CallCost | None
    cost_error: str | None
    model: Model | CustomModel
    raw: Mapping[str, Any]


@record
class _Prepared(Record):
    """A call ready to send: the model, its wire, the call and the policy to send it under."""

    target: Model | CustomModel
    wire: Wire
    call: Call


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
        lines: Iterator[str],
        prepared: _Prepared,
        finish: Callable[[str, Mapping[str, Any], Mapping[str, Any]], Completion],
        close: Callable[[], None],
    ) -> None:
        self._lines = lines
        self._prepared = prepared
        self._finish = finish
        self._close = close
        self.completion: Completion | None = None
        """The whole completion, once the stream has been read to its end."""

    def __iter__(self) -> Iterator[str]:
        provider, secret = self._prepared.target.provider, self._prepared.call.api_key
        wire = self._prepared.wire
        text: list[str] = []
        usage: dict[str, Any] = {}
        last: Mapping[str, Any] = {}
        ended = False
        try:
            for event, data in events(self._lines):
                if data == "[DONE]":
                    ended = True
                    break
                chunk = _json(data, provider, secret)
                ended = ended or wire.ends(event, chunk)
                if event == "error" or chunk.get("type") == "error":
                    raise MalformedResponseError(
                        provider, "the stream reported an error", redact(data, secret)
                    )
                delta, reported = _read(provider, secret, data, wire.read_event, event, chunk)
                if reported:
                    usage.update(reported)
                if delta:
                    text.append(delta)
                    yield delta
                last = chunk
        finally:
            self._close()
        if not ended:
            raise APIConnectionError(
                provider,
                "the stream stopped before its end event (cut off): the text and usage are "
                "incomplete, so no cost is given; ask again",
            )
        self.completion = self._finish("".join(text), usage, last)

    def close(self) -> None:
        """Stop reading and release the connection."""
        self._close()


class Client:
    """Calls models by spec, in the wire format of their provider, and prices each call.

    Keys come from ``api_key=`` on a call, ``api_keys={provider: key}`` here, or the
    provider's key variables (the first one set wins). A key goes only to the origin it
    belongs to: a model sent to another server (``resolve(spec, base_url=...)``) gets only
    ``api_key=`` or the variables a custom model names in its ``env``, and a key never
    goes over plain ``http://`` to another machine unless ``allow_insecure_http=True``.
    Keys never appear in ``repr``, logs or error messages. ``policy`` bounds every call
    (:class:`~llmdex.http.policy.HttpPolicy`: timeouts, a deadline, retries, a body cap).

    Example:
        >>> client = llmdex.Client()
        >>> client.complete("openai:gpt-4o-mini", "Say hi").text
    """

    default_catalog: Catalog | None = None
    """The catalog a client uses when none is given: the shipped one unless a subclass (the
    ``Client`` of a catalog made by ``llmdex regen``) names its own."""

    def __init__(
        self,
        *,
        api_keys: Mapping[str, str] | None = None,
        policy: HttpPolicy | None = None,
        session: Session | None = None,
        catalog: Catalog | None = None,
        allow_insecure_http: bool = False,
    ) -> None:
        from llmdex.arguments import as_flag
        from llmdex.http.policy import HttpPolicy

        if api_keys is not None and not (
            isinstance(api_keys, Mapping)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in api_keys.items())
        ):
            problem = "give a mapping of provider id to key, such as {'openai': 'sk-...'}"
            raise InvalidArgumentError("Client", "api_keys", api_keys, problem)
        if policy is not None and not isinstance(policy, HttpPolicy):
            raise InvalidArgumentError("Client", "policy", policy, "give an HttpPolicy(...)")
        self._catalog = catalog or self.default_catalog or _shipped()
        self._allow_insecure_http = bool(
            as_flag("Client", "allow_insecure_http", allow_insecure_http)
        )
        self._keys = dict(api_keys or {})
        self._policy = policy or HttpPolicy()
        self._session = session

    def __repr__(self) -> str:
        providers = sorted(self._keys) or "no provider"
        return f"Client(keys for {providers}, policy={self._policy!r})"

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
        prepared = self._prepare(model, messages, api_key, params, chat=True)
        body = self._post(prepared, prepared.wire.chat(prepared.call, stream=False))
        text, usage = self._read_body(prepared, prepared.wire.read, body)
        return self._completion(prepared, text, usage, body)

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
        prepared = self._prepare(model, messages, api_key, params, chat=True)
        request = prepared.wire.chat(prepared.call, stream=True)
        response = self._send(prepared, request, stream=True)
        assert not isinstance(response, HttpResponse)
        lines = _http().lines(response, prepared.target.provider, self._policy)

        def finish(text: str, usage: Mapping[str, Any], last: Mapping[str, Any]) -> Completion:
            return self._completion(prepared, text, usage, last)

        return Stream(lines, prepared, finish, response.close)

    def embed(
        self, model: object, texts: Sequence[str], /, *, api_key: str | None = None
    ) -> Embeddings:
        """Embed ``texts`` with an embedding model."""
        prepared = self._prepare(model, [], api_key, {}, chat=False)
        body = self._post(prepared, prepared.wire.embed(prepared.call, list(texts)))
        vectors, usage = self._read_body(prepared, prepared.wire.read_embeddings, body)
        parsed, cost, cost_error = self._price(prepared, usage)
        return Embeddings(
            vectors=vectors,
            usage=parsed,
            cost=cost,
            cost_error=cost_error,
            model=prepared.target,
            raw=body,
        )

    def list_models(
        self,
        provider: str,
        /,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        max_pages: int = _MAX_PAGES,
    ) -> ModelList:
        """Every model ``provider``'s own model-list API gives, page by page.

        The key is the provider's (``api_key=``, ``api_keys``, its variables); with
        ``base_url=`` (another server) only ``api_key=``. Each page is one request under the
        client's policy; more than ``max_pages`` pages, or a page token seen before, is a
        :class:`~llmdex.errors.MalformedResponseError`.

        Example:
            >>> listed = llmdex.Client().list_models("anthropic")
            >>> listed.source, [m.id for m in listed.models][:1]
            ('https://api.anthropic.com/v1/models?limit=1000', ['claude-opus-4-5-20251101'])
        """
        info = self._catalog.rules.provider(provider, ("list_models", "provider"))
        wire = WIRES.get(info.protocol)
        if wire is None:
            raise UnsupportedProtocolError(info.id, info.protocol.value)
        if wire.no_model_list is not None:
            raise UnsupportedProtocolError(info.id, info.protocol.value, wire.no_model_list)
        listed_at = base_url or info.base_url
        if listed_at is None:
            raise ClientConfigError(
                f"{info.id}: no base URL is known; give one with base_url=",
                cli=f"{info.id}: no base URL is known; give one with --base-url",
            )
        url = fill_base_url(listed_at, info.env, info.id)
        home = base_url is None or origin(url) in _origins(_urls(info.base_url))
        key = self._key_for(
            info.id, info.id, url, api_key, env=info.env if home else None, named=()
        )
        call = Call(model_id="", base_url=url, api_key=key, messages=[], params={})
        found: list[Listed] = []
        seen: set[str] = set()
        token: str | None = None
        source = wire.list_models(call, None).url
        for _ in range(max_pages):
            request = wire.list_models(call, token)
            page = self._get(info.id, key, request, wire)
            found.extend(page.models)
            token = page.next
            if token is None:
                return ModelList(source=source, models=tuple(found))
            if token in seen:
                raise MalformedResponseError(info.id, "the model list repeats a page", token)
            seen.add(token)
        raise MalformedResponseError(
            info.id, f"the model list runs past {max_pages} pages", "(raise max_pages=)"
        )

    def _get(self, provider: str, secret: str | None, request: Any, wire: Wire) -> Page:
        try:
            response = _http().send(
                "GET",
                request.url,
                who=provider,
                policy=self._policy,
                headers=request.headers,
                session=self._session,
            )
        except StatusError as failed:
            raise _error(provider, failed, secret) from None
        assert isinstance(response, HttpResponse)
        body = _json(response.text, provider, secret)
        return _read(provider, secret, response.text, wire.read_models, body)

    # -- helpers ---------------------------------------------------------------------------

    def _prepare(
        self,
        model: object,
        messages: str | Sequence[Mapping[str, Any]],
        api_key: str | None,
        params: Mapping[str, Any],
        *,
        chat: bool,
    ) -> _Prepared:
        target = self._catalog.resolve(model)
        if isinstance(target, Model):
            if chat and target.kind is not Kind.CHAT:
                kind = target.kind.value
                article = "an" if kind[0] in "aeiou" else "a"
                raise ClientConfigError(
                    f"{target.spec} is {article} {kind} model, not a chat model; "
                    + ("use embed()" if target.kind is Kind.EMBEDDING else "pick a chat model")
                )
            if target.is_deprecated:
                why = f"{target.spec} is deprecated; name a current model"
                warn_deprecated(target.spec, why, stacklevel=4)
        protocol, base_url, env, own = self._where(target)
        wire = WIRES.get(protocol)
        if wire is None:
            raise UnsupportedProtocolError(target.spec, protocol.value)
        if base_url is None:
            raise ClientConfigError(
                f"{target.spec}: no base URL is known; give one with resolve(spec, base_url=...)",
                cli=f"{target.spec}: no base URL is known; give one with --base-url",
            )
        url = fill_base_url(base_url, env, target.spec)
        key = self._key(target, url, api_key, env, base_url in own or origin(url) in _origins(own))
        if isinstance(messages, str):
            messages = [{"role": "user", "content": messages}]
        call = Call(
            model_id=target.id,
            base_url=url,
            api_key=key,
            messages=list(messages),
            params=dict(params),
            max_output=target.limit.output if target.limit is not None else None,
        )
        return _Prepared(target=target, wire=wire, call=call)

    def _where(
        self, target: Model | CustomModel
    ) -> tuple[Protocol, str | None, tuple[str, ...], frozenset[str]]:
        # Protocol, base URL, the provider's key variables, and the base URLs the catalog
        # gives the provider and the model: the endpoints its keys belong to.
        if isinstance(target, CustomModel):
            pid = self._catalog.rules.provider_id(target.provider)
            if pid is None:
                return target.protocol, target.base_url, (), frozenset()
            provider = self._catalog.rules.provider(pid)
            return target.protocol, target.base_url, provider.env, _urls(provider.base_url)
        provider = self._catalog.rules.provider(target.provider)
        protocol = target.protocol or provider.protocol
        base_url = target.base_url or provider.base_url
        # The URLs the catalog gives, before any resolve(..., base_url=) override.
        listed = self._catalog.models_of(target.provider).get(target.id)
        own = _urls(provider.base_url, listed.base_url if listed is not None else None)
        return protocol, base_url, provider.env, own

    def _key(
        self,
        target: Model | CustomModel,
        url: str,
        given: str | None,
        env: tuple[str, ...],
        home: bool,
    ) -> str | None:
        named = target.env if isinstance(target, CustomModel) and target.env != env else ()
        return self._key_for(
            target.spec, target.provider, url, given, env=env if home else None, named=named
        )

    def _key_for(
        self,
        spec: str,
        provider: str,
        url: str,
        given: str | None,
        *,
        env: tuple[str, ...] | None,
        named: tuple[str, ...],
    ) -> str | None:
        # A key goes only to the origin it belongs to: the provider's own endpoint (env is
        # its variables) gets the provider's key; a server the caller chose (env None) gets
        # api_key=, or the variables the caller named for it (a custom model's env), and
        # otherwise no key at all.
        if env is not None:
            key, where = find_key(given, self._keys, provider, env)
            if key is None and env:
                raise MissingAPIKeyError(spec, env)
        else:
            key, where = find_key(given, {}, provider, named)
        if key is None:
            return None
        check_key(key, spec, where)
        if not is_private(url) and not self._allow_insecure_http:
            refusal = (
                f"{spec}: refusing to send its API key over plain http:// to "
                f"{urlsplit(url).hostname}; use https, or "
            )
            raise ClientConfigError(
                f"{refusal}Client(allow_insecure_http=True) on a network you trust",
                cli=f"{refusal}--allow-insecure-http on a network you trust",
            )
        return key

    def _send(
        self, prepared: _Prepared, request: Any, *, stream: bool
    ) -> OpenResponse | HttpResponse:
        provider, secret = prepared.target.provider, prepared.call.api_key
        try:
            return _http().send(
                "POST",
                request.url,
                who=provider,
                policy=self._policy,
                headers=request.headers,
                json=dict(request.body),
                session=self._session,
                stream=stream,
            )
        except StatusError as failed:
            raise _error(provider, failed, secret) from None

    def _post(self, prepared: _Prepared, request: Any) -> Mapping[str, Any]:
        response = self._send(prepared, request, stream=False)
        assert isinstance(response, HttpResponse)
        return _json(response.text, prepared.target.provider, prepared.call.api_key)

    def _read_body(
        self,
        prepared: _Prepared,
        reader: Callable[[Mapping[str, Any]], _T],
        body: Mapping[str, Any],
    ) -> _T:
        provider, secret = prepared.target.provider, prepared.call.api_key
        return _read(provider, secret, json.dumps(body), reader, body)

    def _price(
        self, prepared: _Prepared, usage: Mapping[str, Any]
    ) -> tuple[Usage, CallCost | None, str | None]:
        target = prepared.target
        if not usage:
            return Usage(), None, f"{target.provider} reported no token usage"
        parsed = _USAGE[prepared.wire.usage_shape](usage)
        try:
            return parsed, target.cost_of(parsed), None
        except PriceUnknownError as exc:
            return parsed, None, str(exc)

    def _completion(
        self, prepared: _Prepared, text: str, usage: Mapping[str, Any], raw: Mapping[str, Any]
    ) -> Completion:
        parsed, cost, cost_error = self._price(prepared, usage)
        return Completion(
            text=text,
            usage=parsed,
            cost=cost,
            cost_error=cost_error,
            model=prepared.target,
            raw=raw,
        )


def _urls(*urls: str | None) -> frozenset[str]:
    return frozenset(url for url in urls if url)


def _origins(urls: frozenset[str]) -> set[Origin]:
    # Origins of the URLs that need no filling in; a templated one is compared as written.
    return {where for url in urls if "${" not in url and (where := origin(url)) is not None}


def _json(text: str, provider: str, secret: str | None) -> Mapping[str, Any]:
    try:
        body = loads(text)
    except UntrustedJSONError as refused:
        raise MalformedResponseError(provider, str(refused), redact(text, secret)) from None
    if not isinstance(body, dict):
        raise MalformedResponseError(provider, "not a JSON object", redact(text, secret))
    return body


def _read(
    provider: str, secret: str | None, text: str, reader: Callable[..., _T], *args: Any
) -> _T:
    # A body missing what the protocol promises is the provider's fault; a bug of ours
    # raises what it raises.
    try:
        return reader(*args)
    except ShapeError as missing:
        raise MalformedResponseError(provider, missing.path, redact(text, secret)) from None


def _error(provider: str, failed: StatusError, secret: str | None) -> APIError:
    status, text = failed.response.status, failed.response.text
    message = text
    try:
        body = loads(text)
    except UntrustedJSONError:
        body = None
    if isinstance(body, dict):
        # OpenAI and Google: {"error": {"message"}}; Anthropic: {"type": "error", "error": {...}}
        error = body.get("error")
        found = error.get("message") if isinstance(error, dict) else error
        message = str(found or body.get("message") or text)
    message = redact(message, secret)
    kind: type[APIError]
    if status in {401, 403}:
        kind = AuthenticationError
    elif status == 429:
        kind = RateLimitError
    elif status >= 500:
        kind = ServerError
    else:
        kind = BadRequestError
    return kind(provider, status, message, failed.retry_after, failed.why)
