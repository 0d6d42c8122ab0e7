"""Related narratives: stories that share topics, mentoring forms, programs, or the people
they are by (their role, career stage and library type at the time: storypeople.py).

Candidates come from inverted indexes (value -> narratives), never from comparing every pair.
Each posting list is read only up to ``MAX_POSTINGS`` entries (newest first), so a value that
half the stories share cannot make the work quadratic, while stories sharing any rarer value
(the ones that say the most) are always found. Scores and tie-breaks are fixed: a shared
program or role at the time counts 3, a shared topic, career stage or library type 2, a
shared form 1; ties go to the newer story, then the title, then the id. A role, stage or
library type that more than half of all stories share (on the shipped site: librarian,
early career, academic) counts for nothing and is not given as a reason: it says nothing about
two stories in particular.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .data import SiteData, body_free
from .storypeople import StoryPeople, story_people
from .storypeople import with_article as _article

__all__ = ["MAX_POSTINGS", "MAX_RELATED", "LazyList", "Related", "RelatedStories", "explain",
           "find_related"]

MAX_RELATED = 4
MAX_POSTINGS = 60
WEIGHTS = {"program": 3, "role": 3, "topic": 2, "stage": 2, "library": 2, "form": 1}
_PEOPLE_KEYS = ("role", "stage", "library")


@dataclass(frozen=True, slots=True)
class Related:
    narrative: str  # the related story's id
    score: int
    topics: tuple[str, ...]  # shared values, in the vocabulary's order
    forms: tuple[str, ...]
    programs: tuple[str, ...]
    reason: str  # one line, e.g. "Also by someone who started as library staff; also about …"
    roles: tuple[str, ...] = ()  # shared roles, stages and library types at the time that
    stages: tuple[str, ...] = ()  # counted (fewer than half of all stories have them)
    library_types: tuple[str, ...] = ()


def _keys(n: Any, then: StoryPeople) -> list[tuple[str, str]]:
    return ([("program", p) for p in n.programs] + [("role", r) for r in then.roles]
            + [("topic", t) for t in n.topics] + [("stage", s) for s in then.career_stages]
            + [("library", t) for t in then.library_types] + [("form", f) for f in n.forms])


@dataclass(frozen=True, slots=True)
class _Index:
    ids: list[str]  # newest first
    rank: dict[str, int]  # id -> place in ids: the final tie-break
    postings: dict[tuple[str, str], list[str]]  # (kind, value) -> ids, newest first


@body_free
def _index(site: SiteData) -> _Index:
    order = sorted(site.catalog.narratives.values(),
                   key=lambda n: (-n.date.toordinal(), n.title, n.id))
    postings: dict[tuple[str, str], list[str]] = {}
    people = site.catalog.people
    for n in order:
        for key in dict.fromkeys(_keys(n, story_people(n, people))):
            postings.setdefault(key, []).append(n.id)
    # Who a story is by counts only where it sets it apart: a role most stories share says
    # nothing about two of them (and a posting list read to MAX_POSTINGS would rank them by
    # date, not by likeness).
    half = len(order) / 2
    for key in [k for k, ids in postings.items() if k[0] in _PEOPLE_KEYS and len(ids) > half]:
        del postings[key]
    return _Index([n.id for n in order], {n.id: i for i, n in enumerate(order)}, postings)


class RelatedStories:
    """The related stories of each published narrative, found when first asked for. A build
    renders every narrative page and so asks for all of them; a ``mkdocs serve --dirty``
    rebuild renders only the edited story's page, and finds only its related stories."""

    def __init__(self, site: SiteData, limit: int = MAX_RELATED) -> None:
        self.site, self.limit = site, limit
        index: _Index = site.derived(_index)
        self.ids, self.rank, self.postings = index.ids, index.rank, index.postings
        self._found: dict[str, list[Related]] = {}

    def of(self, narrative_id: str) -> list[Related]:
        found = self._found.get(narrative_id)
        if found is None:
            found = self._found[narrative_id] = self._find(narrative_id)
        return found

    def lazily(self, narrative_id: str) -> LazyList:
        return LazyList(lambda: self.of(narrative_id))

    def _find(self, narrative_id: str) -> list[Related]:
        narratives, people = self.site.catalog.narratives, self.site.catalog.people
        n = narratives[narrative_id]
        scores: dict[str, int] = {}
        for key in dict.fromkeys(_keys(n, story_people(n, people))):
            for other in self.postings.get(key, ())[:MAX_POSTINGS]:
                if other != n.id:
                    scores[other] = scores.get(other, 0) + WEIGHTS[key[0]]
        # = sorted(...)[:limit], without sorting the hundreds of candidates a story has.
        best = heapq.nsmallest(self.limit, scores, key=lambda o: (-scores[o], self.rank[o]))
        return [_describe(self.site, n, narratives[o], scores[o], self.postings) for o in best]


