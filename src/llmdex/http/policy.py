"""How patient an HTTP call is: timeouts, a deadline, retries, a body cap.

Kept apart from :mod:`llmdex.http.requests_transport` so that naming a policy needs no ``requests``.
"""

from __future__ import annotations

from llmdex.records.record import Record, record


@record
class HttpPolicy(Record):
    """How patient a call is. Times are seconds; ``max_bytes`` caps the response body."""

    connect_timeout: float = 10.0
    read_timeout: float = 120.0
    """Longest silence between two reads of the response."""
    deadline: float = 600.0
    """Longest a whole call may take, retries and waits included."""
    max_retries: int = 2
    backoff: float = 0.5
    """The first wait before a retry; each next one doubles."""
    max_wait: float = 20.0
    """Longest ``Retry-After`` waited out; a server asking more gets the error at once."""
    max_bytes: int = 32 * 1024 * 1024
