"""Fixtures that write small real sites into temporary folders and build them."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
# The fixture sites' contact (every build needs one).
MAINTAINERS = "maintainers@example.org"

VOCABULARIES = """\
mentoring_forms:
  peer:
    label: Peer mentoring
    definition: Colleagues at a similar stage support each other.
  group:
    label: Group mentoring
    definition: Several people mentor one another together.
topics:
  boundaries:
    label: Boundaries
    definition: Knowing and protecting the limits of your time.
  belonging:
    label: Belonging
    definition: Feeling part of a community.
roles:
  librarian:
    label: Librarian
    definition: A professional librarian.
career_stages:
  early-career:
    label: Early career
    definition: The first years in the field.
  mid-career:
    label: Mid career
    definition: Established in the field.
library_types:
  academic:
    label: Academic
    definition: A college or university library.
program_kinds:
  peer-group:
    label: Peer group
    definition: A group of peers that meets regularly.
program_audiences:
  early-career:
    label: Early-career staff
    definition: People in their first years.
recommendation_audiences:
  individuals:
    label: Individuals
    definition: Any library worker.
content_notes:
  burnout:
    label: Burnout
    definition: Exhaustion from work.
"""

PERSON_ANA = """\
name: Ana Example
pronouns: she/her
roles: [librarian]
career_stage: early-career
library_types: [academic]
interests: [instruction]
bio: Ana is an instruction librarian.
visibility: public
consent:
  naming: named
  given: 2025-01-10
"""

PERSON_BEN = """\
name: Ben Sample
roles: [librarian]
career_stage: mid-career
visibility: public
consent:
  naming: named
  given: 2025-01-10
"""

NARRATIVE_ANA = """\
---
title: Finding my people
authors: [ana]
summary: How Ana found a peer group in her first year.
date: 2025-02-01
forms: [peer, group]
topics: [belonging]
programs: [lunch-club]
relationships:
  - person: ben
    direction: peer
    context: Monthly lunches
source: smith-2020
visibility: public
consent:
  naming: named
  given: 2025-01-10
---
Ana arrived knowing nobody at the library and spent her first weeks eating lunch alone.

## What helped

A colleague invited her to a monthly lunch club where new staff compared notes on their work.
"""

PROGRAM = """\
name: Lunch Club
url: https://example.org/lunch-club
sponsor: Example University Library
kind: peer-group
audience: [early-career]
scope: local
format: in-person
cost: free
description: A monthly lunch for new staff to meet peers.
source: smith-2020
"""

RECOMMENDATION = """\
---
title: Join a peer group early
audience: individuals
theme: belonging
summary: Peer groups help newcomers find their footing.
sources: [smith-2020]
programs: [lunch-club]
narratives: [ana-finding-my-people]
---
Look for a peer group in your first month.
"""

GLOSSARY = """\
peer-mentoring:
  term: Peer mentoring
  aliases: [lateral mentoring]
  definition: Mentoring between colleagues at a similar level.
  source: smith-2020
"""

REFERENCES = """\
smith-2020:
  type: article
  authors: ["Smith, Jo"]
  title: Peer groups in academic libraries
  year: 2020
  container: Journal of Examples
  doi: 10.1234/example.5678
"""

PATH = """\
title: Your first month
summary: Four steps for your first month.
steps:
  - title: Join a peer group
    when: Week 1
    text: Find out which peer groups meet near you.
    recommendations: [join-a-peer-group-early]
    narratives: [ana-finding-my-people]
    programs: [lunch-club]
    terms: [peer-mentoring]
"""

HOME = """\
---
title: Welcome
---
# Welcome

Start with [the narratives](narratives/index.md).
"""


# The authors of stories credited more narrowly than by name. A story's file lists no author id
# that says more than the story shows (commons check), so such a story's author is an entry
# named the same way: an anonymous one (no name, no page), or a pseudonymous one, internal here
# so that it changes no listing of the fixture site.
PERSON_ANONYMOUS = """\
roles: [librarian]
career_stage: mid-career
visibility: public
consent:
  naming: anonymous
  given: 2025-01-10
