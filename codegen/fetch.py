"""Stage 1: read the models.dev payload from a file or URL, bounded in time and size.

Downloads go through the runtime's HTTP policy (:mod:`llmdex.http.requests_transport`: timeouts, a
deadline, bounded retries, a size cap, no cross-origin redirects). The JSON is read strictly:
no NaN or Infinity, no number that overflows or underflows a float, no integer too long to
read, no key given twice in one object, and nesting no deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from llmdex.bounded_gzip import UnpackError, gunzip
from llmdex.errors import ClientError
from llmdex.http.policy import HttpPolicy
from llmdex.http.requests_transport import send
from llmdex.http.transport import HttpResponse, StatusError
from llmdex.records.record import replace
from llmdex.untrusted_json import PAYLOAD_DEPTH, too_deep

from .errors import FetchError, PayloadError, RegenError

MAX_BYTES = 64 * 1024 * 1024
"""Largest payload accepted: the 2026-07 payload is 2.4 MB, so this is room for 25x growth."""
MAX_DEPTH = PAYLOAD_DEPTH
"""Deepest nesting accepted; a models.dev payload nests 7 levels."""

FETCH_POLICY = HttpPolicy(
    read_timeout=60.0, deadline=300.0, max_retries=3, backoff=1.0, max_bytes=MAX_BYTES
)
"""How patient a fetch is, unless the command line says otherwise."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A payload as read: its bytes, their sha256, where they came from, and the parsed JSON."""

    source: str
    data: bytes
    sha256: str
    payload: Any


def is_url(source: str) -> bool:
    """Whether ``source`` names an HTTP(S) URL rather than a file."""
    return source.startswith(("http://", "https://"))


def source_label(source: str) -> str:
    """``source`` as it may be written down: a URL without credentials, query or fragment."""
    if not is_url(source):
        return source
    parts = urlsplit(source)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def fetch(source: str, policy: HttpPolicy = FETCH_POLICY) -> Fetched:
    """Read ``source`` (a path or an http(s) URL) and check it is one JSON object."""
    data = _download(source, policy) if is_url(source) else _read_file(source, policy)
    label = source_label(source)
    if data[:2] == b"\x1f\x8b":  # gzip, as the weekly history payloads are stored
        try:
            data = gunzip(data, policy.max_bytes)
        except UnpackError as exc:
            kind = FetchError if exc.too_large else PayloadError
            raise kind(f"{label}: {exc}") from None
    return Fetched(label, data, hashlib.sha256(data).hexdigest(), parse_json(data, label))


def parse_json(data: bytes, source: str, error: type[RegenError] = PayloadError) -> Any:
    """Parse strict JSON whose top level is an object (see the module docstring).

    Every failure is one line naming ``source``, raised as ``error``.
    """

    def reject_constant(name: str) -> None:
        raise error(f"{source}: {name} is not valid JSON; the file is corrupt")

    def number(text: str) -> float:
        value = float(text)
        digits = text.lower().partition("e")[0].strip("+-0.")
        if math.isinf(value) or (value == 0 and digits):  # 1e400, or 1e-400 read as 0
            raise error(f"{source}: the number {text[:40]} does not fit a float")
        return value

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in pairs:
            if key in found:
                raise error(f"{source}: the key {key[:80]!r} appears twice in one object")
            found[key] = value
        return found

    try:
        text = data.decode("utf-8")
        if too_deep(text, MAX_DEPTH):
            # Counted before parsing, so a hostile nesting never reaches the recursive decoder.
            raise error(
                f"{source}: JSON nested deeper than {MAX_DEPTH} levels (models.dev nests 7)"
            )
        # Decode explicitly: json.loads(bytes) would guess UTF-16 from a byte-order mark.
        payload = json.loads(
            text, parse_constant=reject_constant, parse_float=number, object_pairs_hook=unique
        )
    except UnicodeDecodeError as exc:
        raise error(
            f"{source}: not UTF-8 text (byte {exc.start} is {data[exc.start : exc.start + 1]!r}); "
            "save it as UTF-8"
        ) from None
    except json.JSONDecodeError as exc:
        truncated = "; the download may be truncated, so fetch it again"
        raise error(
            f"{source}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
            + (truncated if error is PayloadError else "")
        ) from None
    except ValueError:  # an integer longer than Python reads
        digits = sys.get_int_max_str_digits()
        raise error(f"{source}: a number has more than {digits} digits") from None
    if not isinstance(payload, dict):
        raise error(f"{source}: expected a JSON object at the top level")
    return payload


def _read_file(source: str, policy: HttpPolicy) -> bytes:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > policy.max_bytes:
            raise FetchError(f"{source}: {size} bytes is over the {policy.max_bytes}-byte cap")
        return path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read {source}: {exc.strerror}; check the SOURCE path") from None


def _download(url: str, policy: HttpPolicy) -> bytes:
    label = source_label(url)
    try:
        response = send("GET", url, who=label, policy=policy)
    except StatusError as failed:
        status = failed.response.status
        if status >= 500 or status == 429:
            raise FetchError(
                f"{label}: HTTP {status}, given up {failed.why}. "
                "Retry later, or pass a local copy with SOURCE=path/to/api.json"
            ) from None
        raise FetchError(f"{label}: HTTP {status}; check the URL") from None
    except ClientError as exc:
        raise FetchError(
            f"{exc}. Retry later, or pass a local copy with SOURCE=path/to/api.json"
        ) from None
    assert isinstance(response, HttpResponse)
    return response.body


def policy_from(**changes: Any) -> HttpPolicy:
    """The fetch policy with ``changes`` (the command line's settings) applied."""
    return replace(FETCH_POLICY, **{k: v for k, v in changes.items() if v is not None})
