"""Other spellings of a provider's model ids, as other libraries and APIs write them.

Bedrock's ``anthropic.claude-haiku-4-5-20251001-v1:0`` is also ``claude-haiku-4-5-20251001``
(no version tag, no ``vendor.``); OpenRouter's ``anthropic/claude-opus-4.5`` is also
``claude-opus-4-5``; Vertex's ``deepseek-ai/deepseek-v3.1-maas`` is also ``deepseek-v3.1``;
Google's ``gemini-2.0-flash`` is served as ``gemini-2.0-flash-001``; xAI's
``grok-4.20-0309-reasoning`` is also ``grok-4.20-reasoning``. The generator derives an alias
for each spelling that names one model only (rule ``spelling``); a lookup takes a version tag
off a name whose provider lists the model without it, and moves a version written before the
model's name after it (OpenRouter's ``claude-4.5-sonnet`` is ``claude-sonnet-4.5``).
"""

from __future__ import annotations

from llmdex.resolution.dated_ids import split_dated


def untagged(name: str) -> str | None:
    """``name`` without its version tag (Bedrock's ``-v1``/``-v1:0``, Google's stable
    ``-001``, Vertex's ``@001``), or ``None`` if it has none.

    Example:
        >>> untagged("anthropic.claude-sonnet-4-6-v1")
        'anthropic.claude-sonnet-4-6'
    """
    # Only version 1: a -v2 may be another model than the untagged id (Titan Embeddings V2).
    head, sep, tail = name.rpartition("-v")
    number, colon, minor = tail.partition(":")
    if sep and head and number == "1" and (not colon or minor.isdecimal()):
        return head
    for sep in ("-", "@"):
        head, found, tail = name.rpartition(sep)
        if found and head and len(tail) == 3 and tail.startswith("00") and tail[2] in "123456789":
            return head
    return None


_LONGEST_ID = 100
"""Model ids are under 100 characters (the locked payload's longest is 61)."""


def version_moved(name: str) -> list[str]:
    """``name`` with its first version moved after the word that follows it, as written
    with a dot and with a dash; none if it has no version before a word.

    OpenRouter's canonical slugs and Anthropic's names before Claude 4 put the version
    first (``claude-4.5-sonnet``); Anthropic's ids since put it after (``claude-sonnet-4-5``).

    Example:
        >>> version_moved("anthropic/claude-4.5-sonnet-20250929")
        ['anthropic/claude-sonnet-4.5-20250929', 'anthropic/claude-sonnet-4-5-20250929']
    """
    if len(name) > _LONGEST_ID:
        return []  # no id is this long: a hostile name is not tried over again
    parts = name.split("-")
    at = 1
    while at < len(parts) - 1:
        end = at  # a version is one to three short numbers: 4, 4.5, 4-5
        while end < len(parts) and end - at < 3 and _version_number(parts[end]):
            end += 1
        if end > at and end < len(parts) and parts[end].isalpha():
            moved = "-".join([*parts[:at], parts[end], *parts[at:end], *parts[end + 1 :]])
            dashed = _dashed(moved)
            return [moved] if dashed is None else [moved, dashed]
        at = max(end, at + 1)
    return []


def _version_number(part: str) -> bool:
    whole, dot, minor = part.partition(".")
    return whole.isdecimal() and len(whole) <= 2 and (not dot or minor.isdecimal())


def _unserved(name: str) -> str | None:
    # Vertex's Model-as-a-Service ids: deepseek-ai/deepseek-v3.1-maas is deepseek-v3.1 there.
    # Derived as an alias of Vertex's own id only, never taken off a name at lookup: a name
    # with -maas names Vertex's listing, not the maker's.
    return name.removesuffix("-maas") if name.endswith("-maas") and name != "-maas" else None


def _unvendored(name: str) -> str | None:
    # Bedrock's "anthropic.claude-..." -> "claude-...": a vendor word before a dot and a
    # letter (never a version's dot: "gpt-4.1", "qwen2.5").
    head, dot, rest = name.partition(".")
    word = bool(head) and head[0].isalpha() and not head[-1].isdecimal()
    if dot and word and rest[:1].isalpha() and all(c.isalnum() or c == "-" for c in head):
        return rest
    return None


def _dashed(name: str) -> str | None:
    # "claude-opus-4.5" -> "claude-opus-4-5": a dot between two digits written as a dash.
    chars = list(name)
    for at in range(1, len(chars) - 1):
        if chars[at] == "." and chars[at - 1].isdecimal() and chars[at + 1].isdecimal():
            chars[at] = "-"
    dashed = "".join(chars)
    return dashed if dashed != name else None


def _unslashed(name: str) -> str | None:
    # "anthropic/claude-opus-4-5" -> "claude-opus-4-5", as the vendor-prefix rule reads ids.
    head, slash, rest = name.partition("/")
    return rest if slash and head and rest else None


def _undated_inside(name: str) -> str | None:
    # "grok-4.20-0309-reasoning" -> "grok-4.20-reasoning": a -MMDD- or -YYYYMMDD- segment.
    parts = name.split("-")
    for at in range(1, len(parts) - 1):
        part = parts[at]
        dated = split_dated(f"x-{part}")
        if dated is not None and dated[0] == "x" and part.isdecimal() and len(part) in (4, 8):
            return "-".join(parts[:at] + parts[at + 1 :])
    return None


_SPELLINGS = (untagged, _unserved, _unvendored, _dashed, _unslashed, _undated_inside)


def spellings(name: str, depth: int = 4) -> set[str]:
    """Every other spelling of an id or alias the rule ``spelling`` accepts (README,
    "Resolution"), each transformation applied in any order, up to ``depth`` of them.

    Example:
        >>> sorted(spellings("anthropic/claude-opus-4.5"))
        ['anthropic/claude-opus-4-5', 'claude-opus-4-5', 'claude-opus-4.5']
    """
    found: set[str] = set()
    layer = {name}
    for _ in range(depth):
        layer = {
            variant
            for current in layer
            for spell in _SPELLINGS
            if (variant := spell(current)) is not None and variant not in found
        }
        found |= layer
    found.discard(name)
    return found
