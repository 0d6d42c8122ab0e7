"""Machine-readable metadata for a page's ``<head>``: JSON-LD, Open Graph and citation meta.

Built from a page plan and the published site data only, so it can say no more about a person
than the page itself does: authors come from ``published.credits`` (a pseudonym stays a
pseudonym, an anonymous story names nobody and links to no person page), and people are shown
by the name they agreed to.

- Narratives are schema.org ``Article``s with ``author`` and ``citation``; recommendations are
  ``Article``s by the site itself, citing their sources; people are ``Person``; programs are
  ``EducationalOccupationalProgram``; paths are ``HowTo``; the glossary and each vocabulary are
  a ``DefinedTermSet`` of ``DefinedTerm``s.
- Narratives drawn from a publication also carry Highwire Press ``citation_*`` meta describing
  that publication, which is what Zotero, Mendeley and Google Scholar read. (The narrative is a
  retelling; the work a reader would cite is the source.)

``script_json`` serialises JSON-LD so that contributor text can never end the script element.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model.model import Reference
from ..site.data import PagePlan, SiteData
from ..site.links import SiteLinks, page_path

__all__ = ["Head", "SiteLinks", "page_head", "page_path", "script_json"]

SCHEMA_CONTEXT = "https://schema.org"

# Program formats as schema.org's educationalProgramMode expects them.
_PROGRAM_MODES = {"in-person": "onsite", "virtual": "online", "hybrid": "blended"}
# Reference types as schema.org CreativeWork types.
_WORK_TYPES = {"article": "ScholarlyArticle", "book": "Book", "chapter": "Chapter",
               "report": "Report", "thesis": "Thesis",
               "presentation": "PresentationDigitalDocument", "web": "WebPage"}
# Reference types that have a Highwire container tag of their own.
_CONTAINER_TAGS = {
    "article": "citation_journal_title",
    "chapter": "citation_inbook_title",
    "presentation": "citation_conference_title",
}


@dataclass(frozen=True, slots=True)
class Head:
    """Tags for a page's head. ``meta`` holds (attribute, key, content) triples, e.g.
    ``("property", "og:title", "...")``; values are plain text for the template to escape."""

    meta: tuple[tuple[str, str, str], ...] = ()
    jsonld: tuple[dict[str, Any], ...] = ()

    @property
    def scripts(self) -> list[str]:
        """The JSON-LD blocks, serialised and safe to place inside a ``<script>`` element."""
        return [script_json(data) for data in self.jsonld]


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                  "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """JSON for an inline ``<script>``: ``<``, ``>`` and ``&`` become ``\\u003c`` ``\\u003e``
    ``\\u0026``, so no string can close the element or open a comment, and the text is still
    the same JSON to any parser."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


@dataclass
class _Builder:
    site: SiteData
    links: SiteLinks
    meta: list[tuple[str, str, str]] = field(default_factory=list)

    def url(self, src_uri: str) -> str | None:
        return self.links.url(src_uri)

    def add(self, attribute: str, key: str, value: object) -> None:
        if value is not None and str(value).strip():
            self.meta.append((attribute, key, str(value)))

    def labels(self, vocabulary: str, values: Iterable[str]) -> list[str]:
        return [self.site.label(vocabulary, value) for value in values]

    def website(self) -> dict[str, Any]:
        return _clean({"@type": "WebSite", "name": self.links.site_name,
                       "url": self.url("index.md")})

    def creative_work(self, ref_id: str) -> dict[str, Any]:
        ref: Reference = self.site.catalog.references[ref_id]
        work_type = _WORK_TYPES.get(ref.type, "CreativeWork")
        doi_link = f"https://doi.org/{ref.doi}" if ref.doi else None
        return _clean({
            "@type": work_type,
            "@id": doi_link or ref.url,
            "name": ref.title or ref.description,
            "author": [_agent(name) for name in ref.authors] or None,
            "datePublished": str(ref.year) if ref.year is not None else None,
            "isPartOf": {"@type": "CreativeWork", "name": ref.container} if ref.container
            else None,
            "publisher": {"@type": "Organization", "name": ref.publisher} if ref.publisher
            else None,
            "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": ref.doi}
            if ref.doi else None,
            "url": ref.url or doi_link,
            "license": ref.licence,
        })

    def highwire(self, ref_id: str) -> None:
        """Highwire Press tags for the publication a page is drawn from."""
        ref: Reference = self.site.catalog.references[ref_id]
        self.add("name", "citation_title", ref.title)
        for author in ref.authors:
            self.add("name", "citation_author", author)
        self.add("name", "citation_publication_date", ref.year)
        if ref.container and ref.type in _CONTAINER_TAGS:
            self.add("name", _CONTAINER_TAGS[ref.type], ref.container)
        if ref.type == "report" and ref.publisher:
            self.add("name", "citation_technical_report_institution", ref.publisher)
        elif ref.type == "thesis" and ref.publisher:
            self.add("name", "citation_dissertation_institution", ref.publisher)
        elif ref.publisher:
            self.add("name", "citation_publisher", ref.publisher)
        self.add("name", "citation_volume", ref.volume)
        self.add("name", "citation_issue", ref.issue)
        if ref.pages:
            first, _, last = ref.pages.replace("\u2013", "-").partition("-")
            self.add("name", "citation_firstpage", first.strip())
            self.add("name", "citation_lastpage", last.strip())
        self.add("name", "citation_doi", ref.doi)
        self.add("name", "citation_public_url", ref.url)
        self.add("name", "citation_language", "en")


