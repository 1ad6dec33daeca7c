"""Dated ids: ``split_dated`` reads exactly the forms these patterns describe.

The patterns are the specification (one per form the models.dev payload shows, tried in
order, the longest family base winning); the runtime parses without regular expressions so
that a lookup never imports ``re``. Hypothesis draws ids made of date-like pieces.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from llmdex.resolution.dated_ids import split_dated

FORMS = [
    re.compile(p)
    for p in (
        r"(?P<base>.+)-(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})(?:-v\d+(?::\d+)?)?",
        r"(?P<base>.+)-(?P<y>20\d{2})-(?P<m>\d{2})-(?P<d>\d{2})",
        r"(?P<base>.+)@(?:(?P<y>20\d{2})(?P<m>\d{2})(?P<d>\d{2})|default|latest)",
        r"(?P<base>.+)-(?P<m>0[1-9]|1[0-2])-(?P<y>20\d{2})",
        r"(?P<base>.+-preview)-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])",
        r"(?P<base>.+)-(?P<yy>2[3-9])(?P<m>0[1-9]|1[0-2])",
        r"(?P<base>.+)-(?!1024|0512|0256|0128)(?P<m>0[1-9]|1[0-2])(?P<d>[0-2]\d|3[01])",
    )
]


def specified(model_id: str) -> tuple[str, tuple[int, int, int]] | None:
    for pattern in FORMS:
        match = pattern.fullmatch(model_id)
        if match is not None:
            parts = match.groupdict()
            year = 2000 + int(parts["yy"]) if parts.get("yy") else int(parts.get("y") or 0)
            return match["base"], (year, int(parts.get("m") or 0), int(parts.get("d") or 0))
    return None


@pytest.mark.parametrize(
    ("model_id", "expected"),
    [
        ("claude-3-5-sonnet-20241022", ("claude-3-5-sonnet", (2024, 10, 22))),
        (
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            ("anthropic.claude-sonnet-4-5", (2025, 9, 29)),
        ),
        ("gpt-4o-2024-08-06", ("gpt-4o", (2024, 8, 6))),
        ("claude-sonnet-4-5@20250929", ("claude-sonnet-4-5", (2025, 9, 29))),
        ("claude-opus-4-6@default", ("claude-opus-4-6", (0, 0, 0))),
        ("command-r-plus-08-2024", ("command-r-plus", (2024, 8, 0))),
        ("gemini-2.5-pro-preview-05-06", ("gemini-2.5-pro-preview", (0, 5, 6))),
        ("mistral-medium-2505", ("mistral-medium", (2025, 5, 0))),
        ("kimi-k2-0905", ("kimi-k2", (0, 9, 5))),
        ("text-embedding-1024", None),
        ("gpt-4o", None),
    ],
)
def test_each_form(model_id: str, expected: object) -> None:
    assert split_dated(model_id) == specified(model_id) == expected


_PIECES = st.sampled_from(
    [
        "-20241022",
        "-2024-08-06",
        "@20250929",
        "@default",
        "@latest",
        "-08-2024",
        "-preview",
        "-05-06",
        "-2505",
        "-0905",
        "-1024",
        "-v1:0",
        "-v2",
        "-v",
        ":",
        "-13",
        "-0000",
        "-3101",
        "-0132",
        "-20",
        "@",
        "-",
        "a",
        "9",
        "\u0662",
        "\n",
    ]
)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=3), max_size=6).map("".join))
def test_any_id_is_read_as_the_patterns_read_it(model_id: str) -> None:
    assert split_dated(model_id) == specified(model_id)
