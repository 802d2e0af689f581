"""When was a cable written, and which Executive Order governed it then.

The cable date comes from metadata (``created``) when a sidecar gives it, else from the
year of the WikiLeaks id in the file name (``09LIMA1659`` -> 2009), as a (earliest, latest)
window. When neither is known the date-dependent checks stay silent: a guess from the
DECL date itself would make "DECL after the cable date" true by construction.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import PurePath

_CREATED = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_ID_YEAR = re.compile(r"^(\d{2})[A-Z]{3,}")

# Executive Orders that governed classification, with the dates they applied.
ORDERS = {
    "11652": (date(1972, 6, 1), date(1978, 11, 30)),
    "12065": (date(1978, 12, 1), date(1982, 7, 31)),
    "12356": (date(1982, 8, 1), date(1995, 10, 13)),
    "12958": (date(1995, 10, 14), date(2010, 6, 26)),
    "13526": (date(2010, 6, 27), date(2099, 12, 31)),
}
CHANGEOVER_SLACK = timedelta(days=45)  # drafters kept old templates for a few weeks
AMENDMENT_13292 = date(2003, 3, 25)  # reasons moved from section 1.5 to 1.4


def cable_window(metadata: dict, path: str) -> tuple[date, date, str] | None:
    """(earliest, latest, source) of the cable date, or None when unknown."""
    created = metadata.get("created") if metadata else None
    if isinstance(created, str) and (match := _CREATED.match(created)):
        try:
            day = date(*(int(group) for group in match.groups()))
        except ValueError:
            day = None
        if day is not None:
            return day, day, f"metadata created {created.strip()}"
    stem = PurePath(path).stem
    if (match := _ID_YEAR.match(stem)) is not None:
        yy = int(match.group(1))
        year = 1900 + yy if yy >= 60 else 2000 + yy
        return date(year, 1, 1), date(year, 12, 31), f"year {year} of the cable id {stem}"
    return None


def order_misfit(order: str, window: tuple[date, date, str]) -> tuple[date, date] | None:
    """The order's (start, end) when the whole cable window lies outside it (with slack)."""
    span = ORDERS.get(order)
    if span is None:
        return None
    start, end = span
    earliest, latest, _ = window
    if latest < start - CHANGEOVER_SLACK or earliest > end + CHANGEOVER_SLACK:
        return span
    return None