class LazyList(Sequence[Any]):
    """A list computed on first use (a template's ``if`` or ``for``), then kept."""

    def __init__(self, compute: Callable[[], list[Any]]) -> None:
        self._compute: Callable[[], list[Any]] | None = compute
        self._items: list[Any] = []

    def _list(self) -> list[Any]:
        if self._compute is not None:
            self._items, self._compute = self._compute(), None
        return self._items

    def __getitem__(self, index: Any) -> Any:
        return self._list()[index]

    def __len__(self) -> int:
        return len(self._list())

    def __eq__(self, other: object) -> bool:
        return self._list() == (other._list() if isinstance(other, LazyList) else other)

    __hash__ = None  # type: ignore[assignment]  # like a list


def find_related(site: SiteData, limit: int = MAX_RELATED) -> dict[str, list[Related]]:
    """``{narrative id: related stories, best first}`` for every published narrative."""
    stories = RelatedStories(site, limit)
    return {narrative_id: stories.of(narrative_id) for narrative_id in stories.ids}


def _shared(values: Iterable[str], other: Iterable[str]) -> tuple[str, ...]:
    theirs = set(other)
    return tuple(v for v in values if v in theirs)


def _describe(site: SiteData, n: Any, other: Any, score: int,
              postings: dict[tuple[str, str], list[str]]) -> Related:
    topics = _shared(n.topics, other.topics)
    forms = _shared(n.forms, other.forms)
    programs = _shared(n.programs, other.programs)
    people = site.catalog.people
    mine, theirs = story_people(n, people), story_people(other, people)

    def counted(kind: str, values: Iterable[str], other_values: Iterable[str]) -> tuple[str, ...]:
        return tuple(v for v in _shared(values, other_values) if (kind, v) in postings)

    roles = counted("role", theirs.roles, mine.roles)  # in the other story's order
    stages = counted("stage", mine.career_stages, theirs.career_stages)
    types = counted("library", mine.library_types, theirs.library_types)
    started = bool(roles) and len(theirs.roles) > 1 and theirs.roles[0] == roles[0]
    reason = explain(site, topics, forms, programs,
                     by=_by_line(site, roles[:1], stages[:1], types[:1], started))
    return Related(other.id, score, topics, forms, programs, reason, roles, stages, types)


def _by_line(site: SiteData, roles: tuple[str, ...], stages: tuple[str, ...],
             types: tuple[str, ...], started: bool) -> list[str]:
    """What the two stories' people had in common at the time, as clauses: 'also by someone
    who started as library staff', 'also set in a public library'."""
    parts = []
    if roles:
        role = _article(_lower(site.label("roles", roles[0])))
        parts.append(f"also by someone who {'started as' if started else 'was'} {role}")
    elif stages:
        stage = _lower(site.label("career_stages", stages[0]))
        parts.append(f"also by someone who was {_article(stage)}" if stage == "student"
                     else f"also by someone in {stage}")
    if types:
        parts.append(f"also set in {_article(_lower(site.label('library_types', types[0])))}")
    return parts


def _lower(label: str) -> str:
    """'Peer mentoring' -> 'peer mentoring', but 'DEIA' and 'Diversity, ...' keep acronyms."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def _join(words: list[str], most: int = 3) -> str:
    if len(words) > most:
        words = [*words[: most - 1], f"{len(words) - most + 1} more"]
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " and " + words[-1]


def explain(site: SiteData, topics: Iterable[str], forms: Iterable[str],
            programs: Iterable[str], by: Iterable[str] = ()) -> str:
    """Why two stories are related, as one short line: who they are by first (``by``, from
    _by_line), then what they are about."""
    about = [_lower(site.label("topics", t)) for t in topics]
    about += [_lower(site.label("mentoring_forms", f)) for f in forms]
    names = [site.catalog.programs[p].name for p in programs if p in site.catalog.programs]
    parts = list(by)
    if about:
        parts.append(f"also about {_join(about)}")
    if names:
        parts.append(f"also mentions {_join(names, 2)}")
    line = "; ".join(parts)
    return (line[:1].upper() + line[1:] + ".") if line else ""
