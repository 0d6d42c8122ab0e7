"""Checks beyond single fields: contact details, consent dates, glossary clashes, unsafe HTML."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from ..load.catalog import Catalog
from ..load.recordmemo import RecordMemo
from ..model.fields import invisible_problem
from ..model.model import Consent, Narrative, Page
from ..source.diagnostics import Report
from .characters import invisible_characters
from .markup import BodyProblem, MarkdownRenderer, check_body
from .markupcost import costly_markdown

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# Phone numbers: 9+ digits with the usual separators, optionally a leading +. Years and
# ranges ("2019-2021") have fewer digits, so they do not match.
PHONE = re.compile(r"(?<!\w)\+?\(?\d[\d\s().-]{7,}\d(?!\w)")


# Numbers that look like phone numbers but are not, blanked out before phones are looked for.
# ISBNs and ISSNs must carry a valid check digit, and a ten-digit ISBN the label "ISBN" too
# (one ten-digit phone number in eleven has a valid ISBN check digit); DOIs start "10." and a
# slash; year ranges are two years from 1000 to 2999 joined by a hyphen, dash or slash.
_ISBN = re.compile(r"(?<![\w-])(?:97[89][- ]?)?\d{1,5}[- ]?\d{1,7}[- ]?\d{1,7}[- ]?[\dX](?![\w-])")
_ISSN = re.compile(r"(?<![\w-])\d{4}-\d{3}[\dX](?![\w-])")
_DOI = re.compile(r"\b10\.\d{4,9}/\S+")
_YEAR_RANGE = re.compile(r"(?<!\d)[12]\d{3}\s?[-–—/]\s?(?:[12]\d{3}|\d{2})(?!\d)")


_ISBN_LABEL = re.compile(r"ISBN(?:-1[03])?:?\s*$", re.IGNORECASE)


def _isbn_valid(text: str, before: str) -> bool:
    digits = [c for c in text.upper() if c.isdigit() or c == "X"]
    if len(digits) == 13 and "X" not in digits and "".join(digits[:3]) in ("978", "979"):
        total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
        return total % 10 == 0
    if len(digits) == 10 and "X" not in digits[:9] and _ISBN_LABEL.search(before[-12:]):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        return total % 11 == 0
    return False


def _issn_valid(text: str) -> bool:
    digits = text.replace("-", "").upper()
    total = sum((8 - i) * int(d) for i, d in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


def _not_phones(line: str) -> list[tuple[int, int]]:
    """Spans of ``line`` that are identifiers or year ranges, not phone numbers."""
    spans = [m.span() for m in _DOI.finditer(line)]
    spans += [m.span() for m in _ISBN.finditer(line)
              if _isbn_valid(m.group(), line[:m.start()])]
    spans += [m.span() for m in _ISSN.finditer(line) if _issn_valid(m.group())]
    spans += [m.span() for m in _YEAR_RANGE.finditer(line)]
    return spans


def _phone_like(text: str) -> Iterator[re.Match[str]]:
    # Identifiers and year ranges are blanked out (same length, so columns hold) first: what
    # is left of them cannot join a neighbour into a phone number either.
    blanked = list(text)
    for start, end in _not_phones(text):
        blanked[start:end] = " " * (end - start)
    for match in PHONE.finditer("".join(blanked)):
        if sum(ch.isdigit() for ch in match.group()) >= 9:
            yield match


def find_contact_details(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, column, what) for each e-mail address or phone number in ``text``."""
    # Most texts have no '@' and no run of digits a phone could be: one look each settles it
    # (a match in a line is a match in the whole text) before going line by line.
    # Counting digits is ~10x faster than the phone pattern, and a phone needs nine.
    phones = sum(map(text.count, "0123456789")) >= 9 and PHONE.search(text) is not None
    emails = "@" in text
    if not (emails or phones):
        return
    for offset, line in enumerate(text.split("\n")):
        for match in EMAIL.finditer(line) if emails else ():
            yield offset, match.start() + 1, "an e-mail address"
        for match in _phone_like(line) if phones else ():
            yield offset, match.start() + 1, "a phone number"


def check_contact_details(catalog: Catalog, report: Report) -> None:
    _CONTACT_DETAILS.next_build()
    records: list[Narrative | object] = [*catalog.narratives.values(),
                                         *catalog.recommendations.values()]
    for record in records:
        for line, col, message in _CONTACT_DETAILS(record):
            report.error(record.origin.path, line, col, message)  # type: ignore[attr-defined]


