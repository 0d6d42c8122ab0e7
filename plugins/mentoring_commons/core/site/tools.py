"""Tools for mentoring pairs and groups: a check-in agenda and a "no committee" worksheet.

Both come from the case study of a cross-institution peer mentoring pair (retold in this
project's own words). The agenda is one structure rendered three ways: on the tools page, as a
Markdown file to copy into a shared document, and as a monthly recurring calendar event
(iCalendar, RFC 5545).

The calendar event starts in the month after the build date (``first_meeting``), so a file
downloaded from a current site never starts in the past. Everything in it derives from the
build's month and the agenda, never the clock's time of day: every build of the same content
in one month writes the same bytes, and a build whose date is pinned (the commons plugin's
``today``, or ``SOURCE_DATE_EPOCH`` as reproducible builds set it: ``build_date``) always does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .data import PagePlan, SiteData

__all__ = [
    "AGENDA",
    "AGENDA_MARKDOWN_PATH",
    "CALENDAR_PATH",
    "EXAMPLES",
    "Agenda",
    "WorksheetExample",
    "build_date",
    "calendar_stamp",
    "first_meeting",
    "plan_tools",
    "render_agenda_markdown",
    "yes_cost",
]

# The Markdown is written with a .txt suffix: a .md file in the site is a page to MkDocs. The
# tools page's link carries download="check-in-agenda.md", so browsers save it under that name.
AGENDA_MARKDOWN_PATH = "downloads/check-in-agenda.md.txt"
AGENDA_MARKDOWN_NAME = "check-in-agenda.md"
CALENDAR_PATH = "downloads/check-in.ics"
CALENDAR_NAME = "check-in.ics"

# The meetings: the first Monday of each month at 4 pm, floating local time, so they land at
# 4 pm wherever each partner imports the file.
MEETING_TIME = dt.time(16, 0)


def build_date(today: dt.date | None, environ: Mapping[str, str]) -> dt.date:
    """The date a build is made for: the commons plugin's ``today`` when set, else the UTC date
    of ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org/specs/source-date-epoch/), else
    the clock's UTC date. Raises ValueError for a malformed ``SOURCE_DATE_EPOCH``."""
    if today is not None:
        return today
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not epoch.isdigit():
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds "
                             "since 1970-01-01 UTC")
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is past the year 9999") from None
    return dt.datetime.now(dt.UTC).date()


def first_meeting(built: dt.date) -> dt.datetime:
    """The first Monday of the month after ``built``, at the meeting time (floating)."""
    year, month = divmod(built.year * 12 + built.month, 12)  # the next month, 0-based
    if year > dt.MAXYEAR:  # December 9999 has no next month: start in its own
        year, month = dt.MAXYEAR, 11
    first = dt.date(year, month + 1, 1)
    return dt.datetime.combine(first + dt.timedelta(days=-first.weekday() % 7), MEETING_TIME)


def calendar_stamp(built: dt.date) -> dt.datetime:
    """The calendar's DTSTAMP: the first moment of the build's month, UTC (a build later in the
    month writes the same file)."""
    return dt.datetime(built.year, built.month, 1, tzinfo=dt.UTC)

SOURCE_REFERENCE = "case-study-peer-mentoring"
RELATED_RECOMMENDATIONS = (
    "keep-a-simple-check-in-agenda",
    "hold-regular-check-ins",
    "be-each-others-no-committee",
    "be-mindful-of-the-labour-you-ask-for",
)
RELATED_TERMS = ("no-committee", "accountability-buddy", "vocational-awe")


@dataclass(frozen=True, slots=True)
class AgendaItem:
    heading: str
    prompt: str
    # The case study's own heading, where the editors changed it (so it fits any library job).
    adapted_from: str | None = None
    # True for an item the editors added: the case study's agenda does not have it.
    editorial: bool = False

    @property
    def editors_note(self) -> str | None:
        """What the editors changed, in words, for every place the agenda is shown."""
        if self.editorial:
            return "Suggestion from the editors: the case study's agenda does not have this item."
        if self.adapted_from:
            return (f"The case study's heading was \"{self.adapted_from}\"; the editors widened "
                    "it to fit any library job.")
        return None


@dataclass(frozen=True, slots=True)
class Agenda:
    title: str
    length: str
    intro: str
    per_partner: tuple[AgendaItem, ...]
    together: tuple[AgendaItem, ...]


