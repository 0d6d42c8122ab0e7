"""Formatting references as readable citations (APA-like), as plain-text parts."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.model import Reference


@dataclass(frozen=True, slots=True)
class Citation:
    authors: str
    year: int
    title: str
    container: str | None
    details: str | None
    link: str | None  # DOI link if there is one, else the URL

    @property
    def short(self) -> str:
        return f"{self.authors_short} ({self.year})"

    @property
    def authors_short(self) -> str:
        if not self.authors:  # an unattributed work is known by its title (APA)
            words = self.title.split()
            return " ".join(words[:4]) + ("…" if len(words) > 4 else "")
        # One author is "Family, Given" (or an organisation); several are joined with ", & ".
        first = self.authors.split(",")[0].split("&")[0].strip()
        return first if "&" not in self.authors else f"{first} et al."


def _join_authors(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


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
    return Citation(_join_authors(ref.authors), ref.year, ref.title, ref.container, details, link)
