"""Release-date suffixes in model ids, in every form the models.dev payload shows.

``claude-3-5-sonnet-20241022``, ``gpt-4o-2024-08-06``, Bedrock's ``...-20250929-v1:0``,
Vertex's ``claude-sonnet-4-5@20250929`` (and ``@default``), Cohere's
``command-r-plus-08-2024``, ``gemini-2.5-pro-preview-05-06``, Mistral's ``mistral-medium-2505``
(YYMM) and ``kimi-k2-0905`` (MMDD). The generator groups ids into dated families with it,
and the catalog strips it to find the model a snapshot id is a snapshot of. Imported only
when a lookup needs it.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterator

# Not sizes such as -1024 or -0512, which read as MMDD dates.
_SIZES = frozenset({"1024", "0512", "0256", "0128"})


def split_dated(model_id: str) -> tuple[str, tuple[int, int, int]] | None:
    """The family base of a dated id and the date its suffix states, or ``None``.

    The date is ``(year, month, day)`` with ``0`` for a part the suffix leaves out.

    Example:
        >>> split_dated("gpt-4o-2024-08-06")
        ('gpt-4o', (2024, 8, 6))
        >>> split_dated("mistral-medium-2505")
        ('mistral-medium', (2025, 5, 0))
    """
    # The forms, tried in this order; within one, the longest family base wins. Written out
    # rather than as regular expressions: importing `re` and compiling the seven patterns
    # cost a failed lookup more than the lookup itself.
    if "\n" in model_id:  # no id holds one (a pattern's `.` never matched it)
        return None
    for base, rest in _splits(model_id, "-"):  # -YYYYMMDD, Bedrock's -v1:0 after it
        head, tail = rest[:8], rest[8:]
        dated = len(head) == 8 and _year(head[:4]) and head[4:].isdecimal()
        if dated and (not tail or _version(tail)):
            return base, (int(head[:4]), int(head[4:6]), int(head[6:]))
    for base, rest in _splits(model_id, "-"):  # -YYYY-MM-DD
        dashed = len(rest) == 10 and rest[4] == rest[7] == "-" and _year(rest[:4])
        if dashed and rest[5:7].isdecimal() and rest[8:].isdecimal():
            return base, (int(rest[:4]), int(rest[5:7]), int(rest[8:]))
    for base, rest in _splits(model_id, "@"):  # Vertex: @YYYYMMDD, @default, @latest
        if rest in {"default", "latest"}:
            return base, (0, 0, 0)
        if len(rest) == 8 and _year(rest[:4]) and rest[4:].isdecimal():
            return base, (int(rest[:4]), int(rest[4:6]), int(rest[6:]))
    for base, rest in _splits(model_id, "-"):  # Cohere: -MM-YYYY
        if len(rest) == 7 and rest[2] == "-" and _month(rest[:2]) and _year(rest[3:]):
            return base, (int(rest[3:]), int(rest[:2]), 0)
    for base, rest in _splits(model_id, "-"):  # ...-preview-MM-DD
        preview = len(base) > 8 and base.endswith("-preview")
        if preview and len(rest) == 5 and rest[2] == "-" and _month(rest[:2]) and _day(rest[3:]):
            return base, (0, int(rest[:2]), int(rest[3:]))
    for base, rest in _splits(model_id, "-"):  # Mistral: -YYMM, 2023 to 2029
        if len(rest) == 4 and rest[0] == "2" and rest[1] in "3456789" and _month(rest[2:]):
            return base, (2000 + int(rest[:2]), int(rest[2:]), 0)
    for base, rest in _splits(model_id, "-"):  # -MMDD
        if len(rest) == 4 and rest not in _SIZES and _month(rest[:2]) and _day(rest[2:]):
            return base, (0, int(rest[:2]), int(rest[2:]))
    return None


def _splits(model_id: str, sep: str) -> Iterator[tuple[str, str]]:
    # Every split at `sep` with a non-empty base, the longest base first.
    at = model_id.rfind(sep)
    while at >= 1:
        yield model_id[:at], model_id[at + 1 :]
        at = model_id.rfind(sep, 0, at)


def _year(text: str) -> bool:
    # 20 and two digits (digits of any script, as the patterns' \d took them).
    return len(text) == 4 and text[:2] == "20" and text[2:].isdecimal()


def _month(text: str) -> bool:
    return len(text) == 2 and (
        (text[0] == "0" and text[1] in "123456789") or (text[0] == "1" and text[1] in "012")
    )


def _day(text: str) -> bool:
    return len(text) == 2 and (
        (text[0] in "012" and text[1].isdecimal()) or (text[0] == "3" and text[1] in "01")
    )


def _version(tail: str) -> bool:
    # -v<digits>, then :<digits> optionally (Bedrock's -v1:0).
    if not tail.startswith("-v"):
        return False
    number, colon, minor = tail[2:].partition(":")
    return number.isdecimal() and (not colon or minor.isdecimal())
