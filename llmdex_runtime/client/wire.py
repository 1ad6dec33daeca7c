"""What every wire format provides, and the request it builds."""

from __future__ import annotations

from llmdex_runtime.record import record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any


@record
class Call:
    """One call, independent of the wire: what to send, where, with which key."""

    model_id: str
    base_url: str
    api_key: str | None
    messages: Sequence[Mapping[str, Any]]
    params: Mapping[str, Any]
    max_output: int | None = None


@record
class Request:
    """An HTTP POST: URL, headers (the key among them) and JSON body."""

    url: str
    headers: Mapping[str, str]
    body: Mapping[str, Any]


class Wire:
    """One wire format. Subclasses build requests and read responses and stream events."""

    usage_shape = "openai"
    """Which ``Usage.from_*`` reads this wire's usage objects."""

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

    def embed(self, call: Call, texts: Sequence[str]) -> Request:
        """The request for embeddings; raises where the protocol has none."""
        raise NotImplementedError

    def read_embeddings(
        self, body: Mapping[str, Any]
    ) -> tuple[list[list[float]], Mapping[str, Any]]:
        """Vectors and usage object of an embeddings response."""
        raise NotImplementedError


def join(base_url: str, path: str) -> str:
    """``base_url`` and ``path`` with exactly one ``/`` between them."""
    return base_url.rstrip("/") + "/" + path.lstrip("/")