"""


def person_pseudonym(pseudonym: str, visibility: str = "internal") -> str:
    return (f"name: {pseudonym}\nroles: [librarian]\ncareer_stage: mid-career\n"
            f"visibility: {visibility}\nconsent:\n  naming: pseudonym\n  given: 2025-01-10\n"
            f"  pseudonym: {pseudonym}\n")


def base_files() -> dict[str, str]:
    return {
        "content/vocabularies.yml": VOCABULARIES,
        "content/people/ana.yml": PERSON_ANA,
        "content/people/ben.yml": PERSON_BEN,
        "content/narratives/ana-finding-my-people.md": NARRATIVE_ANA,
        "content/programs/lunch-club.yml": PROGRAM,
        "content/recommendations/join-a-peer-group-early.md": RECOMMENDATION,
        "content/glossary.yml": GLOSSARY,
        "content/references.yml": REFERENCES,
        "content/paths/first-month.yml": PATH,
        "content/pages/index.md": HOME,
    }


def mkdocs_yml(edition: str = "public", today: str = TODAY) -> str:
    return textwrap.dedent(f"""\
        site_name: Test Commons
        site_url: https://example.org/
        docs_dir: content/pages
        strict: true
        theme:
          name: material
          custom_dir: {REPO / 'theme'}
          font: false
        extra_css: [assets/commons.css]
        plugins:
          - commons:
              edition: {edition}
              today: "{today}"
              contact:
                email: {MAINTAINERS}
          - search
        markdown_extensions:
          - attr_list
          - md_in_html
          - admonition
          - toc:
              permalink: true
        """)


@dataclass
class Site:
    root: Path

    def write(self, rel: str, text: str | bytes) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    def remove(self, rel: str) -> None:
        (self.root / rel).unlink()

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def build(self, caplog: pytest.LogCaptureFixture | None = None) -> None:
        """Build with MkDocs' own API. Raises ``Abort`` on failure, like ``mkdocs build``."""
        config = load_config(str(self.root / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()

    def html(self, rel: str) -> str:
        return (self.site_dir / rel).read_text(encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Site]:
    """``make_site(overrides, edition=...)``: the base fixture site with files replaced
    (a value of None deletes the file)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")

    def factory(overrides: dict[str, str | bytes | None] | None = None, *,
                edition: str = "public", today: str = TODAY) -> Site:
        site = Site(tmp_path)
        files: dict[str, str | bytes | None] = {**base_files(), **(overrides or {})}
        for rel, text in files.items():
            if text is not None:
                site.write(rel, text)
        site.write("mkdocs.yml", mkdocs_yml(edition, today))
        return site

    return factory


def build_fails(site: Site, caplog: pytest.LogCaptureFixture) -> list[str]:
    """Build a site that must fail; return the error lines our plugin logged."""
    caplog.set_level(logging.WARNING)
    with pytest.raises(Abort):
        site.build()
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


OFFLINE_SWITCH = "enabled: !ENV [COMMONS_OFFLINE, false]"


def shipped_config(*, offline: bool = False) -> str:
    """The shipped mkdocs.yml, with the offline edition switched on if asked."""
    text = (REPO / "mkdocs.yml").read_text("utf-8")
    assert OFFLINE_SWITCH in text
    return text.replace(OFFLINE_SWITCH, "enabled: true") if offline else text


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content and mkdocs.yml built once (public edition): its site folder."""
    from browser.conftest import build_shipped

    return build_shipped(tmp_path_factory.mktemp("shipped"), shipped_config())


@pytest.fixture(scope="session")
def shipped_offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once as the file:// offline edition: its site folder."""
    from browser.conftest import build_shipped

    return build_shipped(tmp_path_factory.mktemp("shipped-offline"), shipped_config(offline=True))
