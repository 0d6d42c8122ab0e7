"""Faceted browsing: which values each listing can be filtered by, with counts and members.

Computed in one pass over the published entries (each entry is added to the posting list of
each of its values), so the cost is linear in the number of entries. The same facets serve
two renderings: the index pages list every entry with its values as data attributes (the
script in ``theme/assets/facets.js`` turns them into filter controls), and one static listing
page per facet value makes the same browsing work without JavaScript.

Narratives are described by the roles, career stages and library types the story itself
records for the years it tells of (``roles_then`` and its kin: a staff-to-librarian story is
found under staff), or, where it records none, by those of its credited authors today, and
only of those the published catalog links to (named authors with a public person entry): a
story told under a pseudonym says nothing about who wrote it beyond what it says itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..load.recordmemo import RecordMemo
from ..model.model import COSTS, FORMATS, SCOPES
from .data import PagePlan, SiteData, body_free
from .paginate import paginate
from .storypeople import StoryPeople, story_people

__all__ = [
    "COST_LABELS",
    "FACET_DATA",
    "Facet",
    "FacetValue",
    "export_facet_data",
    "item_values",
    "narrative_facets",
    "narrative_item_values",
    "plan_facet_pages",
    "program_facets",
    "program_item_values",
]

# Every entry's facet values, for the filter script on a listing split into several pages
# (each page holds only some entries, so the script filters and counts from this file).
FACET_DATA = {"narratives": "narratives/facets.json", "programs": "programs/facets.json"}

COST_LABELS = {
    "free": "Free",
    "membership": "Free to members",
    "paid": "Paid",
    "funded": "Funded (it pays or covers costs)",
    "varies": "Varies",
}
_CHOICE_LABELS: dict[str, dict[str, str]] = {
    "scope": {value: value.capitalize() for value in SCOPES},
    "format": {value: value.replace("-", " ").capitalize() for value in FORMATS},
    "cost": {value: COST_LABELS.get(value, value) for value in COSTS},
}
_CHOICE_DEFINITIONS: dict[str, dict[str, str]] = {
    "scope": {
        "local": "Run by or for one library or institution.",
        "regional": "Open to people in one state, province or region.",
        "national": "Open to people across a country.",
        "international": "Open to people from several countries.",
    },
    "format": {
        "in-person": "People meet face to face.",
        "virtual": "People take part online.",
        "hybrid": "Some parts in person, some online.",
    },
    "cost": {
        "free": "No fee.",
        "membership": "Free to members of the organisation that runs it.",
        "paid": "There is a fee.",
        "funded": "It pays you or covers your costs, like a scholarship or a paid residency.",
        "varies": "The cost depends on the event or your situation.",
    },
}


@dataclass(frozen=True, slots=True)
class FacetValue:
    value: str  # the vocabulary id, e.g. "peer"
    label: str
    definition: str
    items: tuple[str, ...]  # ids of the entries that have this value, in listing order
    src_uri: str  # the static listing page, e.g. "narratives/forms/peer.md"

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True, slots=True)
class Facet:
    key: str  # URL slug and query parameter, e.g. "forms"
    label: str  # e.g. "Mentoring form"
    plural: str  # e.g. "Mentoring forms"
    values: tuple[FacetValue, ...]  # only values at least one entry has, in vocabulary order


def _facet(
    collection: str,
    key: str,
    label: str,
    plural: str,
    order: Iterable[str],
    describe: Callable[[str], tuple[str, str]],
    items: Iterable[tuple[str, Iterable[str]]],
) -> Facet:
    postings: dict[str, list[str]] = {}
    for item_id, values in items:
        for value in dict.fromkeys(values):  # a value counts once per entry
            postings.setdefault(value, []).append(item_id)
    ordered = [v for v in order if v in postings]
    known = set(ordered)
    ordered += sorted(v for v in postings if v not in known)  # values outside the vocabulary
    values = []
    for value in ordered:
        value_label, definition = describe(value)
        values.append(FacetValue(value, value_label, definition, tuple(postings[value]),
                                 f"{collection}/{key}/{value}.md"))
    return Facet(key, label, plural, tuple(values))


def _vocab(site: SiteData, vocabulary: str) -> tuple[list[str], Callable[[str], tuple[str, str]]]:
    def describe(value: str) -> tuple[str, str]:
        return site.label(vocabulary, value), site.definition(vocabulary, value)

    return list(site.catalog.vocabularies.get(vocabulary, {})), describe


def _choice(name: str, order: Iterable[str]) -> tuple[list[str], Callable[[str], tuple[str, str]]]:
    def describe(value: str) -> tuple[str, str]:
        if value == NOT_CONFIRMED:
            return NOT_CONFIRMED_LABEL, NOT_CONFIRMED_DEFINITION
        return (_CHOICE_LABELS[name].get(value, value),
                _CHOICE_DEFINITIONS[name].get(value, ""))

    return [*order, NOT_CONFIRMED], describe


# A program's format or cost that nobody has confirmed (Program.unconfirmed) is filed under
# this value, not under the editors' guess: a reader filtering for "Free" gets programs known
# to be free. (Kind, audience and reach keep their values; the program's page marks them.)
NOT_CONFIRMED = "not-confirmed"
NOT_CONFIRMED_LABEL = "Not confirmed"
NOT_CONFIRMED_DEFINITION = (
    "No source gives it, and nobody has checked it on the program's own site yet."
)


def _confirmed(field: str) -> Callable[[Any], list[str]]:
    def values_of(program: Any) -> list[str]:
        if field in program.unconfirmed:
            return [NOT_CONFIRMED]
        return [getattr(program, field)]

    return values_of


def _newest_first(narratives: Iterable[Any]) -> list[Any]:
    return sorted(narratives, key=lambda n: (-n.date.toordinal(), n.title, n.id))


def _by_name(programs: Iterable[Any]) -> list[Any]:
    return sorted(programs, key=lambda p: (p.name.casefold(), p.id))


def narrative_facets(site: SiteData) -> list[Facet]:
    """Facets of the narratives index: form, topic, and the authors' stage, role and library."""
    return site.derived(_narrative_facets)  # type: ignore[no-any-return]


