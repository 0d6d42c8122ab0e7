"""The publishing boundary: which records an edition may show, and how people are named.

Default deny. A record reaches the published catalog only if its visibility fits the edition
and, for entries about people, it has a current basis: consent given, not withdrawn, not past
its review date, or a published work it is drawn from. Everything downstream (pages, listings,
search, exports) reads only the published catalog, so it cannot leak what it never receives.
References to withheld entries are removed from published records, and people are renamed to
the level they agreed to, so a full name never travels further than its consent allows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from ..load.catalog import Catalog
from ..load.recordmemo import RecordMemo
from ..model.model import Consent, Narrative, OnboardingPath, Person, Recommendation
from ..model.naming import shown_name
from ..source.diagnostics import Report

EditionName = Literal["public", "internal"]
ANONYMOUS_CREDIT = "A community member"


@dataclass(frozen=True, slots=True)
class Edition:
    name: EditionName = "public"
    today: dt.date = field(default_factory=dt.date.today)

    def admits(self, visibility: str) -> bool:
        return visibility == "public" or self.name == "internal"


@dataclass(frozen=True, slots=True)
class Credit:
    """An author as the site shows them. ``person_id`` is set only when linking to their page
    reveals nothing beyond what the narrative's consent allows."""

    name: str
    person_id: str | None = None


@dataclass(frozen=True, slots=True)
class Withheld:
    """An entry kept out of this edition, with the strings the leak scan looks for."""

    kind: str
    collection: str
    id: str
    label: str
    phrase: str | None
    reason: str
    path: str = ""  # the content file, for messages


@dataclass
class Published:
    catalog: Catalog
    edition: Edition
    credits: dict[str, tuple[Credit, ...]]
    withheld: list[Withheld]
    # Narratives whose relationships may appear on person pages and in the map: only those
    # whose authors are named, so an anonymous story is never tied back to a person.
    named_narratives: frozenset[str]


def consent_problem(consent: Consent | None, basis: Any, today: dt.date) -> str | None:
    if basis is not None:
        return None
    if consent is None:
        return "no consent recorded"
    if consent.withdrawn:
        return "consent withdrawn"
    if consent.given > today:
        return "consent dated in the future"
    if consent.review_by and consent.review_by < today:
        return f"consent review date {consent.review_by} has passed"
    return None


def display_name(person: Person, naming: str) -> str:
    """The name shown for ``person`` at ``naming`` (model/naming.py; the check makes sure the
    file holds no more). Only called for a level that shows a name."""
    return shown_name(person, naming) or ANONYMOUS_CREDIT


# A run of words separated by single spaces only: no punctuation or Markdown inside it, so the
# rendered page holds it verbatim once tags are removed (see leakscan._words).
_PLAIN_RUN = re.compile(r"[^\W_]+(?: [^\W_]+)+")


# Kept by text: under serve every rebuild selects again, and a withheld entry's body is the
# same string object while its file is unchanged (its hash is kept too).
@functools.lru_cache(maxsize=8192)
def body_phrase(text: str, words: int = 8, fewest: int = 5) -> str | None:
    """A run of ``words`` words from the middle of a body, for the leak scan: taken from the
    unpunctuated run nearest the middle that is long enough (``fewest`` words at least)."""
    flat = " ".join(text.split())
    middle = len(flat) / 2
    best: tuple[tuple[int, float], list[str]] | None = None
    for run in _PLAIN_RUN.finditer(flat):
        tokens = run.group().split(" ")
        if len(tokens) < fewest:
            continue
        # Longer runs first (up to ``words``), then the one nearest the middle.
        rank = (-min(len(tokens), words), abs((run.start() + run.end()) / 2 - middle))
        if best is None or rank < best[0]:
            best = (rank, tokens)
    if best is None:
        return None
    tokens = best[1]
    start = (len(tokens) - min(len(tokens), words)) // 2
    return " ".join(tokens[start : start + words])


def _replace(record: Any, changes: tuple[tuple[str, Any], ...]) -> Any:
    return dataclasses.replace(record, **dict(changes))


# A published copy of a record is the very object the last build made while the record is the
# same object and the changes are equal: what keeps results by identity from one serve rebuild
# to the next (recordmemo.py, the listing stubs' digests) then finds it again. Copying was also
# a fifth of select's time at 10,000 narratives.
_COPIES = RecordMemo(_replace)


