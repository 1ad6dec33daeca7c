"""API keys: where a call's key comes from, that it is sane, and that no message repeats it.

Every string the client lets out (exceptions, logs, reprs) goes through :func:`redact`, which
also catches the key as ``repr``, JSON and URL encoding would write it.
"""

from __future__ import annotations

import json
import os
import re
from urllib.parse import quote

from llmdex.errors import ClientConfigError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

_PLACEHOLDER = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SECRET = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|CREDENTIAL|(?:^|_)PAT(?:$|_)", re.IGNORECASE)
_HOST_LABEL = re.compile(r"[A-Za-z0-9.-]+")
_BASE = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[A-Za-z0-9._~/-]*)?")
_SHOWN = 500


def find_key(
    given: str | None, configured: Mapping[str, str], provider: str, variables: Sequence[str]
) -> tuple[str | None, str]:
    """The key of a call and where it came from: ``api_key=``, the client, or a variable."""
    if given is not None:
        return given, "api_key="
    if provider in configured:
        return configured[provider], f"api_keys[{provider!r}]"
    for name in variables:
        value = os.environ.get(name)
        if value and _SECRET.search(name):
            return value, name
    return None, ""


def check_key(key: str, spec: str, origin: str) -> None:
    """Refuse a key with spaces or control characters, without repeating it.

    A stray newline would otherwise reach an HTTP header, whose error message shows it.
    """
    if not key or not key.isascii() or not key.isprintable() or " " in key:
        raise ClientConfigError(
            f"{spec}: the API key from {origin} holds spaces, control or non-ASCII characters "
            "(a trailing newline?); fix the value"
        )


def redact(text: str, secret: str | None, limit: int = _SHOWN) -> str:
    """``text`` with ``secret`` replaced (raw, repr-, JSON- and URL-escaped), then cut."""
    if secret:
        for form in {secret, repr(secret)[1:-1], json.dumps(secret)[1:-1], quote(secret)}:
            if form:
                text = text.replace(form, "[redacted]")
    return text if len(text) <= limit else text[:limit] + "..."


def fill_base_url(url: str, variables: Sequence[str], spec: str) -> str:
    """Fill ``${NAME}`` placeholders from the environment.

    Only the provider's own variables that are not secrets may be used, and a value must be
    a host name label (letters, digits, ``.`` and ``-``), or, for a placeholder that starts
    the URL, an ``http(s)://host[/path]`` base: a base URL never carries a key, nor lets a
    variable add credentials or a query.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in variables or _SECRET.search(name):
            problem = (
                f"{spec}: its base URL names ${{{name}}}, which is not one of its provider's "
                "non-secret variables; give the URL with "
            )
            raise ClientConfigError(
                f"{problem}resolve(spec, base_url=...)", cli=f"{problem}--base-url"
            )
        found = os.environ.get(name, "")
        if not found:
            raise ClientConfigError(f"{spec}: its base URL needs ${{{name}}}; set it")
        if match.start() == 0 and _BASE.fullmatch(found):
            return found
        if not _HOST_LABEL.fullmatch(found):
            raise ClientConfigError(
                f"{spec}: ${{{name}}} must be a host name (letters, digits, '.', '-')"
            )
        return found

    return _PLACEHOLDER.sub(value, url)
