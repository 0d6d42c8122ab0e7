"""Program deadlines as an iCalendar file (RFC 5545): ``calendar/deadlines.ics``.

One all-day event per dated deadline of a published program (a deadline known only as "each
March" has no date to put in a calendar and is left out; one with a date and ``recurring``
repeats yearly). The file is deterministic: UIDs are derived from the program id and the
deadline's label, so a calendar that subscribed keeps the same event when its date moves, and
DTSTAMP is the date the program was last checked (or the deadline itself), never the build
clock. Text is escaped, and lines are folded at 75 octets without splitting a character.
A site with no dated deadline has no calendar file: RFC 5545 requires at least one component.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from ..model.model import Deadline, Program
from ..site.data import SiteData

__all__ = ["CALENDAR_PATH", "deadlines_calendar", "escape_text", "export_calendar", "fold",
           "has_deadlines"]

CALENDAR_PATH = "calendar/deadlines.ics"
PRODID = "-//Mentoring Commons//Program deadlines//EN"
CALENDAR_NAME = "Mentoring Commons: program deadlines"
_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentoring-commons.invalid/deadlines")


def escape_text(value: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon, comma and newlines escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    # Other control characters are not allowed in a content line at all.
    return "".join(ch for ch in value if ch == "\t" or ord(ch) >= 0x20 and ch != "\x7f")


def fold(line: str, limit: int = 75) -> str:
    """Fold a content line into chunks of at most ``limit`` octets (UTF-8), continuation lines
    starting with one space, never splitting a character."""
    chunks: list[str] = []
    current, size = [], 0
    budget = limit
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > budget:
            chunks.append("".join(current))
            current, size = [], 0
            budget = limit - 1  # the leading space of a continuation line counts
        current.append(ch)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks)


def _date(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


def _uid(program: Program, deadline: Deadline) -> str:
    return f"{uuid.uuid5(_UID_NAMESPACE, f'{program.id}/{deadline.label}')}@mentoring-commons"


def _events(site: SiteData) -> Iterator[list[str]]:
    programs = sorted(site.catalog.programs.values(), key=lambda p: p.id)
    dated = sorted(
        ((d.date, p.id, index, p, d) for p in programs for index, d in enumerate(p.deadlines)
         if d.date is not None),
        key=lambda item: item[:3],
    )
    for date, _, _, program, deadline in dated:
        stamp = program.last_checked or date
        description = f"{deadline.label} for {program.name} ({program.sponsor})."
        if deadline.recurring:
            description += f" Recurs {deadline.recurring}."
        description += " Check the program's website before you rely on this date."
        lines = [
            "BEGIN:VEVENT",
            f"UID:{_uid(program, deadline)}",
            f"DTSTAMP:{_date(stamp)}T000000Z",
            f"DTSTART;VALUE=DATE:{_date(date)}",
            f"DTEND;VALUE=DATE:{_date(date + dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(f'{program.name}: {deadline.label}')}",
            f"DESCRIPTION:{escape_text(description)}",
            f"URL:{program.url}",
            "TRANSP:TRANSPARENT",
        ]
        if deadline.recurring:
            lines.append("RRULE:FREQ=YEARLY")
        lines.append("END:VEVENT")
        yield lines


def deadlines_calendar(site: SiteData) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(CALENDAR_NAME)}",
    ]
    for event in _events(site):
        lines.extend(event)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def has_deadlines(site: SiteData) -> bool:
    """Whether the calendar has an event: RFC 5545 requires a calendar to hold at least one
    component, so without a dated deadline there is no file (and nothing links to one)."""
    return next(_events(site), None) is not None


def export_calendar(site: SiteData) -> dict[str, str | bytes]:
    if not has_deadlines(site):
        return {}
    # Bytes, so no platform ever rewrites the CRLF line ends RFC 5545 requires.
    return {CALENDAR_PATH: deadlines_calendar(site).encode("utf-8")}
