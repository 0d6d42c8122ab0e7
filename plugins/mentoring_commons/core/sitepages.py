"""Which pages the site has, each with its template and the data it shows.

This is the "generate" step, free of MkDocs: a list of page plans that any renderer can turn
into HTML with the Jinja templates in ``theme/commons/``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .citation import Citation, cite
from .freshness import FreshnessPolicy
from .index import Backlinks, build_backlinks
from .kinds import KINDS
from .modeldoc import describe_model
from .paginate import paginate
from .publish import Published


@dataclass(frozen=True)
class PagePlan:
    src_uri: str  # where the page pretends to live in docs_dir, e.g. "narratives/x.md"
    title: str
    template: str  # a template name inside theme/, e.g. "commons/narrative.html"
    description: str | None = None
    source: str | None = None  # the content file it is built from, relative to content/
    context: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


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
    # A digest of everything published but the entries' bodies (mkdocs/dirtystubs.py
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


def _newest_first(narratives: Iterable[Any]) -> list[Any]:
    return sorted(narratives, key=lambda n: (-n.date.toordinal(), n.title, n.id))


def _grouped(items: Iterable[Any], key: Callable[[Any], str]) -> list[tuple[str, list[Any]]]:
    """Consecutive runs of ``items`` with the same ``key``, in order."""
    groups: list[tuple[str, list[Any]]] = []
    for item in items:
        value = key(item)
        if not groups or groups[-1][0] != value:
            groups.append((value, []))
        groups[-1][1].append(item)
    return groups


def plan_core_pages(site: SiteData) -> list[PagePlan]:
    """Entity pages, their indexes, the glossary, references and the model reference."""
    from .facets import (  # (they import this)
        narrative_facets,
        narrative_item_values,
        program_facets,
        program_item_values,
    )
    from .matches import find_matches
    from .related import RelatedStories

    cat = site.catalog
    plans: list[PagePlan] = []
    related, matches = RelatedStories(site), find_matches(site)
    narrative_finder, program_finder = narrative_facets(site), program_facets(site)

    narratives = _newest_first(cat.narratives.values())
    facet_values = narrative_item_values(site)
    for chunk, pages in paginate(narratives, "narratives/index.md",
                                 section=lambda n: str(n.date.year)):
        plans.append(PagePlan(
            pages.src_uri, pages.title("Narratives"), "commons/narratives_index.html",
            "Members' own stories of peer and omnidirectional mentoring in libraries.",
            context={"narratives": chunk, "pagination": pages, "facets": narrative_finder,
                     "facet_values": facet_values},
        ))
    for n in narratives:
        plans.append(PagePlan(
            f"narratives/{n.id}.md", n.title, "commons/narrative.html", n.summary,
            f"narratives/{n.id}.md", {"narrative": n, "related": related.lazily(n.id)},
        ))

    people = sorted(cat.people.values(), key=lambda p: (p.name.casefold(), p.id))
    for chunk, pages in paginate(people, "people/index.md",
                                 section=lambda p: p.name[:1].upper()):
        plans.append(PagePlan(
            pages.src_uri, pages.title("People"), "commons/people_index.html",
            "Members of the community and the paths they have walked.",
            context={"people": chunk, "pagination": pages},
        ))
    for p in people:
        plans.append(PagePlan(
            f"people/{p.id}.md", p.name, "commons/person.html", p.bio,
            f"people/{p.id}.yml", {"person": p, "matches": matches.get(p.id, [])},
        ))

    programs = sorted(cat.programs.values(), key=lambda p: (p.name.casefold(), p.id))
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for program in programs:
        by_kind[program.kind].append(program)
    program_values = program_item_values(site)
    kinds = sorted(by_kind, key=lambda k: site.label("program_kinds", k))
    for chunk, pages in paginate([p for kind in kinds for p in by_kind[kind]],
                                 "programs/index.md",
                                 section=lambda p: site.label("program_kinds", p.kind)):
        plans.append(PagePlan(
            pages.src_uri, pages.title("Programs and communities"),
            "commons/programs_index.html",
            "Scholarships, residencies, mentoring programs and communities for library staff.",
            context={"programs": chunk, "pagination": pages,
                     "groups": _grouped(chunk, lambda p: p.kind),
                     "facets": program_finder, "facet_values": program_values},
        ))
    for program in programs:
        plans.append(PagePlan(
            f"programs/{program.id}.md", program.name, "commons/program.html",
            program.description, f"programs/{program.id}.yml", {"program": program},
        ))

    recs = sorted(cat.recommendations.values(), key=lambda r: (r.title.casefold(), r.id))
    grouped: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for rec in recs:
        grouped[rec.audience][rec.theme].append(rec)
    audience_rank = {a: i for i, a in enumerate(cat.vocabularies.get(
        "recommendation_audiences", {}))}
    listed = [rec
              for audience in sorted(grouped, key=lambda a: (
                  audience_rank.get(a, len(audience_rank)), a))
              for _, theme_recs in sorted(
                  grouped[audience].items(),
                  key=lambda item: site.label("topics", item[0]).casefold())
              for rec in theme_recs]
    for chunk, pages in paginate(
        listed, "recommendations/index.md",
        section=lambda r: site.label("recommendation_audiences", r.audience),
    ):
        plans.append(PagePlan(
            pages.src_uri, pages.title("Recommendations"),
            "commons/recommendations_index.html",
            "What individuals, institutions and mentoring pairs can do, grouped by audience "
            "and theme.",
            context={"pagination": pages, "groups": [
                (audience, _grouped(recs, lambda r: r.theme))
                for audience, recs in _grouped(chunk, lambda r: r.audience)]},
        ))
    for rec in recs:
        plans.append(PagePlan(
            f"recommendations/{rec.id}.md", rec.title, "commons/recommendation.html",
            rec.summary, f"recommendations/{rec.id}.md", {"recommendation": rec},
        ))

    paths = sorted(cat.paths.values(), key=lambda p: (p.title.casefold(), p.id))
    plans.append(PagePlan(
        "paths/index.md", "Onboarding paths", "commons/paths_index.html",
        "Step-by-step paths for your first weeks and months.", context={"paths": paths},
    ))
    for path in paths:
        plans.append(PagePlan(
            f"paths/{path.id}.md", path.title, "commons/path.html", path.summary,
            f"paths/{path.id}.yml", {"path": path},
        ))

    terms = sorted(cat.glossary.values(), key=lambda t: (t.term.casefold(), t.id))
    plans.append(PagePlan(
        "glossary.md", "Glossary", "commons/glossary.html",
        "The words people use about mentoring in libraries, in plain language.",
        "glossary.yml", {"terms": terms},
    ))
    refs = sorted(cat.references.values(),
                  key=lambda r: ((r.authors[0] if r.authors else r.title).casefold(), r.year,
                                 r.title.casefold(), r.id))
    plans.append(PagePlan(
        "references.md", "References", "commons/references.html",
        "The publications this site's content is drawn from.", "references.yml",
        {"references": refs},
    ))
    plans.append(PagePlan(
        "about/content-model.md", "The content model", "commons/content_model.html",
        "Every kind of entry, its fields and what they mean, generated from the model itself.",
        context={"records": describe_model()},
    ))
    plans.append(PagePlan(
        "about/vocabularies.md", "Vocabularies", "commons/vocabularies.html",
        "The controlled words used to describe stories, people and programs.",
        "vocabularies.yml", {"vocabularies": cat.vocabularies},
    ))
    return plans
