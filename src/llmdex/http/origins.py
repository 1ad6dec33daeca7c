"""Origins: where a URL sends what it carries, and which hosts are this machine.

A key belongs to an origin (scheme, host, port), not to a URL: the client, the redirect
rule and the generator's review of payload URLs all decide by these functions.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

_LOOPBACK_NAMES = frozenset({"localhost"})
_DEFAULT_PORTS = {"http": 80, "https": 443}

Origin = tuple[str, str, int]
"""``(scheme, host, port)``, lower-cased, with the scheme's default port filled in."""


def origin(url: str) -> Origin | None:
    """The origin of ``url``, or ``None`` for a URL with no host or an impossible port."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # "host:99999", "host:1:2", "[::1"
        return None
    scheme = parts.scheme.lower()
    port = port if port is not None else _DEFAULT_PORTS.get(scheme)
    if not parts.hostname or port is None:
        return None
    return scheme, parts.hostname.lower(), port


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine: ``localhost``, ``127.0.0.0/8`` or ``::1``."""
    host = host.lower().strip("[]")
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_private(url: str) -> bool:
    """Whether what ``url`` carries stays private: ``https``, or ``http`` to this machine."""
    where = origin(url)
    if where is None:
        return False
    scheme, host, _ = where
    return scheme == "https" or (scheme == "http" and is_loopback(host))