@body_free
def _narrative_facets(site: SiteData) -> list[Facet]:
    cat = site.catalog
    narratives = _newest_first(cat.narratives.values())
    people = cat.people

    def then(n: Any) -> StoryPeople:
        return story_people(n, people)

    specs: list[tuple[str, str, str, str, Callable[[Any], Iterable[str]]]] = [
        ("forms", "Mentoring form", "Mentoring forms", "mentoring_forms", lambda n: n.forms),
        ("topics", "Topic", "Topics", "topics", lambda n: n.topics),
        ("career-stages", "Career stage at the time", "Career stages at the time",
         "career_stages", lambda n: then(n).career_stages),
        ("roles", "Role at the time", "Roles at the time", "roles", lambda n: then(n).roles),
        ("library-types", "Library type", "Library types", "library_types",
         lambda n: then(n).library_types),
    ]
    facets = []
    for key, label, plural, vocabulary, values_of in specs:
        order, describe = _vocab(site, vocabulary)
        facets.append(_facet("narratives", key, label, plural, order, describe,
                             ((n.id, values_of(n)) for n in narratives)))
    return facets


def program_facets(site: SiteData) -> list[Facet]:
    """Facets of the programs directory: kind, audience, scope, format and cost."""
    return site.derived(_program_facets)  # type: ignore[no-any-return]


@body_free
def _program_facets(site: SiteData) -> list[Facet]:
    programs = _by_name(site.catalog.programs.values())
    specs: list[tuple[str, str, str, tuple[list[str], Callable[[str], tuple[str, str]]],
                      Callable[[Any], Iterable[str]]]] = [
        ("kind", "Kind", "Kinds", _vocab(site, "program_kinds"), lambda p: [p.kind]),
        ("audience", "Audience", "Audiences", _vocab(site, "program_audiences"),
         lambda p: p.audience),
        ("scope", "Reach", "Reach", _choice("scope", SCOPES), lambda p: [p.scope]),
        ("format", "Format", "Formats", _choice("format", FORMATS), _confirmed("format")),
        ("cost", "Cost", "Costs", _choice("cost", COSTS), _confirmed("cost")),
    ]
    return [
        _facet("programs", key, label, plural, order, describe,
               ((p.id, values_of(p)) for p in programs))
        for key, label, plural, (order, describe), values_of in specs
    ]


def narrative_item_values(site: SiteData) -> dict[str, dict[str, list[str]]]:
    """``item_values`` of the narrative facets, made once per build (an index page and the
    facet data both show them)."""
    return site.derived(_narrative_item_values)  # type: ignore[no-any-return]


@body_free
def _narrative_item_values(site: SiteData) -> dict[str, dict[str, list[str]]]:
    return item_values(narrative_facets(site))


def program_item_values(site: SiteData) -> dict[str, dict[str, list[str]]]:
    """``item_values`` of the program facets, made once per build."""
    return site.derived(_program_item_values)  # type: ignore[no-any-return]


