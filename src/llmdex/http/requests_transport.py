"""HTTP under one policy, for the client and for the generator's fetcher.

:class:`HttpPolicy` bounds everything a server could stretch: connect and read timeouts, a
deadline for the whole call (retries and a slow body included), a cap on the body, bounded
retries of connection errors, 429 and 5xx with exponential backoff or the ``Retry-After``
the server sends (a wait longer than ``max_wait`` is not waited out: the error is raised,
saying how long the server asked for), and redirects: only 307 and 308 to the same origin
are followed, so credentials and bodies never travel to another host.

urllib3's ``Retry`` does the retry part, but sleeps out any ``Retry-After`` and knows no
deadline or body cap, so the loop is ours, here, once.
"""

from __future__ import annotations

import email.utils
import logging
import math
import time
import zlib
from urllib.parse import urljoin, urlsplit

try:
    import requests
    import urllib3
except ImportError:  # pragma: no cover - depends on how llmdex was installed
    raise ImportError(
        "llmdex needs requests to call models over HTTP: pip install 'llmdex[client]'"
    ) from None

from llmdex.errors import APIConnectionError, RedirectError, TooLargeError
from llmdex.http.origins import origin
from llmdex.http.policy import HttpPolicy
from llmdex.http.transport import HttpResponse, StatusError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from typing import Any

    from llmdex.http.transport import Session

_log = logging.getLogger("llmdex.http")
_CHUNK = 1 << 16
_REDIRECTS = 3
_ENCODINGS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
"""The content codings the client asks for and decodes (zlib window bits of each)."""
_ACCEPTED = "gzip, deflate"


class _BrokenOffError(Exception):
    # A response body that stopped before its end; send() retries or reports it.
    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def send(
    method: str,
    url: str,
    *,
    who: str,
    policy: HttpPolicy,
    headers: Mapping[str, str] | None = None,
    json: Any = None,
    session: Session | None = None,
    stream: bool = False,
) -> requests.Response | HttpResponse:
    """Send one request under ``policy``; return the 2xx response.

    With ``stream=False`` the body is read whole (capped) into an :class:`HttpResponse`;
    with ``stream=True`` the open ``requests.Response`` is returned for :func:`lines`. A
    non-2xx status that is not retried raises :class:`StatusError`; connection trouble, the
    deadline and the cap raise llmdex errors naming ``who`` (the provider, or the source).
    """
    start = time.monotonic()
    session = session or requests.Session()
    for attempt in range(policy.max_retries + 1):
        last = attempt == policy.max_retries
        try:
            response = _follow(
                method,
                url,
                who=who,
                policy=policy,
                start=start,
                headers=headers,
                json=json,
                session=session,
            )
        except (requests.ConnectionError, requests.Timeout) as exc:
            problem = type(exc).__name__
            if last or not _wait(policy.backoff * 2**attempt, policy, start, who, problem):
                raise APIConnectionError(who, _connection_problem(exc, url, attempt + 1)) from None
            continue
        if response.status_code < 300 and stream:
            return response
        try:
            whole = _read_whole(response, who, policy, start)
        except _BrokenOffError as broken:
            # A body cut short is read again only where asking twice is harmless.
            retry = method == "GET" and not last
            if not retry or not _wait(policy.backoff * 2**attempt, policy, start, who, "cut off"):
                raise APIConnectionError(
                    who, f"{broken.problem} after {attempt + 1} attempt(s)"
                ) from None
            continue
        if whole.status < 300:
            return whole
        retry_after = _retry_after(whole.headers.get("Retry-After"))
        retryable = whole.status == 429 or whole.status >= 500
        tries = f"after {attempt + 1} attempt{'s' if attempt else ''}"
        if not retryable:
            raise StatusError(whole, retry_after, "")
        if last:
            raise StatusError(whole, retry_after, tries)
        wait = policy.backoff * 2**attempt if retry_after is None else retry_after
        if wait > policy.max_wait:
            asked = f"it asks to wait {wait:g} s, more than the {policy.max_wait:g} s max_wait"
            raise StatusError(whole, retry_after, f"{tries}: {asked}")
        if not _wait(wait, policy, start, who, f"HTTP {whole.status}"):
            raise StatusError(
                whole, retry_after, f"{tries}: a wait of {wait:g} s would pass the deadline"
            )
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _follow(
    method: str,
    url: str,
    *,
    who: str,
    policy: HttpPolicy,
    start: float,
    headers: Mapping[str, str] | None,
    json: Any,
    session: Session,
) -> requests.Response:
    # Redirects by hand: only 307/308 keep the method and body, and only within the origin.
    for _ in range(_REDIRECTS + 1):
        remaining = policy.deadline - (time.monotonic() - start)
        if remaining <= 0:
            raise APIConnectionError(who, f"no answer within the {policy.deadline:g} s deadline")
        timeout = (min(policy.connect_timeout, remaining), min(policy.read_timeout, remaining))
        _log.debug("%s %s (%s)", method, url, who)
        try:
            response: requests.Response = session.request(
                method,
                url,
                # Only the codings _chunks decodes, whatever optional packages urllib3 found.
                headers={"Accept-Encoding": _ACCEPTED, **(headers or {})},
                json=json,
                timeout=timeout,
                stream=True,
                allow_redirects=False,
            )
        except ValueError as exc:
            if isinstance(exc, requests.RequestException):
                raise
            # requests parses a redirect's Location even when it follows none.
            raise RedirectError(who, 0, "the unusable Location it gave") from None
        if response.status_code not in {301, 302, 303, 307, 308}:
            return response
        location = response.headers.get("Location", "")
        response.close()
        try:
            target = urljoin(url, location)
        except ValueError:  # "http://[::1" and the like
            target = ""
        where = origin(target)
        if response.status_code not in {307, 308} or where is None or where != origin(url):
            shown = (
                f"{where[0]}://{where[1]}:{where[2]}"
                if where is not None
                else f"the unusable Location {location[:80]!r}"
            )
            raise RedirectError(who, response.status_code, shown)
        url = target
    raise RedirectError(who, 310, "more than three redirects")


