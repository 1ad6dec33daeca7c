"""What the client needs of HTTP, without ``requests``: the response record, the status
error, and the protocols :mod:`llmdex.http.requests_transport` implements.

Type checkers read the modules a user's file reaches through ``import llmdex``; this one
is among them and :mod:`llmdex.http.requests_transport` is not, so checking a file that uses llmdex
does not parse ``requests`` and ``urllib3`` (a third of mypy's time on such a file). The
client imports ``http`` by name when it sends (:mod:`llmdex.client.client`), and
``http`` is checked against :class:`Transport` where it is defined.
"""

from __future__ import annotations

from llmdex.records.record import Record, record

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any, Protocol

    from llmdex.http.policy import HttpPolicy

    class Session(Protocol):
        """What llmdex uses of a ``requests.Session``: pass one to share its connections."""

        def request(
            self,
            method: str,
            url: str,
            *,
            headers: dict[str, str],
            json: Any,
            timeout: tuple[float, float],
            stream: bool,
            allow_redirects: bool,
        ) -> Any:
            """Send one request; the response's body is read later."""

    class OpenResponse(Protocol):
        """A 2xx response whose body is still being read (a stream)."""

        def close(self) -> None:
            """Release the connection."""

    class Transport(Protocol):
        """The functions of :mod:`llmdex.http.requests_transport` the client calls."""

        def send(
            self,
            method: str,
            url: str,
            *,
            who: str,
            policy: HttpPolicy,
            headers: Mapping[str, str] | None = None,
            json: Any = None,
            session: Session | None = None,
            stream: bool = False,
        ) -> OpenResponse | HttpResponse:
            """Send one request under ``policy``; the 2xx response."""

        def lines(self, response: Any, who: str, policy: HttpPolicy) -> Iterator[str]:
            """The lines of a streamed body (an :class:`OpenResponse` from ``send``)."""


@record
class HttpResponse(Record):
    """A response read whole: status, headers and body (at most ``max_bytes``)."""

    status: int
    headers: Mapping[str, str]
    body: bytes

    @property
    def text(self) -> str:
        """The body as UTF-8 text (undecodable bytes replaced)."""
        return self.body.decode("utf-8", errors="replace")


class StatusError(Exception):
    """An HTTP status the caller turns into its own error, with what the server said."""

    def __init__(self, response: HttpResponse, retry_after: float | None, why: str) -> None:
        super().__init__(f"HTTP {response.status}")
        self.response = response
        self.retry_after = retry_after
        self.why = why
        """Why no retry followed, for the message: ``""`` for a status never retried, else
        "after 1 attempt(s): it asks to wait 3600 s, longer than max_wait (20 s)"."""
