"""Backlinks: who mentions whom, computed once in linear passes (no all-pairs loops)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..publish.boundary import Published
from .glossarylinks import terms_in_markdown


@dataclass(frozen=True, slots=True)
class Edge:
    """A mentoring relationship as the map and person pages show it."""

    source: str  # the author
    target: str  # the other person ("" for someone without a person entry)
    direction: str  # what target was to source: mentor, mentee or peer
    narrative: str
    context: str | None
    someone: str | None = None  # who the other person was, when they have no entry


@dataclass
class Backlinks:
    narratives_by_program: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    recommendations_by_program: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list))
    narratives_by_person: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    edges_by_person: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    edges: list[Edge] = field(default_factory=list)
    # Relationships with someone who has no person entry ("a mentor in the residency
    # program"): on the map as unnamed people linked to their story, on no person page.
    unnamed_edges: list[Edge] = field(default_factory=list)
    recommendations_by_narrative: dict[str, list[str]] = field(
        default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    paths_by_target: dict[tuple[str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list))
    # Glossary term id -> (kind, id) of the narratives and recommendations whose text mentions
    # it and the paths that mention or link it.
    terms_used_by: dict[str, list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list))


def build_backlinks(published: Published) -> Backlinks:
    cat = published.catalog
    links = Backlinks()
    for narrative in cat.narratives.values():
        for program in narrative.programs:
            links.narratives_by_program[program].append(narrative.id)
        for author in narrative.authors:  # only linkable (named, published) authors remain
            links.narratives_by_person[author].append(narrative.id)
        if narrative.source:
            links.cited_by[narrative.source].append(("narrative", narrative.id))
        if narrative.published and narrative.published.reference != narrative.source:
            links.cited_by[narrative.published.reference].append(("narrative", narrative.id))
        for term in terms_in_markdown(cat.glossary, [narrative.body]):
            links.terms_used_by[term].append(("narrative", narrative.id))
        if narrative.id in published.named_narratives:
            peer_pairs: set[frozenset[str]] = set()
            for author in narrative.authors:
                for rel in narrative.relationships:
                    if rel.person is None:
                        if rel.someone:
                            links.unnamed_edges.append(Edge(author, "", rel.direction,
                                                            narrative.id, rel.context,
                                                            rel.someone))
                        continue
                    if rel.person == author:
                        continue
                    if rel.direction == "peer":
                        # Co-authors listed as each other's peers are one relationship.
                        pair = frozenset((author, rel.person))
                        if pair in peer_pairs:
                            continue
                        peer_pairs.add(pair)
                    edge = Edge(author, rel.person, rel.direction, narrative.id, rel.context)
                    links.edges.append(edge)
                    links.edges_by_person[author].append(edge)
                    links.edges_by_person[rel.person].append(edge)
    for rec in cat.recommendations.values():
        for program in rec.programs:
            links.recommendations_by_program[program].append(rec.id)
        for narrative_id in rec.narratives:
            links.recommendations_by_narrative[narrative_id].append(rec.id)
        for source in rec.sources:
            links.cited_by[source].append(("recommendation", rec.id))
        for term in terms_in_markdown(cat.glossary, [rec.body]):
            links.terms_used_by[term].append(("recommendation", rec.id))
    for person in cat.people.values():
        if person.published:
            links.cited_by[person.published.reference].append(("person", person.id))
    for term in cat.glossary.values():
        for ref_id in ((term.source,) if term.source else ()) + tuple(term.cites):
            if ("term", term.id) not in links.cited_by[ref_id]:
                links.cited_by[ref_id].append(("term", term.id))
    for program in cat.programs.values():
        if program.source:
            links.cited_by[program.source].append(("program", program.id))
    for path in cat.paths.values():
        for step in path.steps:
            for kind, ids in (("recommendation", step.recommendations),
                              ("narrative", step.narratives), ("program", step.programs),
                              ("term", step.terms)):
                for target in ids:
                    if path.id not in links.paths_by_target[(kind, target)]:
                        links.paths_by_target[(kind, target)].append(path.id)
        mentioned = terms_in_markdown(
            cat.glossary, [t for step in path.steps for t in (step.title, step.text)])
        for term in dict.fromkeys([*(t for step in path.steps for t in step.terms), *mentioned]):
            links.terms_used_by[term].append(("path", path.id))
    # Person and program pages list their narratives newest first (the newest LIST_LIMIT, at
    # scale); sort once, deterministically.
    for narratives in [*links.narratives_by_person.values(),
                       *links.narratives_by_program.values()]:
        narratives.sort(key=lambda n: (-cat.narratives[n].date.toordinal(), n))
    return links