def _read_whole(
    response: requests.Response, who: str, policy: HttpPolicy, start: float
) -> HttpResponse:
    chunks = list(_chunks(response, who, policy, start))
    return HttpResponse(
        status=response.status_code, headers=dict(response.headers), body=b"".join(chunks)
    )


def _chunks(
    response: requests.Response, who: str, policy: HttpPolicy, start: float
) -> Iterator[bytes]:
    # read1 returns what has arrived, so a slow drip still meets the deadline check. A
    # compressed body is decoded here, and the cap counts what it unpacks to.
    size = 0
    try:
        decoder = _decoder(response.headers.get("Content-Encoding"))
        while True:
            if time.monotonic() - start > policy.deadline:
                raise APIConnectionError(
                    who, f"the response took longer than the {policy.deadline:g} s deadline"
                )
            try:
                chunk = response.raw.read1(_CHUNK)
            except (
                OSError,
                ValueError,
                requests.RequestException,
                urllib3.exceptions.HTTPError,
            ) as exc:
                timeout = "Timeout" in type(exc).__name__ or isinstance(exc, TimeoutError)
                kind = "timed out" if timeout else "broke off"
                raise _BrokenOffError(f"the response {kind} ({type(exc).__name__})") from None
            if not chunk:
                if decoder is not None and not decoder.eof:
                    raise _BrokenOffError("the compressed response broke off")
                return
            if decoder is not None:
                chunk = _unpack(decoder, chunk, policy.max_bytes - size + 1)
            size += len(chunk)
            if size > policy.max_bytes:
                raise TooLargeError(who, policy.max_bytes)
            yield chunk
    finally:
        response.close()


def _decoder(coding: str | None) -> Any:
    # A zlib decoder for the body's Content-Encoding, or None for an identity body.
    name = (coding or "identity").strip().lower()
    if name == "identity":
        return None
    if name not in _ENCODINGS:
        raise _BrokenOffError(f"the response has the content coding {name[:40]!r}, not gzip")
    return zlib.decompressobj(_ENCODINGS[name])


def _unpack(decoder: Any, chunk: bytes, room: int) -> bytes:
    # At most `room` bytes come out, so a small bomb never unpacks past the cap.
    try:
        return bytes(decoder.decompress(chunk, room))
    except zlib.error:
        raise _BrokenOffError("the compressed response is corrupt") from None


def lines(response: requests.Response, who: str, policy: HttpPolicy) -> Iterator[str]:
    """The lines of a streamed body, decoded as UTF-8 (as server-sent events always are).

    Lines end at CR, LF or CRLF only, so a U+2028 inside JSON never splits it. A stream that
    breaks off raises :class:`~llmdex.errors.APIConnectionError`.
    """
    line: list[bytes] = []  # the pieces of the line not yet ended
    after_cr = False
    chunks = _chunks(response, who, policy, time.monotonic())
    while True:
        try:
            chunk = next(chunks)
        except StopIteration:
            break
        except _BrokenOffError as broken:
            raise APIConnectionError(who, broken.problem) from None
        # Only the new chunk is scanned, so a long line costs its length, not its square.
        # A CR ends a line at once; an LF right after it (in the next chunk) is its CRLF.
        if after_cr and chunk.startswith(b"\n"):
            chunk = chunk[1:]
        after_cr = chunk.endswith(b"\r")
        *ended, rest = chunk.replace(b"\r\n", b"\n").replace(b"\r", b"\n").split(b"\n")
        for piece in ended:
            line.append(piece)
            yield b"".join(line).decode("utf-8", errors="replace")
            line = []
        if rest:
            line.append(rest)
    if line:
        yield b"".join(line).decode("utf-8", errors="replace")


def _retry_after(value: str | None) -> float | None:
    # Seconds, or an HTTP date; anything else ("soon") is ignored, as RFC 9110 allows. More
    # digits than a float holds is a wait of infinity, which is never waited out.
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        seconds = when.timestamp() - time.time()
    if math.isnan(seconds):
        return None
    return max(0.0, seconds)


def _wait(seconds: float, policy: HttpPolicy, start: float, who: str, why: str) -> bool:
    # Wait, unless the wait would cross the deadline: then report that no retry is possible.
    if time.monotonic() - start + seconds > policy.deadline:
        return False
    _log.info("%s: %s, retrying in %.2f s", who, why, seconds)
    time.sleep(seconds)
    return True


def _connection_problem(exc: Exception, url: str, attempts: int) -> str:
    # The type and the host only: requests' own text can repeat request headers.
    kind = "timed out" if isinstance(exc, requests.Timeout) else "could not connect"
    return f"{kind} to {urlsplit(url).netloc} after {attempts} attempt(s) ({type(exc).__name__})"


if TYPE_CHECKING:
    # The client reaches this module only by name (see llmdex.http.transport); here mypy
    # checks that it provides what the client calls.
    import llmdex.http.requests_transport as _this  # noqa: PLW0406 - the module checked is this one
    from llmdex.http.transport import Transport

    _IMPLEMENTS: Transport = _this
