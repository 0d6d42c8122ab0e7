"""Peer matches, opt-in only: people who list ``open_to`` see others who did too.

Nobody who left ``open_to`` out is ever a candidate or gets a list: the index below is built
from opted-in people alone. A match needs at least one shared interest or area of work
(compared without case or spacing differences); among those, the sources' advice decides the
order: someone at another institution and someone at a different career stage come first.
Candidates come from an index by interest, each list read to at most ``MAX_POSTINGS``
people, so the work grows with the number of people, not its square.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .data import SiteData

__all__ = ["MAX_MATCHES", "MAX_POSTINGS", "Match", "find_matches", "opted_in"]

MAX_MATCHES = 3
MAX_POSTINGS = 100


@dataclass(frozen=True, slots=True)
class Match:
    person: str  # the other person's id
    score: int
    shared: tuple[str, ...]  # the shared interests or areas, as this person wrote them
    other_institution: bool
    other_stage: bool
    reason: str


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def opted_in(person: Any) -> bool:
    return bool(person.open_to)


def _interests(person: Any) -> dict[str, str]:
    """Normalised interest or area -> the person's own wording (interests first)."""
    result: dict[str, str] = {}
    for text in (*person.interests, *person.areas):
        result.setdefault(_norm(text), text)
    return result


def find_matches(site: SiteData, limit: int = MAX_MATCHES) -> dict[str, list[Match]]:
    """``{person id: matches, best first}``, only for people who opted in."""
    people = sorted((p for p in site.catalog.people.values() if opted_in(p)),
                    key=lambda p: (p.name.casefold(), p.id))
    rank = {p.id: i for i, p in enumerate(people)}
    by_id = {p.id: p for p in people}
    interests = {p.id: _interests(p) for p in people}
    postings: dict[str, list[str]] = {}
    for p in people:
        for key in interests[p.id]:
            postings.setdefault(key, []).append(p.id)

    result: dict[str, list[Match]] = {}
    for p in people:
        shared: dict[str, list[str]] = {}
        for key in interests[p.id]:
            for other in postings[key][:MAX_POSTINGS]:
                if other != p.id:
                    shared.setdefault(other, []).append(key)
        matches = [_match(site, p, by_id[o], [interests[p.id][k] for k in keys])
                   for o, keys in shared.items()]
        matches.sort(key=lambda m: (-m.score, rank[m.person]))
        if matches[:limit]:
            result[p.id] = matches[:limit]
    return result


def _match(site: SiteData, person: Any, other: Any, shared: list[str]) -> Match:
    other_institution = bool(person.institution and other.institution
                             and _norm(person.institution) != _norm(other.institution))
    other_stage = person.career_stage != other.career_stage
    score = 2 * len(shared) + other_institution + other_stage
    parts = [f"In common: {_list(shared)}."]
    if other_institution:
        parts.append("Works at another institution.")
    if other_stage:
        parts.append(f"At a different career stage "
                     f"({site.label('career_stages', other.career_stage).lower()}).")
    return Match(other.id, score, tuple(shared), other_institution, other_stage,
                 " ".join(parts))


def _list(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]
