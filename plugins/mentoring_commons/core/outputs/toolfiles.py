"""The tools page's downloads: the check-in agenda as Markdown and as a monthly calendar event.

The event is deterministic: its UID and DTSTAMP are constants, so rebuilding the site never
changes the downloads unless the agenda itself changes.
"""

from __future__ import annotations

from ..site.data import SiteData
from ..site.tools import (
    AGENDA,
    AGENDA_MARKDOWN_PATH,
    AGENDA_REVISED,
    CALENDAR_PATH,
    CALENDAR_UID,
    FIRST_MEETING,
    Agenda,
    render_agenda_markdown,
)
from .ical import escape_text, fold

__all__ = ["export_tools", "render_calendar"]


# -- iCalendar ---------------------------------------------------------------------------------


def agenda_text(agenda: Agenda) -> str:
    lines = [agenda.length + " " + agenda.intro, ""]
    lines.append("Each partner in turn:")
    lines += [f"- {item.heading}: {item.prompt}" for item in agenda.per_partner]
    lines.append("")
    lines += [f"{item.heading}: {item.prompt}" for item in agenda.together]
    return "\n".join(lines)


def render_calendar(agenda: Agenda = AGENDA) -> str:
    stamp = AGENDA_REVISED.strftime("%Y%m%dT%H%M%SZ")
    properties = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Mentoring Commons//Check-in agenda//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{CALENDAR_UID}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{FIRST_MEETING.strftime('%Y%m%dT%H%M%S')}",
        "DURATION:PT1H",
        "RRULE:FREQ=MONTHLY;BYDAY=1MO",
        f"SUMMARY:{escape_text(agenda.title)}",
        f"DESCRIPTION:{escape_text(agenda_text(agenda))}",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(p) + "\r\n" for p in properties)



def export_tools(site: SiteData) -> dict[str, str | bytes]:
    return {
        AGENDA_MARKDOWN_PATH: render_agenda_markdown(),
        CALENDAR_PATH: render_calendar().encode("utf-8"),  # bytes: keep the CRLFs exact
    }
