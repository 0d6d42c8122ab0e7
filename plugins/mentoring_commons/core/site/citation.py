"""Formatting references as readable citations (APA-like), as plain-text parts.

A reference holds only what its source gives. Each part a reader needs to find the work
(authors, year, title, venue, a link) that the source does not give is shown as "not given in
the source" rather than left out, so a missing part reads as the source's silence, not ours.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model.model import NOT_GIVEN, Reference


@dataclass(frozen=True, slots=True)
class Citation:
    authors: str  # "" when the source gives none
    year: int | None
    title: str | None  # the title as the source gives it
    description: str | None  # what an untitled work is, shown in square brackets
    container: str | None
    details: str | None
    link: str | None  # DOI link if there is one, else the URL
    not_given: tuple[str, ...] = ()  # the parts missing, in reading order: "authors", ...
    accessed: dt.date | None = None  # when the source read a web page it gives no date for
    cited_in: str | None = None  # the id of the work whose citation this entry copies

    @property
    def name(self) -> str:
        """What the work is called: its title, else [its description]."""
        if self.title:
            return self.title
        return f"[{self.description}]" if self.description else f"[Title {NOT_GIVEN}]"

    @property
    def year_text(self) -> str:
        return str(self.year) if self.year is not None else "n.d."

    @property
    def short(self) -> str:
        return f"{self.authors_short} ({self.year_text})"

    @property
    def authors_short(self) -> str:
        if not self.authors:  # an unattributed work is known by its title (APA)
            if not self.title and self.description:
                return self.name  # a description is short already, and reads whole
            words = self.name.split()
            return " ".join(words[:4]) + ("…" if len(words) > 4 else "")
        if self.authors.count(" & ") == 1 and "," not in self.authors:
            return self.authors  # two authors cited by family name only: "Burke & Tumbleson"
        # One author is "Family, Given" (or an organisation); several are joined with ", & ".
        first = self.authors.split(",")[0].split("&")[0].strip()
        return first if "&" not in self.authors else f"{first} et al."

    @property
    def missing_note(self) -> str | None:
        """One sentence naming what the source does not give, or None."""
        # A missing title is said in its place (see name) unless a description stands there.
        parts = [p for p in self.not_given if p != "title" or self.description]
        if not parts:
            return None
        listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{listed[0].upper()}{listed[1:]} {'is' if len(parts) == 1 else 'are'} {NOT_GIVEN}."


def _join_authors(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2 and not any("," in a for a in authors):
        return f"{authors[0]} & {authors[1]}"  # family names only, as a text cites them
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def missing_parts(ref: Reference) -> tuple[str, ...]:
    """The parts a reader needs to find ``ref`` that its source does not give."""
    wanted = (
        ("authors", bool(ref.authors)),
        ("year", ref.year is not None),
        ("title", bool(ref.title)),
        ("venue", bool(ref.container or ref.publisher)),
        ("link (DOI or web address)", bool(ref.doi or ref.url)),
    )
    return tuple(name for name, present in wanted if not present)


def cite(ref: Reference) -> Citation:
    details = ", ".join(
        part
        for part in (
            f"{ref.volume}" + (f"({ref.issue})" if ref.issue else "") if ref.volume else None,
            ref.pages,
            ref.publisher,
        )
        if part
    ) or None
    link = f"https://doi.org/{ref.doi}" if ref.doi else ref.url
    return Citation(_join_authors(ref.authors), ref.year, ref.title, ref.description,
                    ref.container, details, link, missing_parts(ref), ref.accessed,
                    ref.cited_in)
