"""Deadline arithmetic of 整改要求: calendar months that end on a month's last day, and working days."""

import datetime as dt

import pytest

from drafter.core.dates import add_months, add_working_days

D = dt.date


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 6, 10), 2, D(2026, 8, 10)),
        (D(2026, 8, 31), 2, D(2026, 10, 31)),  # the example
        (D(2026, 12, 31), 2, D(2027, 2, 28)),  # February is short
        (D(2027, 12, 31), 2, D(2028, 2, 29)),  # leap year
        (D(2028, 2, 29), 12, D(2029, 2, 28)),  # from a leap day to a common year
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 10, 15), 14, D(2027, 12, 15)),  # over a year end
    ],
)
def test_months_end_on_the_last_day_when_the_day_is_missing(start, months, expected):
    assert add_months(start, months) == expected


def test_working_days_skip_weekends():
    # 2026-06-10 is a Wednesday: Thu and Fri, two full weeks, then Mon, Tue, Wed 7-1 is the 15th.
    assert add_working_days(D(2026, 6, 10), 15) == D(2026, 7, 1)
    assert add_working_days(D(2026, 6, 12), 1) == D(2026, 6, 15)  # Friday → Monday


def test_holidays_are_skipped_and_working_weekends_count():
    national_day = {D(2026, 10, d) for d in (1, 2, 5, 6, 7)}
    # Feedback on Friday 2026-09-25: 9-28, 9-29, 9-30, then the holiday, 10-8, 10-9.
    assert add_working_days(D(2026, 9, 25), 5, holidays=national_day) == D(2026, 10, 9)
    # Saturday 10-10 worked in exchange counts as a working day.
    assert add_working_days(D(2026, 9, 25), 6, holidays=national_day, workdays={D(2026, 10, 10)}) == D(
        2026, 10, 10
    )


def test_zero_working_days_is_the_day_itself():
    assert add_working_days(D(2026, 6, 13), 0) == D(2026, 6, 13)
