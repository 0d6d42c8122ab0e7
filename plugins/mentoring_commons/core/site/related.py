"""Related narratives: stories that share topics, mentoring forms or programs with another.

Candidates come from inverted indexes (value -> narratives), never from comparing every pair.
Each posting list is read only up to ``MAX_POSTINGS`` entries (newest first), so a value that
half the stories share cannot make the work quadratic, while stories sharing any rarer value
(the ones that say the most) are always found. Scores and tie-breaks are fixed: a shared
program counts 3, a shared topic 2, a shared form 1; ties go to the newer story, then the
title, then the id.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .data import SiteData, body_free

__all__ = ["MAX_POSTINGS", "MAX_RELATED", "LazyList", "Related", "RelatedStories", "explain",
           "find_related"]

MAX_RELATED = 4
MAX_POSTINGS = 60
WEIGHTS = {"program": 3, "topic": 2, "form": 1}


@dataclass(frozen=True, slots=True)
class Related:
    narrative: str  # the related story's id
    score: int
    topics: tuple[str, ...]  # shared values, in the vocabulary's order
    forms: tuple[str, ...]
    programs: tuple[str, ...]
    reason: str  # one line, e.g. "Also about boundaries and trust; also peer mentoring."


def _keys(n: Any) -> list[tuple[str, str]]:
    return ([("program", p) for p in n.programs] + [("topic", t) for t in n.topics]
            + [("form", f) for f in n.forms])


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
    for n in order:
        for key in dict.fromkeys(_keys(n)):
            postings.setdefault(key, []).append(n.id)
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
        narratives = self.site.catalog.narratives
        n = narratives[narrative_id]
        scores: dict[str, int] = {}
        for key in dict.fromkeys(_keys(n)):
            for other in self.postings[key][:MAX_POSTINGS]:
                if other != n.id:
                    scores[other] = scores.get(other, 0) + WEIGHTS[key[0]]
        # = sorted(...)[:limit], without sorting the hundreds of candidates a story has.
        best = heapq.nsmallest(self.limit, scores, key=lambda o: (-scores[o], self.rank[o]))
        return [_describe(self.site, n, narratives[o], scores[o]) for o in best]


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


def _describe(site: SiteData, n: Any, other: Any, score: int) -> Related:
    topics = _shared(n.topics, other.topics)
    forms = _shared(n.forms, other.forms)
    programs = _shared(n.programs, other.programs)
    return Related(other.id, score, topics, forms, programs,
                   explain(site, topics, forms, programs))


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
            programs: Iterable[str]) -> str:
    """Why two stories are related, as one short line."""
    about = [_lower(site.label("topics", t)) for t in topics]
    about += [_lower(site.label("mentoring_forms", f)) for f in forms]
    names = [site.catalog.programs[p].name for p in programs if p in site.catalog.programs]
    parts = []
    if about:
        parts.append(f"also about {_join(about)}")
    if names:
        parts.append(f"also mentions {_join(names, 2)}")
    line = "; ".join(parts)
    return (line[:1].upper() + line[1:] + ".") if line else ""