def _agent(name: str) -> dict[str, Any]:
    """A reference author: 'Family, Given' is a person; a name without a comma is taken to be
    an organisation (as references.yml documents)."""
    if "," in name:
        family, _, given = name.partition(",")
        return {"@type": "Person", "name": f"{given.strip()} {family.strip()}".strip(),
                "familyName": family.strip(), "givenName": given.strip()}
    return {"@type": "Organization", "name": name}


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty values, so the JSON-LD states only what is known."""
    return {k: v for k, v in data.items() if v not in (None, "", [], (), {})}


def page_head(plan: PagePlan | None, site: SiteData, links: SiteLinks, *, src_uri: str,
              title: str, description: str | None = None) -> Head:
    """Open Graph for every page; JSON-LD (and citation meta) for entity pages.

    ``plan`` is the page's plan (None for hand-written pages); ``title`` and ``description``
    are plain text (not HTML-escaped).
    """
    b = _Builder(site, links)
    if plan is not None:
        title, description = plan.title, plan.description
    page_url = b.url(src_uri)
    template = plan.template if plan else ""
    og_type = {"commons/narrative.html": "article", "commons/recommendation.html": "article",
               "commons/person.html": "profile"}.get(template, "website")
    b.add("property", "og:type", og_type)
    b.add("property", "og:title", title)
    b.add("property", "og:description", description)
    b.add("property", "og:url", page_url)
    b.add("property", "og:site_name", links.site_name)
    b.add("property", "og:locale", "en")
    jsonld: list[dict[str, Any]] = []
    maker = _MAKERS.get(template)
    if plan is not None and maker is not None:
        data = maker(b, plan, page_url)
        if data:
            jsonld.append({"@context": SCHEMA_CONTEXT, **data})
    return Head(tuple(b.meta), tuple(jsonld))


def _narrative(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    n = plan.context["narrative"]
    credits = b.site.credits.get(n.id, ())
    authors = []
    for credit in credits:
        # Exactly as the page credits them: a pseudonym, a first name or "A community member"
        # carry no link; only a named author's own page is linked.
        person: dict[str, Any] = {"@type": "Person", "name": credit.name}
        if credit.person_id:
            person["url"] = b.url(f"people/{credit.person_id}.md")
        authors.append(_clean(person))
    people_in_it: list[dict[str, Any]] = []
    if n.published is not None:
        # Retold from a published work in the site's own words: the site wrote this text and
        # the work (isBasedOn, with its own authors) is its basis; the people whose story it
        # is are mentioned in it, not its authors.
        people_in_it, authors = authors, [_clean({"@type": "Organization",
                                                   "name": b.links.site_name,
                                                   "url": b.url("index.md")})]
    # The work it is retold from (published basis) and the work it cites (source); usually
    # the same, then stated once and referred to by its @id.
    based_on = n.published.reference if n.published else None
    cited = n.source or based_on
    citation = b.creative_work(cited) if cited else None
    basis = b.creative_work(based_on) if based_on else None
    if basis and based_on == cited and "@id" in basis:
        basis = {"@id": basis["@id"]}
    b.add("property", "article:published_time", n.date.isoformat())
    for topic in b.labels("topics", n.topics):
        b.add("property", "article:tag", topic)
    if based_on or cited:
        b.highwire(based_on or cited)
    return _clean({
        "@type": "Article",
        "@id": page_url,
        "url": page_url,
        "headline": n.title,
        "name": n.title,
        "description": n.summary,
        "datePublished": n.date.isoformat(),
        "inLanguage": "en",
        "author": authors,
        "about": b.labels("mentoring_forms", n.forms),
        "keywords": ", ".join(b.labels("topics", n.topics)),
        "citation": citation,
        "isBasedOn": basis,
        "mentions": [
            _clean({"@type": "EducationalOccupationalProgram",
                    "name": b.site.catalog.programs[p].name,
                    "url": b.url(f"programs/{p}.md")})
            for p in n.programs
        ] + people_in_it,
        "isPartOf": b.website(),
    })


def _person(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    p = plan.context["person"]
    return _clean({
        "@type": "Person",
        "@id": page_url,
        "url": page_url,
        "name": p.name,  # already the name the person agreed to show
        "description": p.bio,
        "jobTitle": b.labels("roles", p.roles),
        "affiliation": {"@type": "Organization", "name": p.institution} if p.institution
        else None,
        "knowsAbout": list(p.areas) + list(p.interests),
        "mainEntityOfPage": page_url,
    })


def _program(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    # Only properties whose schema.org domain holds EducationalOccupationalProgram (an
    # Intangible, not a CreativeWork or Service): tests/test_jsonld_vocabulary.py checks it.
    # Who it is for is said of the page about it (a WebPage has an audience), the reference
    # that describes it is a work it is the subject of, and "free" is an offer at no price.
    p = plan.context["program"]
    deadlines = [d.date.isoformat() for d in p.deadlines if d.date]
    return _clean({
        "@type": "EducationalOccupationalProgram",
        "@id": page_url,
        "name": p.name,
        "description": p.description,
        "url": p.url,
        "mainEntityOfPage": _clean({
            "@type": "WebPage",
            "@id": page_url,
            "audience": [{"@type": "Audience", "audienceType": label}
                         for label in b.labels("program_audiences", p.audience)],
        }),
        "provider": {"@type": "Organization", "name": p.sponsor},
        "programType": b.site.label("program_kinds", p.kind),
        "educationalProgramMode": _PROGRAM_MODES.get(p.format, p.format),
        "offers": {"@type": "Offer", "price": 0} if p.cost == "free" else None,
        "applicationDeadline": deadlines[0] if len(deadlines) == 1 else deadlines,
        "subjectOf": b.creative_work(p.source) if p.source else None,
    })


def _recommendation(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    r = plan.context["recommendation"]
    return _clean({
        "@type": "Article",
        "@id": page_url,
        "url": page_url,
        "headline": r.title,
        "name": r.title,
        "description": r.summary,
        # The site's own advice, drawn from the works it cites: the site is its author.
        "author": _clean({"@type": "Organization", "name": b.links.site_name,
                          "url": b.url("index.md")}),
        "datePublished": r.date.isoformat() if r.date else None,
        "inLanguage": "en",
        "audience": {"@type": "Audience",
                     "audienceType": b.site.label("recommendation_audiences", r.audience)},
        "about": b.site.label("topics", r.theme),
        "citation": [b.creative_work(s) for s in r.sources],
        "isPartOf": b.website(),
    })


def _path(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    path = plan.context["path"]
    return _clean({
        "@type": "HowTo",
        "@id": page_url,
        "url": page_url,
        "name": path.title,
        "description": path.summary,
        "inLanguage": "en",
        "step": [
            _clean({"@type": "HowToStep", "position": index, "name": step.title,
                    "text": step.text})
            for index, step in enumerate(path.steps, start=1)
        ],
        "isPartOf": b.website(),
    })


def _glossary(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    return _clean({
        "@type": "DefinedTermSet",
        "@id": page_url,
        "url": page_url,
        "name": plan.title,
        "description": plan.description,
        "hasDefinedTerm": [
            _clean({
                "@type": "DefinedTerm",
                "@id": b.url(f"glossary.md#{t.id}"),
                "termCode": t.id,
                "name": t.term,
                "alternateName": list(t.aliases),
                "description": t.definition,
                "inDefinedTermSet": page_url,
            })
            for t in plan.context["terms"]
        ],
    })


def _vocabularies(b: _Builder, plan: PagePlan, page_url: str | None) -> dict[str, Any]:
    sets = []
    for name, terms in plan.context["vocabularies"].items():
        set_id = b.url(f"about/vocabularies.md#{name}")
        sets.append(_clean({
            "@type": "DefinedTermSet",
            "@id": set_id,
            "name": name.replace("_", " ").capitalize(),
            "hasDefinedTerm": [
                _clean({"@type": "DefinedTerm", "termCode": value, "name": term.label,
                        "description": term.definition,
                        "@id": b.url(f"about/vocabularies.md#{name}-{value}")})
                for value, term in terms.items()
            ],
        }))
    return _clean({"@type": "Collection", "@id": page_url, "url": page_url, "name": plan.title,
                   "description": plan.description, "hasPart": sets})


_MAKERS = {
    "commons/narrative.html": _narrative,
    "commons/person.html": _person,
    "commons/program.html": _program,
    "commons/recommendation.html": _recommendation,
    "commons/path.html": _path,
    "commons/glossary.html": _glossary,
    "commons/vocabularies.html": _vocabularies,
}
