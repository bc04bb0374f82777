"""Partial dates ("2021", "2021-09", "2021-09-07") as day ranges, and office-holder selection."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ._model import Actor, Tenure

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

# Which office wins when two people answering to the same name both hold one on the date.
ROLE_RANK = {
    "head of state": 0,
    "supreme leader": 0,
    "head of government": 1,
    "foreign minister": 2,
    "igo head": 2,
    "defence minister": 3,
    "vice president": 3,
    "crown prince": 3,
    "speaker": 4,
    "military": 4,
    "armed group": 4,
    "opposition": 5,
    "other": 6,
}


def period(text: str) -> tuple[dt.date, dt.date]:
    """First and last day covered by a partial date."""
    m = _DATE_RE.match(text.strip())
    if not m:
        raise ValueError(f"not a date: {text!r}")
    year = int(m.group(1))
    if m.group(2) is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    month = int(m.group(2))
    if m.group(3) is None:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    day = dt.date(year, month, int(m.group(3)))
    return day, day


def parse_when(when: str | None) -> tuple[dt.date, dt.date] | None:
    if not when:
        return None
    try:
        return period(when)
    except ValueError:
        return None


def _gap(t: Tenure, lo: dt.date, hi: dt.date) -> int:
    """Days between an office and the period (0 when they overlap)."""
    if t.start > hi:
        return (t.start - hi).days
    if t.end is not None and t.end < lo:
        return (lo - t.end).days
    return 0


def select(tenures: tuple[Tenure, ...], when: tuple[dt.date, dt.date] | None) -> Actor:
    """The office a name refers to: held on the date, else the nearest in time; by role rank on ties."""
    if when is None:
        # No date: the current office holder, else the most recent.
        return min(
            tenures,
            key=lambda t: (t.end is not None, -(t.end or t.start).toordinal(), ROLE_RANK.get(t.role, 9)),
        ).actor
    lo, hi = when
    return min(tenures, key=lambda t: (_gap(t, lo, hi), ROLE_RANK.get(t.role, 9))).actor