AGENDA = Agenda(
    title="Monthly peer mentoring check-in",
    length="About an hour, once a month.",
    intro=(
        "Take turns: one partner goes through the three headings, then the other. Keep the "
        "notes in one shared document that both of you can open from the calendar invitation, "
        "so each check-in starts where the last one ended."
    ),
    per_partner=(
        AgendaItem("Achievements",
                   "What have you finished, submitted, learned or said no to since last time? "
                   "Small steps count."),
        AgendaItem("Goals",
                   "What will you work on before the next check-in, and where are you stuck?"),
        AgendaItem("Upcoming events and opportunities",
                   "Which events, training, conferences, calls for proposals or application "
                   "deadlines are coming up, and could one of them suit the other partner too?",
                   adapted_from="Upcoming Conferences"),
    ),
    together=(
        AgendaItem("Anything else",
                   "Articles worth passing on, news from your workplaces, a \"what would you "
                   "do?\" question, and any invitation one of you is weighing up."),
        AgendaItem("Before next time",
                   "Confirm the next date and note who will do what.", editorial=True),
    ),
)


def render_agenda_markdown(agenda: Agenda = AGENDA) -> str:
    lines = [f"# {agenda.title}", "", agenda.length + " " + agenda.intro, "",
             "Date: ", "", "Partners: ", ""]
    for partner in ("Partner 1", "Partner 2"):
        lines += [f"## {partner}: (name)", ""]
        for item in agenda.per_partner:
            lines += [f"### {item.heading}", "", f"_{item.prompt}_", "", "- ", ""]
    for item in agenda.together:
        lines += [f"## {item.heading}", "", f"_{item.prompt}_", "", "- ", ""]
    lines += ["---", "",
              "From the Mentoring Commons tools page; adapted from a case study of two "
              "academic librarians at different institutions who kept this agenda for their "
              "monthly check-ins.", ""]
    lines += [f"- {item.heading}: {item.editors_note}"
              for item in (*agenda.per_partner, *agenda.together) if item.editors_note]
    return "\n".join(lines) + ("\n" if lines[-1] else "")


# -- the "no committee" worksheet --------------------------------------------------------------


def yes_cost(hours_per_meeting: float, meetings: float, preparation: float) -> float:
    """The hours a yes costs: every meeting, plus the preparation each one needs."""
    return meetings * (hours_per_meeting + preparation)


def hours(value: float) -> str:
    """6.0 -> '6', 7.5 -> '7.5', 0.25 -> '0.25'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


@dataclass(frozen=True, slots=True)
class WorksheetExample:
    request: str
    hours_per_meeting: float
    meetings: int
    preparation: float
    from_source: bool = False  # the case study's own example; the others are the editors'

    @property
    def total(self) -> float:
        return yes_cost(self.hours_per_meeting, self.meetings, self.preparation)

    @property
    def shown(self) -> dict[str, str]:
        return {"hours": hours(self.hours_per_meeting), "meetings": str(self.meetings),
                "preparation": hours(self.preparation), "total": hours(self.total)}


EXAMPLES = (
    WorksheetExample("A committee that meets for an hour a month for six months, "
                     "with no reading between meetings", 1, 6, 0, from_source=True),
    WorksheetExample("The same committee, with an hour of preparation before each meeting",
                     1, 6, 1, from_source=True),
    WorksheetExample("A working group that meets weekly for 15 weeks, "
                     "with half an hour of follow-up each week", 1, 15, 0.5),
    WorksheetExample("A one-off session you are asked to run, such as a training or a "
                     "workshop: 90 minutes in the room and six hours to prepare", 1.5, 1, 6),
    WorksheetExample("Judging applications for an award or a grant: three one-hour calls, "
                     "four hours of reading before each", 1, 3, 4),
)


def plan_tools(site: SiteData) -> list[PagePlan]:
    cat = site.catalog
    return [PagePlan(
        "tools.md", "Tools for mentoring pairs and groups", "commons/tools.html",
        "A check-in agenda to download or add to your calendar, and a worksheet that shows "
        "what a yes to a new commitment costs.",
        context={
            "agenda": AGENDA,
            "examples": EXAMPLES,
            "downloads": {
                "markdown": AGENDA_MARKDOWN_PATH, "markdown_name": AGENDA_MARKDOWN_NAME,
                "calendar": CALENDAR_PATH, "calendar_name": CALENDAR_NAME,
            },
            "first_meeting": first_meeting(site.build_date),
            "recommendations": [r for r in RELATED_RECOMMENDATIONS if r in cat.recommendations],
            "terms": [t for t in RELATED_TERMS if t in cat.glossary],
            "source": SOURCE_REFERENCE if SOURCE_REFERENCE in cat.references else None,
        },
    )]
