"""Parse the dates biographies write ("12 March 1987", "March 12, 1987", "1987") into ISO strings."""
from __future__ import annotations

import calendar
import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s*,?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(\d{{4}})\b", re.I)
MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b", re.I)
YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")


def parse_date(text: str) -> tuple[str, int, int] | None:
    """The first date in ``text`` as (ISO string, start, end), most precise form first."""
    found = []
    for pattern, build in (
        (DAY_MONTH_YEAR, lambda m: (int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)))),
        (MONTH_DAY_YEAR, lambda m: (int(m.group(3)), MONTHS[m.group(1).lower()], int(m.group(2)))),
        (MONTH_YEAR, lambda m: (int(m.group(2)), MONTHS[m.group(1).lower()], None)),
        (YEAR, lambda m: (int(m.group(1)), None, None)),
    ):
        match = pattern.search(text)
        if match:
            year, month, day = build(match)
            if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
                continue  # "31 February": the month-and-year reading stands
            iso = f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
            found.append((match.start(), -len(iso), iso, match.end()))
    if not found:
        return None
    start, _, iso, end = min(found)
    return iso, start, end


def year_of(iso: str) -> int | None:
    match = re.match(r"(\d{4})", iso or "")
    return int(match.group(1)) if match else None
