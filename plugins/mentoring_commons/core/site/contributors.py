"""The contributors page: who shared stories (as credited), whose published works are retold
here, and who edited the content (git).

Story authors come from ``published.credits``, so every name is exactly what the author agreed
to show: a pseudonym stays a pseudonym and an anonymous story adds no name at all. Narratives
drawn from a published work (``published:`` instead of ``consent:``) were not shared by the
people in them: they are listed under the work and its authors, never as members' stories. Where the
content folder is part of a git repository, the names of commit authors of ``content/`` are
listed too, except any name in which a withheld person's name appears (those people must not
be named anywhere, and the leak scan would rightly fail the build).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..publish.boundary import ANONYMOUS_CREDIT, Credit, Published, Withheld
from .data import PagePlan, SiteData
from .paginate import paginate

__all__ = ["RetoldWork", "StoryCredit", "git_authors", "natural_name", "plan_contributors",
           "retold_works", "story_credits", "title_after_name", "visible_names"]

GIT_TIMEOUT_SECONDS = 20


@dataclass(frozen=True, slots=True)
class StoryCredit:
    """One credited name and the published narratives it is credited on, each with its title
    as the page lists it after the name (``title_after_name``)."""

    credit: Credit
    narratives: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class RetoldWork:
    """A published work (a reference id), its authors as a thank-you names them ("Given
    Family"), and the published narratives retold from it."""

    reference: str
    authors: tuple[str, ...]
    narratives: tuple[str, ...]


def natural_name(author: str) -> str:
    """References hold "Family, Given" (or an organisation's name): "Given Family"."""
    family, comma, given = author.partition(", ")
    return f"{given} {family}" if comma and given and "," not in given else author


def _key(name: str) -> str:
    """Compare names without case, accents or spacing differences."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def title_after_name(title: str, name: str) -> str:
    """``title`` as listed after ``name``: without the name and separator it already starts
    with, so the page never says "Denise Leyton: Denise Leyton: from ..."."""
    match = re.match(rf"\s*{re.escape(name)}\s*[:,–—-]\s*(\S.*)$", title, re.I | re.S)
    if match is None:
        return title
    rest = match[1]
    return rest[:1].upper() + rest[1:]


def story_credits(published: Published) -> tuple[list[StoryCredit], int]:
    """Credited authors of the members' own published narratives in name order, and how many
    of them credit nobody by name (anonymous stories). Narratives retold from a published work
    are left out: see ``retold_works``."""
    by_credit: dict[Credit, list[str]] = {}
    anonymous = 0
    narratives = published.catalog.narratives
    for narrative_id, credits in published.credits.items():
        if narrative_id not in narratives or narratives[narrative_id].published is not None:
            continue
        named = [c for c in credits if c.name != ANONYMOUS_CREDIT]
        if not named:
            anonymous += 1
        for credit in named:
            by_credit.setdefault(credit, []).append(narrative_id)
    ordered = sorted(by_credit.items(),
                     key=lambda item: (_key(item[0].name), item[0].name, item[0].person_id or ""))
    return [StoryCredit(credit, tuple((n, title_after_name(narratives[n].title, credit.name))
                                      for n in sorted(ids)))
            for credit, ids in ordered], anonymous


def retold_works(published: Published) -> list[RetoldWork]:
    """The works published narratives are retold from, each with those narratives, in the
    order of the works' first author (or title) and year."""
    by_work: dict[str, list[str]] = {}
    for narrative in published.catalog.narratives.values():
        if narrative.published is not None:
            by_work.setdefault(narrative.published.reference, []).append(narrative.id)
    references = published.catalog.references

    def order(ref_id: str) -> tuple[str, int, str]:
        ref = references[ref_id]  # a source may give no authors, title or year
        first = ref.authors[0] if ref.authors else ref.title or ref.description or ""
        return (_key(first), ref.year or 0, ref_id)

    return [RetoldWork(ref_id, tuple(natural_name(a) for a in references[ref_id].authors),
                       tuple(sorted(by_work[ref_id])))
            for ref_id in sorted(by_work, key=order)]


def git_authors(folder: Path) -> list[str] | None:
    """Commit author names (mailmap applied) of ``folder``, or None when git is not installed
    or the folder is not in a repository. Unique, in name order."""
    git = shutil.which("git")
    if git is None or not folder.is_dir():
        return None
    try:
        result = subprocess.run(
            [git, "-C", str(folder), "log", "--format=%aN", "--", "."],
            capture_output=True, text=True, encoding="utf-8", errors="replace",
            timeout=GIT_TIMEOUT_SECONDS, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    names = {" ".join(line.split()) for line in result.stdout.splitlines()}
    names.discard("")
    return sorted(names, key=lambda name: (_key(name), name))


def visible_names(names: Iterable[str], withheld: Iterable[Withheld]) -> list[str]:
    """``names`` without any that contain (or are) the name of a withheld person."""
    hidden = [_key(item.label) for item in withheld if item.kind == "person" and item.label]
    return [name for name in names
            if not any(h == _key(name) or h in _key(name) for h in hidden)]


# Story authors per page: a large community has thousands.
CREDITS_PER_PAGE = 100


def plan_contributors(site: SiteData) -> list[PagePlan]:
    published = site.published
    stories, anonymous = story_credits(published)
    retold = retold_works(published)
    editors = git_authors(Path(published.catalog.root))
    if editors is not None:
        editors = visible_names(editors, published.withheld)
    plans = []
    for chunk, pages in paginate(stories, "about/contributors.md", CREDITS_PER_PAGE,
                                 section=lambda s: s.credit.name[:1].upper()):
        plans.append(PagePlan(
            pages.src_uri, pages.title("Contributors"), "commons/contributors.html",
            "The people who shared their stories and who keep this site's entries up to date.",
            context={"stories": chunk, "pagination": pages, "anonymous_stories": anonymous,
                     "retold": retold, "editors": editors},
        ))
    return plans
