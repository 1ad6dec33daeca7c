"""Release-date suffixes in model ids, in every form the models.dev payload shows.

``claude-3-5-sonnet-20241022``, ``gpt-4o-2024-08-06``, Bedrock's ``...-20250929-v1:0``,
Vertex's ``claude-sonnet-4-5@20250929`` (and ``@default``), Cohere's
``command-r-plus-08-2024``, ``gemini-2.5-pro-preview-05-06``, Mistral's ``mistral-medium-2505``
(YYMM) and ``kimi-k2-0905`` (MMDD). The generator groups ids into dated families with it,
and the registry strips it to find the model a snapshot id is a snapshot of. Imported only
when a lookup needs it (it brings ``re``).
"""

from __future__ import annotations

import re

# <base> is the family; y/yy/m/d give the date the id states, which orders a family:
# upstream release dates are sometimes wrong (mistral-large-2512 says 2024-11-01).
_DATED = [
    re.compile(p)
    for p in (
        r"(?P<base>.+)-(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:-v\d+(?::\d+)?)?",
        r"(?P<base>.+)-(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})",
        r"(?P<base>.+)@(?:(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})|default|latest)",
        r"(?P<base>.+)-(?P<m>0[1-9]|1[0-2])-(?P<y>20\d{2})",
        r"(?P<base>.+-preview)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])",
        r"(?P<base>.+)-(?P<yy>2[3-9])(?P<m>0[1-9]|1[0-2])",
        # Not sizes such as -1024 or -0512, which read as MMDD dates.
        r"(?P<base>.+)-(?!1024|0512|0256|0128)(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])",
    )
]


def split_dated(model_id: str) -> tuple[str, tuple[int, int, int]] | None:
    """The family base of a dated id and the date its suffix states, or ``None``.

    The date is ``(year, month, day)`` with ``0`` for a part the suffix leaves out.

    Example:
        >>> split_dated("gpt-4o-2024-08-06")
        ('gpt-4o', (2024, 8, 6))
        >>> split_dated("mistral-medium-2505")
        ('mistral-medium', (2025, 5, 0))
    """
    for pattern in _DATED:
        match = pattern.fullmatch(model_id)
        if match is not None:
            parts = match.groupdict()
            year = int(parts["y"]) if parts.get("y") else 0
            if parts.get("yy"):
                year = 2000 + int(parts["yy"])
            month = int(parts["m"]) if parts.get("m") else 0
            day = int(parts["d"]) if parts.get("d") else 0
            return match.group("base"), (year, month, day)
    return None
