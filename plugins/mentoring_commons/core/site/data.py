"""The published site's data and the shape of a page plan: what every planner reads and makes.

A ``PagePlan`` is a page any renderer can turn into HTML with the Jinja templates in
``theme/commons/``; ``SiteData`` is the published catalog with the tables derived from it once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..check.freshness import FreshnessPolicy
from ..model.kinds import KINDS
from ..publish.boundary import Published
from .backlinks import Backlinks, build_backlinks
from .citation import Citation, cite
from .contact import SiteContact
from .links import SiteLinks


@dataclass(frozen=True)
class PagePlan:
    src_uri: str  # where the page pretends to live in docs_dir, e.g. "narratives/x.md"
    title: str
    template: str  # a template name inside theme/, e.g. "commons/narrative.html"
    description: str | None = None
    source: str | None = None  # the content file it is built from, relative to content/
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    # Weight in Material's search against other pages (its page meta search.boost): for a hub
    # page a reader's question names, such as "find a mentor".
    search_boost: float | None = None


def entity_uri(kind: str, entry_id: str) -> str:
    """The docs-relative source path of an entry's page (its URL is derived from this)."""
    if kind == "term":
        return f"glossary.md#{entry_id}"
    if kind == "reference":
        return f"references.md#{entry_id}"
    return f"{KINDS[kind].collection}/{entry_id}.md"


@dataclass
class SiteData:
    """Everything a template may read. Built once per build from the published catalog."""

    published: Published
    backlinks: Backlinks
    citations: dict[str, Citation]
    # When a program "may be out of date" (core/freshness.py); the plugin sets it from its
    # stale_after_days option.
    freshness: FreshnessPolicy = field(default_factory=FreshnessPolicy)
    # How pages are addressed in this edition (the plugin sets it once every plugin has
    # configured MkDocs: the offline plugin turns directory URLs off): what the feeds and the
    # JSON export point at.
    links: SiteLinks = field(default_factory=SiteLinks)
    # The date this build is made for (tools.build_date: the plugin's `today`, else
    # SOURCE_DATE_EPOCH, else the clock); None: the edition's today.
    built_on: dt.date | None = None
    # How to reach the maintainers (core/site/contact.py); the plugin sets it from its config.
    contact: SiteContact = field(default_factory=SiteContact)
    # A digest of everything published but the entries' bodies (mkdocs/serve/dirtystubs.py
    # listing_key), set under `mkdocs serve --dirty`: while it is unchanged (an edit to a
    # story's text), tables marked ``body_free`` are kept from the last rebuild.
    listing_key: str | None = None
    _derived: dict[Callable[[SiteData], Any], Any] = field(default_factory=dict, init=False,
                                                          repr=False)

    def derived(self, make: Callable[[SiteData], Any]) -> Any:
        """``make(self)``, made once: tables that several planners and exporters read (the
        facets: a quarter of a second each at 10,000 narratives, and one object for every page
        that shows them)."""
        if make not in self._derived:
            if self.listing_key is not None and make in _BODY_FREE:
                kept = _KEPT.get(make)
                if kept is None or kept[0] != self.listing_key:
                    kept = _KEPT[make] = (self.listing_key, make(self))
                self._derived[make] = kept[1]
            else:
                self._derived[make] = make(self)
        return self._derived[make]

    @property
    def build_date(self) -> dt.date:
        return self.built_on or self.published.edition.today

    @property
    def catalog(self) -> Any:
        return self.published.catalog

    @property
    def credits(self) -> Any:
        return self.published.credits

    @property
    def edition(self) -> str:
        return self.published.edition.name

    def label(self, vocabulary: str, value: str) -> str:
        term = self.catalog.vocabularies.get(vocabulary, {}).get(value)
        return term.label if term else value

    def definition(self, vocabulary: str, value: str) -> str:
        term = self.catalog.vocabularies.get(vocabulary, {}).get(value)
        return term.definition if term else ""

    def also_called(self, vocabulary: str, *values: str) -> tuple[str, ...]:
        """Readers' other words for values (their ``also_called``), each once: shown beside
        them, so that search finds the entries that have them by any of these words."""
        terms = self.catalog.vocabularies.get(vocabulary, {})
        return tuple(dict.fromkeys(word for value in values if value in terms
                                   for word in terms[value].also_called))

    def term_also_called(self, term: Any) -> tuple[str, ...]:
        """A glossary term's other names: its aliases, then the ``also_called`` of every
        vocabulary value named like it (the glossary's "Peer mentoring" and the mentoring form
        labelled "Peer mentoring" are one idea), each once, case aside."""
        names = {term.term.casefold(), *(a.casefold() for a in term.aliases)}
        found: dict[str, str] = {}
        for alias in term.aliases:
            found.setdefault(alias.casefold(), alias)
        for vocabulary in self.catalog.vocabularies.values():
            for value in vocabulary.values():
                if value.label.casefold() in names:
                    for word in value.also_called:
                        found.setdefault(word.casefold(), word)
        found.pop(term.term.casefold(), None)
        return tuple(found.values())


# Tables that read nothing of an entry's body and hold no record (only ids, names, labels,
# numbers), so the last rebuild's is still right while SiteData.listing_key is the same: under
# `mkdocs serve --dirty` an edit to a story's text then rebuilds none of them (facets, related
# stories' index, the map: half a second of each rebuild at 10,000 narratives).
# tests/test_build.py checks every one against sites whose bodies differ.
_BODY_FREE: set[Callable[[SiteData], Any]] = set()
_KEPT: dict[Callable[[SiteData], Any], tuple[str, Any]] = {}

_Table = TypeVar("_Table", bound=Callable[..., Any])


def body_free(make: _Table) -> _Table:
    """Mark ``make`` (a table for SiteData.derived) as reading no body and holding no record.
    Its table must never be changed once made: the pages of this build and of the next share
    it (and the listing stubs keep its digest with it)."""
    _BODY_FREE.add(make)
    return make


def build_site_data(published: Published) -> SiteData:
    return SiteData(
        published=published,
        backlinks=build_backlinks(published),
        citations={ref_id: cite(ref) for ref_id, ref in published.catalog.references.items()},
    )