@body_free
def _program_item_values(site: SiteData) -> dict[str, dict[str, list[str]]]:
    return item_values(program_facets(site))


def item_values(facets: list[Facet]) -> dict[str, dict[str, list[str]]]:
    """``{item id: {facet key: [values]}}``, inverted from the postings in one pass."""
    result: dict[str, dict[str, list[str]]] = {}
    for facet in facets:
        for value in facet.values:
            for item in value.items:
                result.setdefault(item, {}).setdefault(facet.key, []).append(value.value)
    return result


def plan_facet_pages(site: SiteData) -> list[PagePlan]:
    """One static listing page per facet value (split into pages like the indexes when it
    is long): the no-JavaScript way to browse by facet."""
    plans = []
    for collection, facets in (("narratives", narrative_facets(site)),
                               ("programs", program_facets(site))):
        records = getattr(site.catalog, collection)
        for facet in facets:
            for value in facet.values:
                items = [records[i] for i in value.items]
                for chunk, pages in paginate(items, value.src_uri):
                    plans.append(PagePlan(
                        pages.src_uri,
                        pages.title(f"{collection.capitalize()}: {value.label}"),
                        "commons/facet_page.html",
                        f"{value.count} {_noun(collection, value.count)} with "
                        f"{facet.label.lower()} {value.label}.",
                        context={"collection": collection, "facet": facet, "value": value,
                                 "items": chunk, "pagination": pages},
                    ))
    return plans


def _noun(collection: str, count: int) -> str:
    if collection == "narratives":
        return "story" if count == 1 else "stories"
    return "program" if count == 1 else "programs"


def _names(credits: Iterable[Any]) -> str:
    names = [c.name for c in credits]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _item_json(item: dict[str, Any]) -> str:
    return json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _narrative_item(n: Any, credits: tuple[Any, ...], values: dict[str, list[str]],
                    retold_from: str | None) -> str:
    # As the cards say it (macros.card_meta): a retold story is dated by its work, never by
    # the day its entry was added.
    when = f"retold from {retold_from}" if retold_from else f"{n.date:%B %Y}"
    meta = f"{_names(credits)} · {when}".lstrip(" ·")
    return _item_json({"id": n.id, "title": n.title, "summary": n.summary, "meta": meta,
                       "values": values})


def _program_item(p: Any, values: dict[str, list[str]]) -> str:
    shown = (("sponsor", p.sponsor), ("scope", p.scope.capitalize()),
             ("format", p.format.replace("-", " ")))
    # A guess nobody has confirmed stays off the card (its page shows it, marked).
    meta = " · ".join(text for field, text in shown if field not in p.unconfirmed)
    return _item_json({"id": p.id, "title": p.name, "summary": p.description, "meta": meta,
                       "values": values})


# Each entry's item, kept while the entry is the same object (serve rebuilds; see
# recordmemo.py) and its credits and values are equal: writing 10,000 of them was a fifth of a
# second of every rebuild.
_NARRATIVE_ITEMS = RecordMemo(_narrative_item)
_PROGRAM_ITEMS = RecordMemo(_program_item)


def export_facet_data(site: SiteData) -> dict[str, str | bytes]:
    """``narratives/facets.json`` and ``programs/facets.json``: id, title, a meta line, the
    summary and the facet values of every published entry, in listing order."""
    return site.derived(_facet_data)  # type: ignore[no-any-return]


@body_free
def _facet_data(site: SiteData) -> dict[str, str | bytes]:
    cat = site.catalog
    _NARRATIVE_ITEMS.next_build()
    _PROGRAM_ITEMS.next_build()
    narrative_values = narrative_item_values(site)
    narratives = [_NARRATIVE_ITEMS(n, site.credits.get(n.id, ()), narrative_values.get(n.id, {}),
                                   site.citations[n.published.reference].short
                                   if n.published else None)
                  for n in _newest_first(cat.narratives.values())]
    program_values = program_item_values(site)
    programs = [
        _PROGRAM_ITEMS(p, program_values.get(p.id, {}))
        for p in sorted(cat.programs.values(),
                        key=lambda p: (site.label("program_kinds", p.kind), p.name.casefold(),
                                       p.id))
    ]
    # As json.dumps({"items": [...]}, sort_keys=True, separators=(",", ":")) writes it.
    return {
        FACET_DATA[name]: '{"items":[' + ",".join(items) + "]}\n"
        for name, items in (("narratives", narratives), ("programs", programs))
    }
