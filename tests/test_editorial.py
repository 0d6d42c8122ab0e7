"""Sourced and editorial apart: the site's own suggestions are marked in the model and shown
under the editors' name, never inside a block that cites a source; unconfirmed program facts
are marked; a reference says what its source does not give."""

from __future__ import annotations

import os
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import REPO, build_fails
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.model.model import NOT_GIVEN

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class Blocks(HTMLParser):
    """The text inside every ``.mc-source`` and every ``.mc-editorial`` element, and any
    element of one kind found inside the other."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[set[str]] = []
        self.source_text: list[str] = []
        self.editorial_text: list[str] = []
        self.nested: list[str] = []

    def _inside(self, cls: str) -> bool:
        return any(cls in classes for classes in self.stack)

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        if "mc-editorial" in classes and self._inside("mc-source"):
            self.nested.append("editorial inside sources")
        if "mc-source" in classes and self._inside("mc-editorial"):
            self.nested.append("sources inside editorial")
        if tag not in VOID:
            self.stack.append(classes)

    def handle_endtag(self, tag):
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if self._inside("mc-source"):
            self.source_text.append(data)
        if self._inside("mc-editorial"):
            self.editorial_text.append(data)


def blocks(html: str) -> Blocks:
    parser = Blocks()
    parser.feed(html)
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def plain(html: str) -> str:
    """The text of an HTML fragment, tags dropped and entities decoded."""
    return squash(unescape(re.sub(r"<[^>]+>", " ", html)))


EDITORIAL_RECOMMENDATION = """\
---
title: Join a peer group early
audience: individuals
theme: belonging
summary: Peer groups help newcomers find their footing.
sources: [smith-2020]
editorial:
  steps:
    - Ask at your first team meeting which groups meet near you.
  cautions:
    - A group that only meets after hours leaves out people with caring duties.
---
Smith found that peer groups help newcomers in their first year.
"""


def test_recommendation_shows_editorial_text_apart_from_its_sources(make_site):
    site = make_site({"content/recommendations/join-a-peer-group-early.md":
                      EDITORIAL_RECOMMENDATION})
    site.build()
    html = site.html("recommendations/join-a-peer-group-early/index.html")
    found = blocks(html)
    assert found.nested == []
    editorial = squash("".join(found.editorial_text))
    sources = squash("".join(found.source_text))
    assert "Suggestions from the editors" in editorial
    assert "Ask at your first team meeting which groups meet near you." in editorial
    assert "A group that only meets after hours leaves out people with caring duties." in editorial
    assert "not from the source" in editorial
    assert "first team meeting" not in sources and "caring duties" not in sources
    assert "Smith, Jo (2020)" in sources
    # the cited text is outside both blocks, above the sources
    assert "peer groups help newcomers in their first year" not in editorial
    assert html.index("help newcomers in their first year") < html.index('id="sources"')


def test_a_recommendation_without_editorial_text_has_no_editors_section(make_site):
    site = make_site()
    site.build()
    html = site.html("recommendations/join-a-peer-group-early/index.html")
    assert "mc-editorial" not in html and 'id="sources"' in html


@pytest.mark.parametrize("heading", ["## How to do it this month", "### Watch out for",
                                     "## Suggestions from the editors", "## Try this"])
def test_an_editors_section_written_into_the_cited_text_is_an_error(make_site, caplog, heading):
    text = ("---\ntitle: Join a peer group early\naudience: individuals\ntheme: belonging\n"
            "summary: Peer groups help.\nsources: [smith-2020]\n---\nSmith says so.\n\n"
            f"{heading}\n\n- Ask around.\n")
    site = make_site({"content/recommendations/join-a-peer-group-early.md": text})
    messages = build_fails(site, caplog)
    assert any(":10:1: error: the heading" in m and "move its points to 'editorial'" in m
               for m in messages), messages


def test_a_heading_inside_fenced_code_is_not_an_editors_section(make_site):
    text = ("---\ntitle: Join a peer group early\naudience: individuals\ntheme: belonging\n"
            "summary: Peer groups help.\nsources: [smith-2020]\n---\nSmith says so.\n\n"
            "```\n## Watch out for\n```\n")
    site = make_site({"content/recommendations/join-a-peer-group-early.md": text})
    site.build()


def test_an_empty_editorial_block_is_an_error(make_site, caplog):
    text = EDITORIAL_RECOMMENDATION.replace(
        "  steps:\n    - Ask at your first team meeting which groups meet near you.\n"
        "  cautions:\n    - A group that only meets after hours leaves out people with caring "
        "duties.\n", "  steps: []\n")
    site = make_site({"content/recommendations/join-a-peer-group-early.md": text})
    messages = build_fails(site, caplog)
    assert any("editorial is empty" in m for m in messages), messages


def test_unconfirmed_program_facts_are_marked_and_explained(make_site):
    site = make_site({"content/programs/lunch-club.yml": """\
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
unconfirmed: [format, cost]
"""})
    site.build()
    html = site.html("programs/lunch-club/index.html")
    rows = {}
    for row in html.split('<div class="mc-facts__row">')[1:]:
        label = row.split("<dt>")[1].split("</dt>")[0]
        rows[label] = "not confirmed" in row.split("</div>")[0]
    assert rows["Format"] and rows["Cost"]
    assert not rows["Reach"] and not rows["Run by"]
    assert 'id="unconfirmed"' in html and "the source does not give them" in html


def test_deadlines_marked_unconfirmed_need_deadlines(make_site, caplog):
    from conftest import PROGRAM
    site = make_site({"content/programs/lunch-club.yml": PROGRAM + "unconfirmed: [deadlines]\n"})
    messages = build_fails(site, caplog)
    assert any("'deadlines' is marked unconfirmed but the program lists none" in m
               for m in messages), messages


def test_path_step_suggestions_are_marked_as_the_editors(make_site):
    from conftest import PATH
    path = PATH.replace("    text: Find out which peer groups meet near you.\n",
                        "    text: Find out which peer groups meet near you.\n"
                        "    editorial: Ask your supervisor on your first day.\n")
    site = make_site({"content/paths/first-month.yml": path})
    site.build()
    found = blocks(site.html("paths/first-month/index.html"))
    editorial = squash("".join(found.editorial_text))
    assert "Suggestion from the editors: Ask your supervisor on your first day." in editorial
    assert "Find out which peer groups" not in editorial


def test_a_reference_says_what_its_source_does_not_give(make_site):
    site = make_site({"content/references.yml": """\
