"""HTTP for the client: timeouts, bounded retries that honour ``Retry-After``, typed errors.

Keys travel only in headers. Every message that leaves this module (exceptions, logs) goes
through :func:`redact` with the call's key, because providers sometimes echo what they got.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time

try:
    import requests
except ImportError:  # pragma: no cover - depends on how llmdex was installed
    raise ImportError("the llmdex client needs requests: pip install 'llmdex[client]'") from None

from llmdex_runtime.errors import (
    APIConnectionError,
    APIError,
    AuthenticationError,
    BadRequestError,
    RateLimitError,
    ServerError,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from llmdex_runtime.client.wire import Request

_log = logging.getLogger("llmdex.client")
_MAX_WAIT = 60.0


def redact(text: str, secret: str | None) -> str:
    """``text`` with every occurrence of ``secret`` replaced."""
    return text.replace(secret, "[redacted]") if secret else text


class Transport:
    """Sends one request, retrying connection errors, 429 and 5xx with exponential backoff."""

    def __init__(
        self,
        *,
        timeout: tuple[float, float] = (10.0, 120.0),
        max_retries: int = 2,
        backoff: float = 0.5,
        session: requests.Session | None = None,
    ) -> None:
        self.timeout = timeout
        self.max_retries = max_retries
        self.backoff = backoff
        self.session = session or requests.Session()

    def post(
        self, provider: str, request: Request, *, secret: str | None, stream: bool = False
    ) -> requests.Response:
        """POST ``request``; a 2xx response, or the error its last attempt ended with."""
        for attempt in range(self.max_retries + 1):
            last = attempt == self.max_retries
            _log.debug("POST %s (%s, attempt %d)", request.url, provider, attempt + 1)
            try:
                response = self.session.post(
                    request.url,
                    headers=dict(request.headers),
                    json=dict(request.body),
                    timeout=self.timeout,
                    stream=stream,
                )
            except requests.RequestException as exc:
                if last:
                    raise APIConnectionError(provider, redact(str(exc), secret)) from None
                self._sleep(self.backoff * 2**attempt, provider, "connection error")
                continue
            status = response.status_code
            if status < 400:
                return response
            if (status == 429 or status >= 500) and not last:
                wait = _retry_after(response) or self.backoff * 2**attempt
                response.close()
                self._sleep(wait, provider, f"HTTP {status}")
                continue
            raise _error(provider, response, secret)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _sleep(self, seconds: float, provider: str, why: str) -> None:
        wait = min(seconds, _MAX_WAIT)
        _log.info("%s: %s, retrying in %.2f s", provider, why, wait)
        time.sleep(wait)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        when = email.utils.parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time()) if when is not None else None


def _error(provider: str, response: requests.Response, secret: str | None) -> APIError:
    status = response.status_code
    message = response.text[:500]
    try:
        body = json.loads(response.text)
    except ValueError:
        body = None
    if isinstance(body, dict):
        # OpenAI and Google: {"error": {"message"}}; Anthropic: {"type": "error", "error": {...}}
        error = body.get("error")
        found = error.get("message") if isinstance(error, dict) else error
        message = str(found or body.get("message") or message)
    message = redact(message, secret)
    if status in {401, 403}:
        return AuthenticationError(provider, status, message)
    if status == 429:
        return RateLimitError(provider, status, message)
    if status >= 500:
        return ServerError(provider, status, message)
    return BadRequestError(provider, status, message)
