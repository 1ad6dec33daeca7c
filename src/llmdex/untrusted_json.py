"""JSON from outside (response bodies, stream events, payload files): read within bounds.

Python's decoder recurses once per level of nesting, so a body of ``[[[[...`` ends in a
``RecursionError``, and a structure that parses just under the limit breaks whatever walks
it next. :func:`loads` counts the nesting first, without recursing, and refuses a document
nested deeper than the caller allows; it decodes bytes as UTF-8 only (``json.loads`` would
take a byte-order mark as a hint of UTF-16 or UTF-32), and refuses ``NaN`` and
``Infinity``, which JSON does not have.
"""

from __future__ import annotations

import json
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

DEPTH = 64
"""Levels of nesting allowed by default: provider bodies nest under 10."""
PAYLOAD_DEPTH = 32
"""Levels of nesting allowed in a models.dev payload, which nests 7."""

_STRINGS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class UntrustedJSONError(ValueError):
    """A document :func:`loads` refuses; the message says why, without the document.

    Callers turn it into their own error (a malformed response, a bad payload file)."""


def loads(data: str | bytes, max_depth: int = DEPTH) -> Any:
    """The JSON value ``data`` holds, or :class:`UntrustedJSONError`.

    Example:
        >>> loads(b'{"a": [1, 2]}')
        {'a': [1, 2]}
    """
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = data[exc.start : exc.start + 1]
            raise UntrustedJSONError(f"not UTF-8 (byte {exc.start} is {byte!r})") from None
    # A document with no more brackets than levels allowed cannot nest deeper: most lines of
    # a log or a stream, which then skip the count.
    if data.count("[") + data.count("{") > max_depth and too_deep(data, max_depth):
        raise UntrustedJSONError(f"JSON nested deeper than {max_depth} levels")
    try:
        return _DECODER.decode(data)
    except UntrustedJSONError:
        raise
    except json.JSONDecodeError as exc:
        raise UntrustedJSONError(
            f"not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except ValueError as exc:  # an integer longer than Python reads
        raise UntrustedJSONError(f"not JSON we can read ({str(exc)[:80]})") from None


def too_deep(text: str, max_depth: int) -> bool:
    """Whether ``text`` nests arrays and objects deeper than ``max_depth``, counted without
    recursion: strings out, then the innermost pairs dropped, a level per pass (at most
    ``max_depth`` passes at the speed of ``str.replace``); a document whose brackets do not
    pair up (cut off, or mismatched) is counted bracket by bracket instead."""
    brackets = _NOT_BRACKETS.sub("", _STRINGS.sub("", text))
    left = brackets
    for _ in range(max_depth + 1):
        if not left:
            return False
        inner = left.replace("[]", "").replace("{}", "")
        if inner == left:
            break
        left = inner
    depth = 0
    for bracket in brackets:
        depth += 1 if bracket in "[{" else -1
        if depth > max_depth:
            return True
    return False


def _no_constant(name: str) -> Any:
    raise UntrustedJSONError(f"not JSON ({name} is not a JSON number)")


# One decoder for every call: json.loads with an argument builds a new one each time.
_DECODER = json.JSONDecoder(parse_constant=_no_constant)
