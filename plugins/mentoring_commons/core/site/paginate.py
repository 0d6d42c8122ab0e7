"""Splitting a long listing into numbered pages, so no page grows with the site.

A listing of 10,000 narratives is megabytes of HTML; split into pages of ``PER_PAGE``, each
page stays small while the first keeps its URL (``narratives/``) and the rest follow it
(``narratives/page/2/``, ...). Each page links to its neighbours, the first and the last, and
to where each section starts (a year, an initial, a kind), so any entry is a few steps away
without scripts. A listing that fits on one page is a single page with no page links at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["PER_PAGE", "PageLink", "Pagination", "page_uri", "paginate"]

PER_PAGE = 50
_WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int | None  # None: a gap ("…") between page numbers
    src_uri: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    """One page of a listing: where it is, what it holds, how to reach the others."""

    number: int
    count: int  # pages in the listing
    total: int  # entries in the whole listing
    first: int  # 1-based position of this page's first entry (0 when the listing is empty)
    last: int
    src_uri: str
    previous: str | None
    next: str | None
    links: tuple[PageLink, ...]  # first, last and the pages around this one, with gaps
    sections: tuple[tuple[str, str], ...]  # (label, src_uri of the page where it starts)

    @property
    def paginated(self) -> bool:
        return self.count > 1

    def title(self, title: str) -> str:
        """The listing's title for this page: "Narratives", then "Narratives, page 2 of 9"."""
        return title if self.number == 1 else f"{title}, page {self.number} of {self.count}"


def page_uri(base_uri: str, number: int) -> str:
    """``narratives/index.md`` -> ``narratives/page/2.md``; ``x/topics/a.md`` ->
    ``x/topics/a/page/2.md``. Page 1 is the listing's own URI."""
    if number == 1:
        return base_uri
    stem = base_uri.removesuffix(".md")
    folder = stem.removesuffix("index").rstrip("/") if stem.split("/")[-1] == "index" else stem
    return f"{folder}/page/{number}.md" if folder else f"page/{number}.md"


def _links(number: int, count: int, base_uri: str) -> tuple[PageLink, ...]:
    shown = sorted({1, count, *range(max(1, number - _WINDOW), min(count, number + _WINDOW) + 1)})
    links: list[PageLink] = []
    for index, n in enumerate(shown):
        if index and n - shown[index - 1] > 1:
            links.append(PageLink(None))
        links.append(PageLink(n, page_uri(base_uri, n), n == number))
    return tuple(links)


def paginate(
    items: Sequence[Any],
    base_uri: str,
    per_page: int | None = None,
    section: Callable[[Any], str] | None = None,
) -> list[tuple[Sequence[Any], Pagination]]:
    """``items`` (already in listing order) as pages: ``(items on the page, Pagination)``,
    ``per_page`` (default ``PER_PAGE``) to a page. ``section(item)`` names the part of the
    listing an item belongs to (consecutive items share it); every page links to the page
    where each section starts."""
    per_page = PER_PAGE if per_page is None else per_page
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    count = max(1, -(-len(items) // per_page))
    sections: dict[str, str] = {}
    if section is not None and count > 1:
        for index, item in enumerate(items):
            name = section(item)
            if name not in sections:  # the page's URI only where a section starts
                sections[name] = page_uri(base_uri, index // per_page + 1)
    shared_sections = tuple(sections.items())  # one tuple for all pages, not one per page
    pages = []
    for number in range(1, count + 1):
        start = (number - 1) * per_page
        chunk = items[start:start + per_page]
        pages.append((chunk, Pagination(
            number=number,
            count=count,
            total=len(items),
            first=start + 1 if chunk else 0,
            last=start + len(chunk),
            src_uri=page_uri(base_uri, number),
            previous=page_uri(base_uri, number - 1) if number > 1 else None,
            next=page_uri(base_uri, number + 1) if number < count else None,
            links=_links(number, count, base_uri) if count > 1 else (),
            sections=shared_sections,
        )))
    return pages
