"""Partial dates keep their precision and text, and sort sensibly."""

from __future__ import annotations

import datetime as dt

import pytest

from llmdex import InvalidDateError, PartialDate


@pytest.mark.parametrize("text", ["2024-04", "2024-04-15", "2025-02-31", "2025-25-11"])
def test_text_survives(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize(
    ("earlier", "later"),
    [("2024-04", "2024-04-01"), ("2024-04-30", "2024-05"), ("2023-12-31", "2024-01")],
)
def test_order(earlier: str, later: str) -> None:
    assert PartialDate.parse(earlier) < PartialDate.parse(later)
    assert PartialDate.parse(later) > PartialDate.parse(earlier)
    assert sorted([PartialDate.parse(later), PartialDate.parse(earlier)])[0] == PartialDate.parse(
        earlier
    )


@pytest.mark.parametrize("text", ["2024", "2024-4", "24-04-01", "2024-04-01T00:00", "", "May"])
def test_malformed_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidDateError, match="YYYY-MM"):
        PartialDate.parse(text)


def test_precision_and_conversion() -> None:
    assert PartialDate.parse("2024-04").precision == "month"
    assert PartialDate.parse("2024-04-15").to_date() == dt.date(2024, 4, 15)
    assert PartialDate.parse("2024-04").to_date() == dt.date(2024, 4, 1)


def test_impossible_dates_are_kept_but_flagged() -> None:
    date = PartialDate.parse("2025-02-31")
    assert not date.is_valid
    with pytest.raises(InvalidDateError):
        date.to_date()
