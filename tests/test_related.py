"""Related narratives (deterministic, explained, from inverted indexes) and backlinks
everywhere a thing is mentioned, including evidence both ways."""

from __future__ import annotations

import dataclasses
import time

import pytest
from finding_support import article, build_once, load_site_data, narrative_md
from mentoring_commons.core.site.related import MAX_POSTINGS, MAX_RELATED, find_related

FILES: dict[str, str | None] = {
    "content/narratives/ben-saying-no.md": narrative_md(
        "Saying no", "[ben]", forms="[peer]", topics="[boundaries, belonging]",
        date="2025-04-01"),
    "content/narratives/ana-lunch-stories.md": narrative_md(
        "Lunch stories", "[ana]", forms="[group]", programs="[lunch-club]",
        date="2025-01-01"),
    "content/narratives/ben-peer-notes.md": narrative_md(
        "Peer notes", "[ben]", forms="[peer]", date="2025-05-01",
        body="We tried Lateral mentoring for a year, and it worked for both of us."),
    "content/narratives/ben-older-notes.md": narrative_md(
        "Older notes", "[ben]", forms="[peer]", date="2024-05-01"),
    "content/narratives/unrelated.md": narrative_md(
        "Something else", "[ben]", forms="[spot]", date="2024-01-01"),
    # A person drawn from a published work: the reference is "cited by" them.
    "content/people/cy.yml": (
        "name: Cy Source\nroles: [librarian]\ncareer_stage: mid-career\nvisibility: public\n"
        "published:\n  reference: smith-2020\n  licence: CC BY 4.0\n"),
}
VOCAB_EXTRA = "  spot:\n    label: Spot mentoring\n    definition: One-off help.\n"


def files() -> dict[str, str | None]:
    from conftest import VOCABULARIES

    vocab = VOCABULARIES.replace("topics:\n", VOCAB_EXTRA + "topics:\n", 1)
    return {**FILES, "content/vocabularies.yml": vocab}


def test_ranking_scores_and_reasons_are_deterministic(tmp_path):
    site = load_site_data(tmp_path, files())
    related = find_related(site)
    ana = related["ana-finding-my-people"]
    # Lunch stories: shared program (3) + the author's career stage (2: early career, two of six
    # stories) and library type (2: academic, two of six) + shared form "group" (1) = 8; Saying
    # no: shared topic (2) + form "peer" (1) = 3 (Ben is mid career, like four of six stories:
    # that counts for nothing); the two peer-only notes tie at 1 and the newer comes first.
    assert [(r.narrative, r.score) for r in ana] == [
        ("ana-lunch-stories", 8), ("ben-saying-no", 3), ("ben-peer-notes", 1),
        ("ben-older-notes", 1)]
    assert len(ana) == MAX_RELATED
    assert ana[0].reason == ("Also by someone in early career; also set in an academic; also "
                             "about group mentoring; also mentions Lunch Club.")
    assert ana[0].stages == ("early-career",) and ana[0].library_types == ("academic",)
    assert ana[1].stages == () and ana[1].roles == ()
    assert ana[1].reason == "Also about belonging and peer mentoring."
    assert ana[1].topics == ("belonging",) and ana[1].forms == ("peer",)
    assert related["unrelated"] == []  # shares nothing: no padding with random stories
    assert find_related(site) == related  # same input, same output


def test_related_is_capped_and_linear(tmp_path):
    site = load_site_data(tmp_path, files())
    base = site.catalog.narratives["ben-peer-notes"]
    for i in range(3000):
        site.catalog.narratives[f"bulk-{i:04d}"] = dataclasses.replace(base, id=f"bulk-{i:04d}")
    start = time.perf_counter()
    related = find_related(site)
    elapsed = time.perf_counter() - start
    assert all(len(r) <= MAX_RELATED for r in related.values())
    # Every story shares "peer" with 3000 others, but at most MAX_POSTINGS of them are read.
    assert MAX_POSTINGS < 3000
    assert elapsed < 10, elapsed


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("related"), files())


def test_every_narrative_page_explains_its_related_stories(built):
    page = article(built, "narratives/ana-finding-my-people/index.html")
    section = page.one("section.mc-related")
    items = section.select("li")
    assert [li.one("a").text for li in items] == ["Lunch stories", "Saying no", "Peer notes",
                                                  "Older notes"]
    assert items[1].one("span.mc-related__why").text == (
        "Also about belonging and peer mentoring.")
    assert items[0].one("a").attrs["href"] == "../ana-lunch-stories/"
    assert not article(built, "narratives/unrelated/index.html").select("section.mc-related")


def test_evidence_both_ways_and_backlinks_everywhere(built):
    narrative = article(built, "narratives/ana-finding-my-people/index.html")
    assert [a.text for a in narrative.select("section[aria-labelledby=supports] a")] == [
        "Join a peer group early"]
    assert [a.text for a in narrative.select("section[aria-labelledby=on-paths] a")] == [
        "Your first month"]
    rec = article(built, "recommendations/join-a-peer-group-early/index.html")
    assert [h.text for h in rec.select("section[aria-labelledby=evidence] h3")] == [
        "Finding my people"]
    program = article(built, "programs/lunch-club/index.html")
    assert {h.text for h in program.select("section[aria-labelledby=mentioned-in] h3")} == {
        "Finding my people", "Lunch stories"}
    assert [a.text for a in program.select("section[aria-labelledby=on-paths] a")] == [
        "Your first month"]
    person = article(built, "people/ben/index.html")
    assert "Saying no" in person.one("section[aria-labelledby=narratives]").text
    assert "Finding my people" in person.one("section[aria-labelledby=relationships]").text
    # Glossary: which narratives, recommendations and paths use the term.
    glossary = article(built, "glossary/index.html")
    used = glossary.one("#peer-mentoring").one("p.mc-used-in")
    assert [a.text for a in used.select("a")] == ["Peer notes", "Your first month"]
    # References: everything citing a work, people drawn from it included.
    refs = article(built, "references/index.html")
    cited = [a.text for a in refs.one("#smith-2020").select("p.mc-cited-by a")]
    assert {"Finding my people", "Join a peer group early", "Cy Source", "Peer mentoring",
            "Lunch Club"} <= set(cited)


def test_narrative_pages_find_their_related_stories_when_rendered(tmp_path):
    # Planned lazily (a serve --dirty rebuild renders one page), the same lists as find_related.
    from mentoring_commons.core.outputs.siteplan import plan_site
    from mentoring_commons.core.site.related import LazyList

    site = load_site_data(tmp_path, files())
    expected = find_related(site)
    plans = {p.src_uri: p for p in plan_site(site)}
    for narrative_id, related in expected.items():
        lazy = plans[f"narratives/{narrative_id}.md"].context["related"]
        assert isinstance(lazy, LazyList)
        assert list(lazy) == related and bool(lazy) == bool(related)
    assert any(expected.values())
