"""An iCalendar (RFC 5545) check for the tests: the file is parsed with the ``icalendar``
package (its own validation finds a calendar without components and missing required
properties, and it records every value it could not parse), then the rules icalendar is
lenient about are checked here: CRLF line ends, lines of at most 75 octets, the properties each
event needs, a UTC DTSTAMP, DTEND and DURATION never together, and UIDs unique in the file."""

from __future__ import annotations

import datetime as dt

import icalendar
from icalendar.error import IncompleteComponent


def ics_problems(data: bytes) -> list[str]:
    """Every problem of an iCalendar file (an empty list when it is valid)."""
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("content lines must end with CRLF (3.1)")
    for number, line in enumerate(data.split(b"\r\n"), start=1):
        if len(line) > 75:
            problems.append(f"line {number} is longer than 75 octets (3.1)")
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number} has a bare LF or CR (3.1)")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        return [*problems, f"icalendar cannot parse it: {error}"]
    try:
        calendar.validate()
    except IncompleteComponent as error:
        problems.append(f"icalendar: {error}")
    for name in ("PRODID", "VERSION"):
        if name not in calendar:
            problems.append(f"VCALENDAR has no {name} (3.6)")
    uids: list[str] = []
    for component in calendar.walk():
        problems += [f"{component.name} {prop}: {error}" for prop, error in component.errors]
        if component.name != "VEVENT":
            continue
        for name in ("UID", "DTSTAMP", "DTSTART"):
            if name not in component:
                problems.append(f"VEVENT has no {name} (3.6.1)")
        if "DTEND" in component and "DURATION" in component:
            problems.append("VEVENT has both DTEND and DURATION (3.6.1)")
        stamp = component.get("DTSTAMP")
        if stamp is not None:
            value = getattr(stamp, "dt", None)
            if not isinstance(value, dt.datetime) or value.utcoffset() != dt.timedelta(0):
                problems.append(f"DTSTAMP {stamp!r} is not a UTC date-time (3.8.7.2)")
        uids.append(str(component.get("UID")))
    problems += [f"UID {uid} appears twice" for uid in set(uids) if uids.count(uid) > 1]
    return problems
