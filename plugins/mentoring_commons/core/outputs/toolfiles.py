"""The tools page's downloads: the check-in agenda as Markdown and as a monthly calendar event.

The event starts on the first Monday of the month after the build date and repeats monthly
(site/tools.py says why and how the date is chosen). Its UID is derived from everything else
in the file, so each different file has a UID of its own (a file made next month is a new
series in the reader's calendar, not a silent rewrite of the one imported earlier), while
rebuilding the same file gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import uuid

from ..site.data import SiteData
from ..site.tools import (
    AGENDA,
    AGENDA_MARKDOWN_PATH,
    CALENDAR_PATH,
    Agenda,
    calendar_stamp,
    first_meeting,
    render_agenda_markdown,
)
from .ical import escape_text, fold

__all__ = ["export_tools", "render_calendar"]

_UID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentoring-commons.invalid/check-in")


# -- iCalendar ---------------------------------------------------------------------------------


def agenda_text(agenda: Agenda) -> str:
    lines = [agenda.length + " " + agenda.intro, ""]
    lines.append("Each partner in turn:")
    lines += [f"- {item.heading}: {item.prompt}" for item in agenda.per_partner]
    lines.append("")
    lines += [f"{item.heading}: {item.prompt}" for item in agenda.together]
    return "\n".join(lines)


def render_calendar(built: dt.date, agenda: Agenda = AGENDA) -> str:
    """The check-in calendar of a site built on ``built``."""
    event = [
        f"DTSTAMP:{calendar_stamp(built).strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART:{first_meeting(built).strftime('%Y%m%dT%H%M%S')}",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY;BYDAY=1MO",
        f"SUMMARY:{escape_text(agenda.title)}",
        f"DESCRIPTION:{escape_text(agenda_text(agenda))}",
        "TRANSP:OPAQUE",
    ]
    uid = str(uuid.uuid5(_UID_NAMESPACE, "\n".join(event))) + "@mentoring-commons"
    properties = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mentoring Commons//Check-in agenda//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        *event,
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(p) + "\r\n" for p in properties)


def export_tools(site: SiteData) -> dict[str, str | bytes]:
    return {
        AGENDA_MARKDOWN_PATH: render_agenda_markdown(),
        # Bytes: keep the CRLFs exact.
        CALENDAR_PATH: render_calendar(site.build_date).encode("utf-8"),
    }
