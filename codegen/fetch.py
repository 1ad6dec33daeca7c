"""Stage 1: read the models.dev payload from a file or URL, bounded in time and size."""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from codegen.errors import FetchError, PayloadError

MAX_BYTES = 64 * 1024 * 1024
"""Largest payload accepted: the 2026-07 payload is 2.4 MB, so this is room for 25x growth."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A payload as read: its bytes, their sha256, where they came from, and the parsed JSON."""

    source: str
    data: bytes
    sha256: str
    payload: Any


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How patient a fetch is: timeouts in seconds, attempts, backoff and size cap."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    attempts: int = 4
    backoff: float = 1.0
    max_bytes: int = MAX_BYTES


def is_url(source: str) -> bool:
    """Whether ``source`` names an HTTP(S) URL rather than a file."""
    return source.startswith(("http://", "https://"))


def fetch(source: str, policy: FetchPolicy = FetchPolicy()) -> Fetched:
    """Read ``source`` (a path or an http(s) URL) and check it is one JSON object."""
    data = _download(source, policy) if is_url(source) else _read_file(source, policy)
    return Fetched(source, data, hashlib.sha256(data).hexdigest(), parse_json(data, source))


def parse_json(data: bytes, source: str) -> Any:
    """Parse strict JSON (no NaN or Infinity) whose top level is an object."""

    def reject_constant(name: str) -> None:
        raise PayloadError(f"{source}: {name} is not valid JSON; the payload is corrupt")

    try:
        # Decode explicitly: json.loads(bytes) would guess UTF-16 from a byte-order mark.
        payload = json.loads(data.decode("utf-8"), parse_constant=reject_constant)
    except UnicodeDecodeError as exc:
        raise PayloadError(f"{source}: not UTF-8 text ({exc})") from None
    except json.JSONDecodeError as exc:
        raise PayloadError(
            f"{source}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); "
            "the download may be truncated, so fetch it again"
        ) from None
    if not isinstance(payload, dict):
        raise PayloadError(f"{source}: expected a JSON object of providers at the top level")
    return payload


def _read_file(source: str, policy: FetchPolicy) -> bytes:
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > policy.max_bytes:
            raise FetchError(f"{source}: {size} bytes is over the {policy.max_bytes}-byte cap")
        return path.read_bytes()
    except OSError as exc:
        raise FetchError(f"cannot read {source}: {exc.strerror}; check the SOURCE path") from None


def _download(url: str, policy: FetchPolicy) -> bytes:
    problem = ""
    for attempt in range(1, policy.attempts + 1):
        if attempt > 1:
            time.sleep(policy.backoff * 2 ** (attempt - 2))
        try:
            with requests.get(
                url, stream=True, timeout=(policy.connect_timeout, policy.read_timeout)
            ) as response:
                if response.status_code >= 500:
                    problem = f"HTTP {response.status_code}"
                    continue
                if response.status_code != 200:
                    raise FetchError(
                        f"{url}: HTTP {response.status_code} {response.reason}; check the URL"
                    )
                return _read_capped(response, url, policy.max_bytes)
        except requests.RequestException as exc:
            problem = f"{type(exc).__name__}: {exc}"
    raise FetchError(
        f"{url}: gave up after {policy.attempts} attempts, last: {problem}. "
        "Retry later, or pass a local copy with SOURCE=path/to/api.json"
    )


def _read_capped(response: requests.Response, url: str, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(chunk_size=1 << 16):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: response is over the {max_bytes}-byte cap; refusing it")
        chunks.append(chunk)
    return b"".join(chunks)
