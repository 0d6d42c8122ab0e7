"""Tools for mentoring pairs: the check-in agenda as Markdown and as a monthly .ics event
(parsed back here with a small RFC 5545 reader), and the "no committee" worksheet."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import TODAY
from finding_support import article, build_once
from mentoring_commons.core.outputs.ical import escape_text as ics_escape
from mentoring_commons.core.outputs.ical import fold
from mentoring_commons.core.outputs.toolfiles import render_calendar
from mentoring_commons.core.site.tools import (
    AGENDA,
    AGENDA_MARKDOWN_PATH,
    CALENDAR_PATH,
    EXAMPLES,
    render_agenda_markdown,
    yes_cost,
)


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])",
                  lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_ics(data: bytes) -> list[dict]:
    """A strict little reader: CRLF lines of at most 75 octets, folding undone, components
    nested and closed, ``NAME[;PARAMS]:VALUE`` on every line. Returns the components, each a
    dict of property name -> (params, value) with a "_type" and "_parent"."""
    assert data.endswith(b"\r\n"), "content lines end with CRLF"
    physical = data[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, f"line longer than 75 octets: {line!r}"
        assert b"\n" not in line and b"\r" not in line
    logical: list[str] = []
    for raw in physical:
        text = raw.decode("utf-8")  # each folded piece is whole characters
        if text[:1] in (" ", "\t"):
            assert logical, "a continuation line cannot come first"
            logical[-1] += text[1:]
        else:
            logical.append(text)
    stack: list[dict] = []
    done: list[dict] = []
    for line in logical:
        match = re.fullmatch(r"([A-Z][A-Z0-9-]*)((?:;[^:]*)?):(.*)", line)
        assert match, f"not a content line: {line!r}"
        name, params, value = match.groups()
        if name == "BEGIN":
            stack.append({"_type": value, "_parent": stack[-1]["_type"] if stack else None})
        elif name == "END":
            assert stack and stack[-1]["_type"] == value, f"END:{value} closes nothing"
            done.append(stack.pop())
        else:
            assert stack, f"{name} outside any component"
            assert name not in stack[-1], f"{name} twice"
            stack[-1][name] = (params, value)
    assert not stack, "unclosed component"
    return done


def test_calendar_parses_back_as_one_monthly_event():
    data = render_calendar(dt.date(2026, 6, 1)).encode("utf-8")
    components = parse_ics(data)
    calendar = next(c for c in components if c["_type"] == "VCALENDAR")
    assert calendar["VERSION"][1] == "2.0" and calendar["PRODID"][1]
    (event,) = [c for c in components if c["_type"] == "VEVENT"]
    assert event["_parent"] == "VCALENDAR"
    assert re.fullmatch(r"[0-9a-f-]{36}@mentoring-commons", event["UID"][1])
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"][1])
    assert event["DTSTAMP"][1] == "20260601T000000Z"  # the build's month, never its clock
    assert event["DTSTART"][1] == "20260706T160000"  # floating: 4 pm wherever it is imported
    rule = dict(part.split("=") for part in event["RRULE"][1].split(";"))
    assert rule == {"FREQ": "MONTHLY", "BYDAY": "1MO"}
    assert event["DURATION"][1] == "PT1H"
    assert unescape(event["SUMMARY"][1]) == AGENDA.title
    description = unescape(event["DESCRIPTION"][1])
    for item in (*AGENDA.per_partner, *AGENDA.together):
        assert f"{item.heading}: {item.prompt}" in description
    assert "\n" in description and "," in description  # escaped on the way, restored here
    assert render_calendar(dt.date(2026, 6, 1)) == render_calendar(dt.date(2026, 6, 1))


def test_escaping_and_folding_round_trip():
    text = 'Back\\slash; semi, comma\nnew line and "quotes"'
    assert unescape(ics_escape(text)) == text
    assert ics_escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "DESCRIPTION:" + "é" * 80 + "x" * 50  # two-octet characters across a fold
    folded = fold(line)
    pieces = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in pieces)
    assert all(p.startswith(" ") for p in pieces[1:])
    assert pieces[0] + "".join(p[1:] for p in pieces[1:]) == line
    assert fold("SHORT:line") == "SHORT:line"


def test_agenda_markdown_has_both_partners_and_every_heading():
    text = render_agenda_markdown()
    assert text.startswith(f"# {AGENDA.title}\n")
    assert text.count("## Partner 1") == 1 and text.count("## Partner 2") == 1
    for heading in ("Achievements", "Goals", "Upcoming events and opportunities"):
        assert text.count(f"### {heading}") == 2
    assert "## Anything else" in text and "## Before next time" in text
    # what the editors changed or added is said in the file itself
    assert 'The case study\'s heading was "Upcoming Conferences"' in text
    assert "- Before next time: Suggestion from the editors" in text


def test_yes_cost_matches_the_case_study_example():
    # An hour a month for six months is six to twelve hours, with up to an hour's preparation.
    assert yes_cost(1, 6, 0) == 6 and yes_cost(1, 6, 1) == 12
    assert [e.shown["total"] for e in EXAMPLES] == ["6", "12", "22.5", "7.5", "15"]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("tools"), {})


def test_tools_page_offers_both_downloads_and_a_worksheet_that_works_without_js(built):
    page = article(built, "tools/index.html")
    links = {a.attrs["download"]: a.attrs["href"] for a in page.select("a[download]")}
    assert links == {"check-in-agenda.md": "../downloads/check-in-agenda.md.txt",
                     "check-in.ics": "../downloads/check-in.ics"}
    assert (built.site_dir / AGENDA_MARKDOWN_PATH).read_text(encoding="utf-8") == (
        render_agenda_markdown())
    ics = (built.site_dir / CALENDAR_PATH).read_bytes()
    assert ics == render_calendar(dt.date.fromisoformat(TODAY)).encode("utf-8")
    assert parse_ics(ics)
    # The page gives the date the file starts from: the month after the build (TODAY).
    assert "from 6 July 2026, with the agenda" in page.text
    # Not turned into a page: MkDocs renders .md files, so the Markdown is served as .txt.
    assert not (built.site_dir / "downloads/check-in-agenda").exists()
    # Without JavaScript: the formula and the worked examples; the live form stays hidden.
    assert "number of meetings × (hours per meeting + hours of preparation" in page.text
    rows = page.select(".mc-worksheet__examples tbody tr")
    assert [r.select("td")[-1].text for r in rows] == ["6", "12", "22.5", "7.5", "15"]
    form = page.one("form[data-mc-worksheet]")
    assert "hidden" in form.attrs
    assert form.one("output").text == "12"
    # A submit button (HTML_CodeSniffer H32.2): Enter or the button works it out again.
    assert form.one("button[type=submit]").text == "Work it out"
    assert {i.attrs["name"] for i in form.select("input")} == {"hours", "meetings",
                                                               "preparation"}
    for field in form.select("input"):
        assert page.one(f"label[for={field.attrs['id']}]").text
