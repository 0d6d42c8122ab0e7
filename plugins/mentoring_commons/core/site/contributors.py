"""The contributors page: who shared stories (as credited) and who edited the content (git).

Story authors come from ``published.credits``, so every name is exactly what the author agreed
to show: a pseudonym stays a pseudonym and an anonymous story adds no name at all. Where the
content folder is part of a git repository, the names of commit authors of ``content/`` are
listed too, except any name in which a withheld person's name appears (those people must not
be named anywhere, and the leak scan would rightly fail the build).
"""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..publish.boundary import ANONYMOUS_CREDIT, Credit, Published, Withheld
from .data import PagePlan, SiteData
from .paginate import paginate

__all__ = ["StoryCredit", "git_authors", "plan_contributors", "story_credits", "visible_names"]

GIT_TIMEOUT_SECONDS = 20


@dataclass(frozen=True, slots=True)
class StoryCredit:
    """One credited name and the published narratives it is credited on."""

    credit: Credit
    narratives: tuple[str, ...]


def _key(name: str) -> str:
    """Compare names without case, accents or spacing differences."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def story_credits(published: Published) -> tuple[list[StoryCredit], int]:
    """Credited authors of published narratives in name order, and how many published
    narratives credit nobody by name (anonymous stories)."""
    by_credit: dict[Credit, list[str]] = {}
    anonymous = 0
    for narrative_id, credits in published.credits.items():
        if narrative_id not in published.catalog.narratives:
            continue
        named = [c for c in credits if c.name != ANONYMOUS_CREDIT]
        if not named:
            anonymous += 1
        for credit in named:
            by_credit.setdefault(credit, []).append(narrative_id)
    ordered = sorted(by_credit.items(),
                     key=lambda item: (_key(item[0].name), item[0].name, item[0].person_id or ""))
    return [StoryCredit(credit, tuple(sorted(ids))) for credit, ids in ordered], anonymous


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
                     "editors": editors},
        ))
    return plans
