"""Every .ics the site publishes is valid RFC 5545 (parsed with icalendar, tests/icscheck.py);
the deadlines calendar exists only when it has an event; the check-in calendar starts in the
month after the build date, the same file all month, with a UID of its own per file."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import PROGRAM, build_fails, mkdocs_yml
from finding_support import build_once
from icalendar import Calendar
from icscheck import ics_problems
from mentoring_commons.core.outputs.toolfiles import render_calendar
from mentoring_commons.core.site.tools import build_date, calendar_stamp, first_meeting

DEADLINE = """\
deadlines:
  - label: Applications
    date: 2026-09-01
    recurring: each September
last_checked: 2026-02-01
"""


def event(data: bytes):
    (only,) = Calendar.from_ical(data).walk("VEVENT")
    return only


@pytest.fixture(scope="module")
def with_deadline(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("ics-deadline"),
                      {"content/programs/lunch-club.yml": PROGRAM + DEADLINE})


@pytest.fixture(scope="module")
def without_deadline(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("ics-none"), {})


def test_every_published_calendar_is_valid(with_deadline, without_deadline):
    found = {}
    for site in (with_deadline, without_deadline):
        for path in sorted(site.site_dir.rglob("*.ics")):
            found[path.relative_to(site.site_dir).as_posix()] = True
            assert ics_problems(path.read_bytes()) == [], path
    assert set(found) == {"calendar/deadlines.ics", "downloads/check-in.ics"}


def test_the_check_finds_what_rfc_5545_forbids():
    good = render_calendar(dt.date(2026, 6, 1)).encode("utf-8")
    assert ics_problems(good) == []
    empty = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nEND:VCALENDAR\r\n"
    broken = {
        "no component": empty,
        "LF line ends": good.replace(b"\r\n", b"\n"),
        "no UID": b"\r\n".join(line for line in good.split(b"\r\n")
                               if not line.startswith(b"UID:")),
        "a local DTSTAMP": good.replace(b"T000000Z", b"T000000"),
        "a bad date": good.replace(b"DTSTART:2026", b"DTSTART:20X6"),
        "DTEND beside DURATION": good.replace(b"DURATION:PT1H",
                                              b"DURATION:PT1H\r\nDTEND:20270101T000000"),
    }
    for name, data in broken.items():
        assert ics_problems(data), name


def test_no_deadline_no_calendar_and_no_link_to_one(with_deadline, without_deadline):
    assert not (without_deadline.site_dir / "calendar").exists()
    index = json.loads((without_deadline.site_dir / "export/index.json").read_text("utf-8"))
    assert "calendar" not in index
    for path in without_deadline.site_dir.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".atom"):
            assert "deadlines.ics" not in path.read_text("utf-8"), path
    index = json.loads((with_deadline.site_dir / "export/index.json").read_text("utf-8"))
    assert index["calendar"] == "../calendar/deadlines.ics"
    assert event((with_deadline.site_dir / "calendar/deadlines.ics").read_bytes())[
        "SUMMARY"] == "Lunch Club: Applications"


# -- the check-in calendar: when it starts ---------------------------------------------------


@pytest.mark.parametrize(("built", "first"), [
    ("2026-06-01", "2026-07-06"),  # July 2026 starts on a Wednesday
    ("2026-06-30", "2026-07-06"),
    ("2026-12-15", "2027-01-04"),  # across the year
    ("2026-01-31", "2026-02-02"),
    ("2027-01-10", "2027-02-01"),  # a month that starts on a Monday
    ("9999-12-31", "9999-12-06"),  # no next month: its own month, and no crash
])
def test_the_first_meeting_is_the_first_monday_of_the_next_month(built, first):
    start = first_meeting(dt.date.fromisoformat(built))
    assert start == dt.datetime.combine(dt.date.fromisoformat(first), dt.time(16))
    assert start.weekday() == 0 and start.tzinfo is None  # floating: 4 pm where imported


def test_one_file_all_month_and_a_new_uid_for_a_new_file():
    june = [render_calendar(dt.date(2026, 6, day)) for day in (1, 15, 30)]
    assert june[0] == june[1] == june[2]  # byte-identical whatever the day of the month
    july = render_calendar(dt.date(2026, 7, 2))
    assert event(july.encode())["DTSTART"].dt == dt.datetime(2026, 8, 3, 16)
    assert event(july.encode())["UID"] != event(june[0].encode())["UID"]
    assert event(june[0].encode())["DTSTAMP"].dt == calendar_stamp(dt.date(2026, 6, 9))
    assert event(june[0].encode())["DTSTAMP"].dt == dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


def test_the_build_date_is_today_then_source_date_epoch_then_the_clock():
    epoch = {"SOURCE_DATE_EPOCH": "1780000000"}  # 2026-05-28 20:26:40 UTC
    assert build_date(dt.date(2026, 1, 2), epoch) == dt.date(2026, 1, 2)
    assert build_date(None, epoch) == dt.date(2026, 5, 28)
    assert build_date(None, {}) == dt.datetime.now(dt.UTC).date()
    for bad in ("yesterday", "-5", "1e9", "99999999999999999"):
        with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
            build_date(None, {"SOURCE_DATE_EPOCH": bad})


def test_a_build_starts_the_check_in_from_source_date_epoch(make_site, monkeypatch):
    site = make_site()
    site.write("mkdocs.yml", mkdocs_yml().replace('      today: "2026-06-01"\n', ""))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")  # 2026-05-28
    site.build()
    data = (site.site_dir / "downloads/check-in.ics").read_bytes()
    assert ics_problems(data) == []
    assert event(data)["DTSTART"].dt == dt.datetime(2026, 6, 1, 16)
    assert "from 1 June 2026" in " ".join(site.html("tools/index.html").split())


def test_a_malformed_source_date_epoch_is_refused_without_a_traceback(make_site, caplog,
                                                                       monkeypatch):
    site = make_site()
    site.write("mkdocs.yml", mkdocs_yml().replace('      today: "2026-06-01"\n', ""))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    build_fails(site, caplog)
    assert "SOURCE_DATE_EPOCH='soon' is not a whole number" in caplog.text
    assert "Traceback" not in caplog.text and not site.site_dir.exists()
