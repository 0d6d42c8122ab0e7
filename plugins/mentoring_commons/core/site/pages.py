"""The core pages: entity pages, their indexes, the glossary, references and the model reference.

This is the "generate" step, free of MkDocs: a list of page plans that any renderer can turn
into HTML with the Jinja templates in ``theme/commons/``.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..model.model import Reference
from ..model.modeldoc import describe_model
from .data import PagePlan, SiteData
from .facets import narrative_facets, narrative_item_values, program_facets, program_item_values
from .matches import find_matches
from .paginate import paginate
from .related import RelatedStories
from .relations import relations_of


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
            f"people/{p.id}.yml", {"person": p, "matches": matches.get(p.id, []),
             "relations": relations_of(p.id, site.backlinks.edges_by_person.get(p.id, []))},
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
    refs = sorted(cat.references.values(), key=_reference_order)
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


def _reference_order(ref: Reference) -> tuple[str, int, str, str]:
    """Authors, year, title, as a reference list is ordered; a work without authors by what it
    is called, one without a year (n.d.) after the dated ones."""
    name = (ref.title or ref.description or "").casefold()
    first = ref.authors[0].casefold() if ref.authors else name
    return first, ref.year if ref.year is not None else 10_000, name, ref.id
