"""Dates as users write them, and the deadline arithmetic of 整改要求 (months ending on a month's last
day, working days).

Chinese public holidays and the weekends worked in exchange (调休) change every year and are announced
by the State Council, so they are not built in: a county lists them in its facts (``holidays`` and
``workdays``) and every working-day deadline honours them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Collection


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day ``months`` later; a day the target month lacks becomes its last day.

    2026-08-31 + 2 → 2026-10-31; 2026-12-31 + 2 → 2027-02-28; 2027-12-31 + 2 → 2028-02-29.
    """
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


def add_working_days(
    start: dt.date,
    days: int,
    *,
    holidays: Collection[dt.date] = (),
    workdays: Collection[dt.date] = (),
) -> dt.date:
    """The ``days``-th working day after ``start`` (``start`` itself does not count).

    A working day is Monday to Friday unless it is in ``holidays``, or a weekend day listed in
    ``workdays`` (调休上班).
    """
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current, holidays=holidays, workdays=workdays):
            remaining -= 1
    return current


def is_working_day(
    day: dt.date, *, holidays: Collection[dt.date] = (), workdays: Collection[dt.date] = ()
) -> bool:
    """Whether offices are open on ``day``."""
    if day in workdays:
        return True
    return day.weekday() < 5 and day not in holidays


def on_working_day(
    day: dt.date, *, holidays: Collection[dt.date] = (), workdays: Collection[dt.date] = ()
) -> dt.date:
    """``day`` itself when offices are open, else the next day they are (a deadline on a Sunday or in the
    National Day holiday moves to the first working day after it)."""
    while not is_working_day(day, holidays=holidays, workdays=workdays):
        day += dt.timedelta(days=1)
    return day


_DATE_RES = (
    re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"),
    re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})"),
    re.compile(r"(\d{4})\.(\d{1,2})\.(\d{1,2})"),
    re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日"),
)


def parse_date(text: str) -> dt.date | None:
    """2026-03-10, 2026/3/10, 2026.3.10 or 2026年3月10日 → date; None when the form is not a date.

    Raises ValueError when the form is right but the day does not exist (2026-02-30).
    """
    for pattern in _DATE_RES:
        m = pattern.fullmatch(text.strip())
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
    return None


# Dates as official text writes them; templates use these as filters (render/filters.py).


def cn_date(value: dt.date) -> str:
    """2026-03-10 → 2026年3月10日: Arabic numerals, no zero padding (GB/T 9704 7.3.5.4)."""
    _require_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def cn_month(value: dt.date) -> str:
    """2026-03-10 → 2026年3月."""
    _require_date(value)
    return f"{value.year}年{value.month}月"


def cn_date_range(start: dt.date, end: dt.date) -> str:
    """A period as official text writes it: the end's year only when it differs.

    2026-03-10, 2026-05-10 → 2026年3月10日至5月10日; across a year end both years are written.
    """
    _require_date(start)
    _require_date(end)
    if end.year != start.year:
        return f"{cn_date(start)}至{cn_date(end)}"
    return f"{cn_date(start)}至{end.month}月{end.day}日"


def _require_date(value: object) -> None:
    if not isinstance(value, dt.date):
        msg = f"需要一个日期，得到的是“{value}”"
        raise TypeError(msg)