def _contact_details(record: Any) -> tuple[tuple[int, int, str], ...]:
    """(line, column, message) for each e-mail address or phone number in ``record``'s summary
    and text, unless it allows them."""
    if getattr(record, "allow_contact_details", False):
        return ()
    origin = record.origin
    advice = (
        "remove it (readers can be pointed to a program or page instead), or, if the "
        "person wants it published, set allow_contact_details: true."
    )
    found = []
    for _, _, what in find_contact_details(getattr(record, "summary", "")):
        pos = origin.at("summary")
        found.append((pos.line, pos.col, f"the summary contains {what}: {advice}"))
    for offset, col, what in find_contact_details(record.body):
        found.append((record.body_line + offset, col, f"the text contains {what}: {advice}"))
    return tuple(found)


_CONTACT_DETAILS = RecordMemo(_contact_details)


def _consents(catalog: Catalog) -> Iterator[tuple[str, Consent]]:
    for person in catalog.people.values():
        if person.consent:
            yield person.origin.path, person.consent
    for narrative in catalog.narratives.values():
        if narrative.consent:
            yield narrative.origin.path, narrative.consent


def check_consent_dates(catalog: Catalog, report: Report, today: dt.date) -> None:
    for path, consent in _consents(catalog):
        if consent.given > today:
            pos = consent.origin.at("given")
            report.error(
                path, pos.line, pos.col,
                f"consent is dated {consent.given}, in the future: use the date it was given.",
            )
        if consent.review_by and consent.review_by < consent.given:
            pos = consent.origin.at("review_by")
            report.error(
                path, pos.line, pos.col, "review_by is earlier than the date consent was given."
            )
        # A withdrawn consent is a settled state, not a problem to fix: it is never published.
        # A notice: a build that failed on it would keep the last published site, entry and all.
        if not consent.withdrawn and consent.review_by and consent.review_by < today:
            pos = consent.origin.at("review_by")
            report.notice(
                path, pos.line, pos.col,
                f"consent was due for review on {consent.review_by}: the entry is held back until "
                "the person confirms again and review_by is moved on.",
            )


def check_glossary_clashes(catalog: Catalog, report: Report) -> None:
    seen: dict[str, str] = {}
    for term in catalog.glossary.values():
        for index, name in enumerate((term.term, *term.aliases)):
            key = " ".join(name.casefold().split())
            if key in seen and seen[key] != term.id:
                pos = term.origin.at("term" if index == 0 else f"aliases.{index - 1}")
                report.error(term.origin.path, pos.line, pos.col,
                             f"{name!r} is already a name of the term {seen[key]!r}.")
            seen.setdefault(key, term.id)


def _body_problems(record: Any, renderer: MarkdownRenderer) -> tuple[BodyProblem, ...]:
    # Invisible characters first: a bidi override can make the markup around it read as
    # something else, so it is the first thing to fix.
    invisible = tuple(BodyProblem(offset + 1, col, "error", "the text " + invisible_problem(ch))
                      for offset, col, ch in invisible_characters(record.body))
    costly = costly_markdown(record.body)
    if costly is not None:  # never rendered: that is what would take seconds or minutes
        line = record.body.count("\n", 0, costly.offset) + 1
        col = costly.offset - (record.body.rfind("\n", 0, costly.offset) + 1) + 1
        return (*invisible, BodyProblem(line, col, "error", costly.message))
    return invisible + tuple(check_body(renderer, record.body,
                                        allow_h1=isinstance(record, Page)))


# Kept while the record is the same object (a serve rebuild; see recordmemo.py) and the
# renderer is the same: telling whether a body needs scanning at all was a twentieth of a
# second of each rebuild at 10,000 narratives.
_BODY_PROBLEMS = RecordMemo(_body_problems)


def check_bodies(catalog: Catalog, report: Report, renderer: MarkdownRenderer) -> None:
    """Explain what the sanitiser would remove from each Markdown body: script-capable HTML is
    an error (refused), harmless unsupported HTML a warning (neutralised)."""
    bodies = [*catalog.narratives.values(), *catalog.recommendations.values(),
              *catalog.pages.values()]
    _BODY_PROBLEMS.next_build()
    for record in bodies:
        origin = record.origin
        for problem in _BODY_PROBLEMS(record, renderer):
            line = record.body_line + problem.line - 1
            if problem.severity == "error":
                report.error(origin.path, line, problem.col, problem.message)
            else:
                report.warning(origin.path, line, problem.col, problem.message)
