"""What every wire format provides, the request it builds, and how it reads a response.

Readers navigate a response with :func:`field` and :func:`items`, which raise
:class:`ShapeError` when the body lacks what the protocol promises; the client turns that into
``MalformedResponseError``. A bug of ours stays the exception it is.
"""

from __future__ import annotations

from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from decimal import Decimal
    from typing import Any

_HIDDEN = "[redacted]"
_SECRET_HEADERS = frozenset({"authorization", "x-api-key", "x-goog-api-key", "api-key"})


@record
class Call(Record):
    """One call, independent of the wire: what to send, where, with which key."""

    model_id: str
    base_url: str
    api_key: str | None
    messages: Sequence[Mapping[str, Any]]
    params: Mapping[str, Any]
    max_output: int | None = None

    def __repr__(self) -> str:
        key = None if self.api_key is None else _HIDDEN
        return f"Call(model_id={self.model_id!r}, base_url={self.base_url!r}, api_key={key})"


@record
class Request(Record):
    """An HTTP request: URL, headers (the key among them) and JSON body (a GET has none)."""

    url: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]

    def __repr__(self) -> str:
        shown = {k: _HIDDEN if k.lower() in _SECRET_HEADERS else v for k, v in self.headers.items()}
        return f"Request(url={self.url!r}, headers={shown})"


@record
class Listed(Record):
    """One model as its provider's model-list API gives it. Prices are USD per 1M tokens,
    exact; what the API does not give is ``None``."""

    id: str
    context: int | None = None
    output: int | None = None
    input_price: Decimal | None = None
    output_price: Decimal | None = None
    cache_read_price: Decimal | None = None
    cache_write_price: Decimal | None = None


@record
class Page(Record):
    """One page of a model list, and the token that asks for the next (``None``: the last)."""

    models: tuple[Listed, ...]
    next: str | None


@record
class ModelList(Record):
    """A provider's model list, read whole: where from, and every model on it."""

    source: str
    """The URL of its first page."""
    models: tuple[Listed, ...]


class ShapeError(Exception):
    """A response lacks what its protocol promises (``path`` says what)."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def field(body: object, key: str, kind: type | tuple[type, ...] = object, path: str = "") -> Any:
    """``body[key]``, which must be a ``kind``; else :class:`ShapeError` naming where."""
    where = f"{path}.{key}" if path else key
    if not isinstance(body, dict) or key not in body:
        raise ShapeError(f"no {where}")
    value = body[key]
    if not isinstance(value, kind):
        raise ShapeError(f"{where} is {type(value).__name__}")
    return value


def optional(body: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any) -> Any:
    """``body[key]`` when present and a ``kind`` (else ``default`` when absent or null)."""
    value = body.get(key)
    if value is None:
        return default
    if not isinstance(value, kind):
        raise ShapeError(f"{key} is {type(value).__name__}")
    return value


def items(body: object, key: str, path: str = "") -> list[dict[str, Any]]:
    """``body[key]`` as a list of objects; else :class:`ShapeError`."""
    values: list[dict[str, Any]] = field(body, key, list, path)
    if not all(isinstance(value, dict) for value in values):
        raise ShapeError(f"{path + '.' if path else ''}{key} holds a non-object")
    return values


class Wire:
    """One wire format. Subclasses build requests and read responses and stream events."""

    usage_shape = "openai"
    """Which ``Usage.from_*`` reads this wire's usage objects."""

    no_model_list: str | None = None
    """Why the protocol has no model list to read, where it has none."""

    def chat(self, call: Call, *, stream: bool) -> Request:
        """The request for a completion, streamed or not."""
        raise NotImplementedError

    def read(self, body: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
        """Text and usage object of a non-streamed response."""
        raise NotImplementedError

    def read_event(
        self, event: str, data: Mapping[str, Any]
    ) -> tuple[str, Mapping[str, Any] | None]:
        """Text delta and usage object (when the event carries one) of a stream event."""
        raise NotImplementedError

    def ends(self, event: str, data: Mapping[str, Any]) -> bool:
        """Whether this event is the protocol's last: a stream that stops before one was cut
        off, and its text and usage are incomplete. (OpenAI chat ends with ``[DONE]``, which
        is no JSON event; the stream reader knows it.)"""
        return False

    def embed(self, call: Call, texts: Sequence[str]) -> Request:
        """The request for embeddings; raises where the protocol has none."""
        raise NotImplementedError

    def read_embeddings(
        self, body: Mapping[str, Any]
    ) -> tuple[list[list[float]], Mapping[str, Any]]:
        """Vectors and usage object of an embeddings response."""
        raise NotImplementedError

    def list_models(self, call: Call, page: str | None) -> Request:
        """The GET of one page of the provider's model list (``page``: the token the last
        page gave, ``None`` for the first); raises where the protocol has no list."""
        raise NotImplementedError

    def read_models(self, body: Mapping[str, Any]) -> Page:
        """One page of a model-list response."""
        raise NotImplementedError


def join(base_url: str, path: str) -> str:
    """``base_url`` and ``path`` with exactly one ``/`` between them."""
    return base_url.rstrip("/") + "/" + path.lstrip("/")


def per_million(value: object, path: str) -> Decimal | None:
    """A price per token (a decimal string or number) as USD per 1M tokens, exact."""
    if value is None:
        return None
    from decimal import Decimal, InvalidOperation

    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ShapeError(path)
    try:
        price = Decimal(str(value))
    except InvalidOperation:
        raise ShapeError(path) from None
    if not price.is_finite():
        raise ShapeError(path)
    if price < 0:  # OpenRouter's "-1": priced by the route taken, no one price
        return None
    return (price * 1_000_000).normalize()


def count(value: object, path: str) -> int | None:
    """A token count the API gives, or ``None``; not a count is the provider's fault."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ShapeError(path)
    return value