def select(catalog: Catalog, edition: Edition, report: Report | None = None) -> Published:
    report = report or Report()
    _COPIES.next_build()
    withheld: list[Withheld] = []
    out = Catalog(root=catalog.root, vocabularies=catalog.vocabularies, assets=list(catalog.assets),
                  references=dict(catalog.references), glossary=dict(catalog.glossary),
                  known_ids=catalog.known_ids)

    def hold(kind: str, collection: str, record: Any, label: str, reason: str,
             body: str = "") -> None:
        withheld.append(Withheld(kind, collection, record.id, label, body_phrase(body), reason,
                                 record.origin.path if record.origin else ""))

    # People: public, current basis, and not anonymous (an anonymous person has no page).
    for person in catalog.people.values():
        naming = person.consent.naming if person.consent else "named"
        problem = consent_problem(person.consent, person.published, edition.today)
        if not edition.admits(person.visibility):
            hold("person", "people", person, person.name, "internal")
        elif problem:
            hold("person", "people", person, person.name, problem)
        elif naming == "anonymous":
            hold("person", "people", person, person.name, "anonymous: no person page")
        else:
            out.people[person.id] = _COPIES(person, (("name", display_name(person, naming)),))

    for program in catalog.programs.values():
        if edition.admits(program.visibility):
            out.programs[program.id] = program
        else:
            hold("program", "programs", program, program.name, "internal")

    credits: dict[str, tuple[Credit, ...]] = {}
    named: set[str] = set()
    for narrative in catalog.narratives.values():
        problem = consent_problem(narrative.consent, narrative.published, edition.today)
        if not edition.admits(narrative.visibility):
            hold("narrative", "narratives", narrative, narrative.title, "internal", narrative.body)
            continue
        if problem:
            hold("narrative", "narratives", narrative, narrative.title, problem, narrative.body)
            continue
        naming = narrative.consent.naming if narrative.consent else "named"
        hidden_authors = [a for a in narrative.authors if a not in out.people]
        if naming in ("named", "first-name") and hidden_authors:
            # Naming an author whose own entry is not public would publish them by the back
            # door; an anonymous or pseudonymous story reveals nobody and may go ahead.
            hold("narrative", "narratives", narrative, narrative.title,
                 f"author {hidden_authors[0]!r} is not public", narrative.body)
            continue
        credits[narrative.id] = _credits(narrative, naming, catalog, out)
        if naming == "named":
            named.add(narrative.id)
        out.narratives[narrative.id] = _COPIES(narrative, (
            ("authors", tuple(c.person_id for c in credits[narrative.id] if c.person_id)),
            ("programs", tuple(p for p in narrative.programs if p in out.programs)),
            ("relationships",
             # Someone without an entry (described, never named) stays with the story; a
             # person whose entry is not public is left out, as if never mentioned.
             tuple(r for r in narrative.relationships
                   if r.person in out.people or (r.person is None and r.someone))),
        ))

    for rec in catalog.recommendations.values():
        if edition.admits(rec.visibility):
            out.recommendations[rec.id] = _prune_recommendation(rec, out)
        else:
            hold("recommendation", "recommendations", rec, rec.title, "internal", rec.body)

    for path in catalog.paths.values():
        if edition.admits(path.visibility):
            out.paths[path.id] = _prune_path(path, out)
        else:
            hold("path", "paths", path, path.title, "internal")

    for rel, page in catalog.pages.items():
        if edition.admits(page.visibility):
            out.pages[rel] = page
        else:
            hold("page", "pages", page, page.title or rel, "internal", page.body)

    for item in withheld:
        # (An expired review date is reported by the content check, at its line.) A notice: an
        # author's withdrawn consent holds their stories back, and a build that failed on it
        # would keep the last published site, stories and all.
        if item.reason.startswith("author"):
            report.notice(item.path, 1, 1, f"{item.kind} {item.id!r} held back: {item.reason}.")
    return Published(out, edition, credits, withheld, frozenset(named))


def _credits(
    narrative: Narrative, naming: str, source: Catalog, out: Catalog
) -> tuple[Credit, ...]:
    if naming == "anonymous":
        return (Credit(ANONYMOUS_CREDIT),)
    if naming == "pseudonym" and narrative.consent and narrative.consent.pseudonym:
        return (Credit(narrative.consent.pseudonym),)
    result = []
    for author in narrative.authors:
        person = source.people[author] if author in source.people else None
        if person is None:
            continue
        if naming == "named" and author in out.people:
            result.append(Credit(out.people[author].name, author))
        else:
            result.append(Credit(display_name(person, naming)))
    return tuple(result) or (Credit(ANONYMOUS_CREDIT),)


def _prune_recommendation(rec: Recommendation, out: Catalog) -> Recommendation:
    return _COPIES(rec, (
        ("programs", tuple(p for p in rec.programs if p in out.programs)),
        ("narratives", tuple(n for n in rec.narratives if n in out.narratives)),
    ))


def _prune_path(path: OnboardingPath, out: Catalog) -> OnboardingPath:
    steps = tuple(
        _COPIES(step, (
            ("recommendations",
             tuple(r for r in step.recommendations if r in out.recommendations)),
            ("narratives", tuple(n for n in step.narratives if n in out.narratives)),
            ("programs", tuple(p for p in step.programs if p in out.programs)),
        ))
        for step in path.steps
    )
    return _COPIES(path, (("steps", steps),))