smith-2020:
  type: article
  authors: ["Smith, Jo"]
  title: Peer groups in academic libraries
  year: 2020
  container: Journal of Examples
  doi: 10.1234/example.5678
jones-2019:
  authors: [Jones, Brown]
  year: 2019
  cited_in: smith-2020
untitled:
  description: "Case study: two peer mentors"
"""})
    site.build()
    html = site.html("references/index.html")
    text = plain(html)
    assert "Jones & Brown (2019)" in text
    assert f"[Title {NOT_GIVEN}]" in text
    assert f"Venue and link (DOI or web address) are {NOT_GIVEN}." in text
    assert "As cited in" in text
    assert "[Case study: two peer mentors]" in text and "(n.d.)" in text
    assert f"Authors, year, title, venue and link (DOI or web address) are {NOT_GIVEN}." in text
    smith = html.split('id="smith-2020"')[1].split("</li>")[0]
    assert NOT_GIVEN not in smith


def test_a_reference_with_nothing_to_know_it_by_is_an_error(make_site, caplog):
    from conftest import REFERENCES
    site = make_site({"content/references.yml": REFERENCES + "nobody:\n  year: 2001\n"})
    messages = build_fails(site, caplog)
    assert any("a reference needs something to know it by" in m for m in messages), messages


# -- the shipped content --------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    catalog, report = check_content(REPO / "content")
    assert [str(d) for d in report.sorted()] == []
    root = tmp_path_factory.mktemp("shipped-editorial")
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    from conftest import Site

    site = Site(root)
    cwd = os.getcwd()
    os.chdir(root)
    try:
        site.build()
    finally:
        os.chdir(cwd)
    return catalog, site


def _editorial_texts(catalog) -> list[str]:
    texts = []
    for rec in catalog.recommendations.values():
        if rec.editorial:
            texts += [*rec.editorial.steps, *rec.editorial.cautions]
    for narrative in catalog.narratives.values():
        if narrative.editorial:
            texts += [*narrative.editorial.steps, *narrative.editorial.cautions]
    for path in catalog.paths.values():
        texts += [step.editorial for step in path.steps if step.editorial]
    return texts


def test_editorial_text_is_never_inside_a_sources_block_on_any_built_page(shipped):
    catalog, site = shipped
    editorial = [squash(t) for t in _editorial_texts(catalog)]
    assert len(editorial) >= 40  # every recommendation's practical steps are editorial
    shown: set[str] = set()
    for page in sorted(Path(site.site_dir).rglob("*.html")):
        found = blocks(page.read_text(encoding="utf-8"))
        assert found.nested == [], page
        sources = squash("".join(found.source_text))
        inside = squash("".join(found.editorial_text))
        for text in editorial:
            assert text not in sources, (page, text)
            if text in inside:
                shown.add(text)
    assert shown == set(editorial)  # each one is on a page, under the editors' name


def test_every_shipped_recommendation_keeps_its_practical_steps_as_editorial(shipped):
    catalog, _ = shipped
    for rec in catalog.recommendations.values():
        assert rec.editorial and rec.editorial.steps, rec.id


def test_the_case_study_citation_gives_no_facts_from_outside_its_text(shipped):
    catalog, site = shipped
    ref = catalog.references["case-study-peer-mentoring"]
    assert not ref.authors and ref.year is None and ref.title is None and ref.description
    html = site.html("references/index.html")
    entry = plain(html.split('id="case-study-peer-mentoring"')[1].split("Cited by")[0])
    assert f"Authors, year, title, venue and link (DOI or web address) are {NOT_GIVEN}" in entry


def test_every_work_the_case_study_cites_is_a_reference(shipped):
    catalog, _ = shipped
    cited = [r for r in catalog.references.values()
             if r.cited_in == "case-study-peer-mentoring"]
    assert len(cited) >= 27
    for ref in cited:
        assert ref.authors and ref.year, ref.id


def test_glossary_terms_that_name_an_author_link_the_work(shipped):
    catalog, site = shipped
    named = {"omnidirectional-mentoring": "clapp-2011", "resilience": "berg-2018",
             "vocational-awe": "ettarh-2018", "no-committee": "rockquemore-2022"}
    html = site.html("glossary/index.html")
    for term, ref in named.items():
        assert ref in catalog.glossary[term].cites
        entry = html.split(f'id="{term}"')[1].split('class="mc-glossary__entry"')[0]
        assert f"references/#{ref}" in entry, term


def test_the_path_and_tools_fit_every_library_job_and_mark_the_editors_changes(shipped):
    catalog, site = shipped
    path = catalog.paths["first-90-days"]
    assert all(step.editorial for step in path.steps)
    sourced = " ".join(step.text for step in path.steps).lower()
    # the sourced text of the steps asks nobody to join committees or write research
    assert "committee" not in sourced.replace('"no committee"', "")
    assert "research" not in sourced
    found = blocks(site.html("tools/index.html"))
    editorial = squash("".join(found.editorial_text))
    assert 'The case study\'s heading was "Upcoming Conferences"' in editorial
    assert "Before next time" not in editorial  # the heading stays; its note is marked
    assert "the case study's agenda does not have this item" in editorial
    text = plain(site.html("tools/index.html"))
    assert "Upcoming events and opportunities" in text
    assert "Upcoming conferences" not in text


def test_shipped_program_facts_no_source_gives_are_marked_on_their_pages(shipped):
    catalog, site = shipped
    for program in catalog.programs.values():
        if program.last_checked:
            continue
        # neither source says what any program costs
        assert "cost" in program.unconfirmed, program.id
        html = site.html(f"programs/{program.id}/index.html")
        cost_row = html.split("<dt>Cost</dt>")[1].split("</div>")[0]
        assert "not confirmed" in cost_row, program.id
        assert 'id="unconfirmed"' in html


def test_on_this_page_reaches_the_editors_section(make_site):
    text = EDITORIAL_RECOMMENDATION.replace(
        "Smith found that peer groups help newcomers in their first year.\n",
        "## Why it matters\n\nSmith found that peer groups help newcomers in their first year.\n")
    site = make_site({"content/recommendations/join-a-peer-group-early.md": text})
    site.build()
    html = site.html("recommendations/join-a-peer-group-early/index.html")
    toc = html.split('class="mc-toc"')[1].split("</details>")[0]
    for anchor in ("#why-it-matters", "#sources", "#editors-suggestions", "#try-this",
                   "#watch-out-for"):
        assert f'href="{anchor}"' in toc, anchor
        assert f'id="{anchor[1:]}"' in html


def test_an_unconfirmed_format_or_cost_is_filed_as_not_confirmed_in_the_filters(make_site):
    from conftest import PROGRAM
    site = make_site({"content/programs/lunch-club.yml":
                      PROGRAM + "unconfirmed: [format, cost]\n"})
    site.build()
    assert not (site.site_dir / "programs/cost/free").exists()
    assert not (site.site_dir / "programs/format/in-person").exists()
    listing = site.html("programs/cost/not-confirmed/index.html")
    assert "Lunch Club" in listing and "Not confirmed" in listing
    data = (site.site_dir / "programs/facets.json").read_text(encoding="utf-8")
    assert '"not-confirmed"' in data and "in person" not in data


def test_a_retold_story_keeps_the_editors_lessons_apart_and_refuses_them_in_its_text(
        make_site, caplog):
    from conftest import NARRATIVE_ANA
    retold = NARRATIVE_ANA.replace(
        "consent:\n  naming: named\n  given: 2025-01-10\n",
        "published:\n  reference: smith-2020\n  licence: CC BY 4.0\n"
        "editorial:\n  steps:\n    - Ask who else started this month.\n")
    assert retold != NARRATIVE_ANA
    site = make_site({"content/narratives/ana-finding-my-people.md": retold})
    site.build()
    html = site.html("narratives/ana-finding-my-people/index.html")
    found = blocks(html)
    assert found.nested == []
    editorial = squash("".join(found.editorial_text))
    assert "What a newcomer can take from this" in editorial
    assert "Ask who else started this month." in editorial
    assert "Ask who else" not in squash("".join(found.source_text))
    toc = html.split('class="mc-toc"')[1].split("</details>")[0]
    assert 'href="#editors-suggestions"' in toc
    # the same lessons written into the retold text are refused; a member's own story may
    # use any heading it likes
    heading = "\n## What a newcomer can take from this\n\n- Ask around.\n"
    site = make_site({"content/narratives/ana-finding-my-people.md": retold + heading})
    messages = build_fails(site, caplog)
    assert any("the heading 'What a newcomer can take from this'" in m for m in messages)
    site = make_site({"content/narratives/ana-finding-my-people.md": NARRATIVE_ANA + heading})
    site.build()
