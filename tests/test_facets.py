"""Faceted browsing: facet values, counts and members computed from fixture content; the index
pages carry them for the script; one static listing page per value works without it."""

from __future__ import annotations

import dataclasses
import json
import time

import pytest
from conftest import VOCABULARIES, person_pseudonym
from finding_support import article, build_once, load_site_data, narrative_md
from mentoring_commons.core.site.facets import (
    item_values,
    narrative_facets,
    plan_facet_pages,
    program_facets,
)
from mentoring_commons.core.site.paginate import PER_PAGE
from test_build import broken_links

VOCAB = VOCABULARIES.replace(
    "program_kinds:\n",
    "program_kinds:\n  scholarship:\n    label: Scholarship\n    definition: Money for study.\n",
).replace(
    "program_audiences:\n",
    "program_audiences:\n  students:\n    label: Students\n    definition: People studying.\n",
)

GRANT = """\
name: Travel Grant
url: https://example.org/travel-grant
sponsor: Example Association
kind: scholarship
audience: [early-career, students]
scope: national
format: virtual
cost: funded
description: Pays for a first conference.
"""

SECRET = GRANT.replace("Travel Grant", "Secret Club").replace("cost: funded", "cost: free") + (
    "visibility: internal\n")

FILES: dict[str, str | None] = {
    "content/vocabularies.yml": VOCAB,
    "content/narratives/ben-saying-no.md": narrative_md(
        "Saying no", "[ben]", forms="[peer]", topics="[boundaries, belonging]",
        date="2025-04-01"),
    "content/people/a-nonymous.yml": person_pseudonym("A. Nonymous", visibility="public"),
    "content/narratives/a-quiet-story.md": narrative_md(
        "A quiet story", "[a-nonymous]", forms="[group]", topics="[boundaries]",
        naming="pseudonym",
        date="2025-03-01"),
    "content/narratives/internal-story.md": narrative_md(
        "An internal story", "[ben]", forms="[group]", visibility="internal"),
    "content/programs/travel-grant.yml": GRANT,
    "content/programs/secret-club.yml": SECRET,
}


def members(facets, key):
    facet = next(f for f in facets if f.key == key)
    return {v.value: list(v.items) for v in facet.values}


def test_narrative_facets_count_published_stories_and_public_named_authors(tmp_path):
    site = load_site_data(tmp_path, FILES)
    facets = narrative_facets(site)
    assert [f.key for f in facets] == ["forms", "topics", "career-stages", "roles",
                                       "library-types"]
    # Newest first within a value; the internal story is never counted.
    assert members(facets, "forms") == {
        "peer": ["ben-saying-no", "ana-finding-my-people"],
        "group": ["a-quiet-story", "ana-finding-my-people"],
    }
    # Values in the vocabulary's order (boundaries is declared before belonging).
    assert list(members(facets, "topics")) == ["boundaries", "belonging"]
    assert members(facets, "topics")["boundaries"] == ["ben-saying-no", "a-quiet-story"]
    # The pseudonymous story says nothing about its author's stage, role or library.
    assert members(facets, "career-stages") == {"early-career": ["ana-finding-my-people"],
                                                "mid-career": ["ben-saying-no"]}
    assert members(facets, "roles") == {"librarian": ["ben-saying-no", "ana-finding-my-people"]}
    assert members(facets, "library-types") == {"academic": ["ana-finding-my-people"]}
    peer = next(v for v in facets[0].values if v.value == "peer")
    assert (peer.label, peer.count, peer.src_uri) == ("Peer mentoring", 2,
                                                     "narratives/forms/peer.md")


def test_program_facets_and_item_values(tmp_path):
    site = load_site_data(tmp_path, FILES)
    facets = program_facets(site)
    assert [f.key for f in facets] == ["kind", "audience", "scope", "format", "cost"]
    assert members(facets, "kind") == {"peer-group": ["lunch-club"],
                                       "scholarship": ["travel-grant"]}
    assert members(facets, "audience") == {"early-career": ["lunch-club", "travel-grant"],
                                           "students": ["travel-grant"]}
    assert members(facets, "scope") == {"local": ["lunch-club"], "national": ["travel-grant"]}
    assert members(facets, "cost") == {"free": ["lunch-club"], "funded": ["travel-grant"]}
    labels = {v.value: v.label for f in facets for v in f.values if f.key == "cost"}
    assert labels == {"free": "Free", "funded": "Funded (it pays or covers costs)"}
    assert item_values(facets)["travel-grant"] == {
        "kind": ["scholarship"], "audience": ["students", "early-career"],
        "scope": ["national"], "format": ["virtual"], "cost": ["funded"]}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("facets"), FILES)


def test_index_lists_every_story_with_its_values_and_links_every_facet_page(built):
    page = article(built, "narratives/index.html")
    cards = page.select("ul[data-mc-items] li")
    assert [c.one("h2").text for c in cards] == ["Saying no", "A quiet story",
                                                 "Finding my people"]
    ana = cards[2].attrs
    assert ana["data-mc-forms"] == "peer group"
    assert ana["data-mc-topics"] == "belonging"
    assert ana["data-mc-career-stages"] == "early-career"
    assert ana["data-mc-library-types"] == "academic"
    assert cards[1].attrs["data-mc-career-stages"] == ""  # pseudonymous: no author facts
    links = {a.attrs["data-mc-value"]: (a.attrs["href"], a.parent.text)
             for a in page.select("nav[data-mc-facets] a")}
    assert links["peer"] == ("forms/peer/", "Peer mentoring (2)")
    assert links["mid-career"] == ("career-stages/mid-career/", "Mid career (1)")
    assert page.one("[data-mc-status]").attrs["aria-live"] == "polite"
    assert "An internal story" not in page.text


def test_one_static_page_per_facet_value(built):
    page = article(built, "narratives/forms/peer/index.html")
    assert page.one("h1").text == "Peer mentoring"
    assert [h.text for h in page.select("li.mc-card h2")] == ["Saying no", "Finding my people"]
    assert "2 stories with mentoring form: Peer mentoring." in page.text
    current = page.one("a[aria-current=page]")
    assert current.text == "Peer mentoring"
    others = [a.text for a in page.select("nav a")]
    assert "Group mentoring" in others
    for rel in ["narratives/topics/boundaries/index.html",
                "narratives/career-stages/early-career/index.html",
                "narratives/roles/librarian/index.html",
                "narratives/library-types/academic/index.html",
                "programs/kind/scholarship/index.html", "programs/audience/students/index.html",
                "programs/scope/national/index.html", "programs/format/virtual/index.html",
                "programs/cost/funded/index.html"]:
        assert (built.site_dir / rel).is_file(), rel
    grant = article(built, "programs/kind/scholarship/index.html")
    assert [h.text for h in grant.select("li.mc-card h2")] == ["Travel Grant"]
    # No value nobody has, and nothing for the internal program.
    assert not (built.site_dir / "programs/cost/paid").exists()
    assert "Secret Club" not in built.html("programs/cost/free/index.html")
    assert broken_links(built.site_dir) == []


def test_programs_directory_groups_carry_facet_data(built):
    page = article(built, "programs/index.html")
    groups = page.select("section[data-mc-group]")
    assert len(groups) == 2
    grant = next(li for li in page.select("li.mc-card") if "Travel Grant" in li.text)
    assert grant.attrs["data-mc-audience"] == "students early-career"
    assert grant.attrs["data-mc-cost"] == "funded"
    hrefs = [a.attrs["href"] for a in page.select("nav[data-mc-facets] a")]
    assert "kind/scholarship/" in hrefs and "cost/free/" in hrefs


def test_facets_are_linear_in_the_number_of_entries(tmp_path):
    """10 000 entries sharing values: the postings are built in one pass."""
    site = load_site_data(tmp_path, FILES)
    base = site.catalog.narratives["ben-saying-no"]
    many = {f"n{i}": dataclasses.replace(base, id=f"n{i}") for i in range(10_000)}
    site.catalog.narratives.update(many)
    start = time.perf_counter()
    facets = narrative_facets(site)
    elapsed = time.perf_counter() - start
    assert next(v for v in facets[0].values if v.value == "peer").count == 10_002
    assert elapsed < 5, elapsed


def test_facet_data_export_lists_every_published_entry(built):
    data = json.loads((built.site_dir / "narratives/facets.json").read_text(encoding="utf-8"))
    assert [i["id"] for i in data["items"]] == ["ben-saying-no", "a-quiet-story",
                                                "ana-finding-my-people"]
    quiet = data["items"][1]
    assert quiet["meta"] == "A. Nonymous · March 2025"  # as credited, never the real author
    assert quiet["values"] == {"forms": ["group"], "topics": ["boundaries"]}
    programs = json.loads((built.site_dir / "programs/facets.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in programs["items"]] == ["Lunch Club", "Travel Grant"]


def test_facet_data_is_what_one_json_dumps_writes_and_reuses_unchanged_items(built):
    # The items are written one by one and kept between serve rebuilds (RecordMemo); the file
    # must stay byte for byte what json.dumps of the whole writes.
    for name in ("narratives", "programs"):
        text = (built.site_dir / f"{name}/facets.json").read_text(encoding="utf-8")
        whole = json.dumps(json.loads(text), ensure_ascii=False, sort_keys=True,
                           separators=(",", ":")) + "\n"
        assert text == whole, name


def test_facet_data_items_follow_a_changed_entry_and_its_credits(tmp_path):
    from mentoring_commons.core.publish.boundary import Credit
    from mentoring_commons.core.site.facets import export_facet_data

    site = load_site_data(tmp_path, FILES)
    first = export_facet_data(site)
    assert export_facet_data(site) == first
    quiet = site.catalog.narratives["a-quiet-story"]
    site.catalog.narratives["a-quiet-story"] = dataclasses.replace(quiet, title="A loud story")
    site.credits["ben-saying-no"] = (Credit("B. Renamed"),)
    site = dataclasses.replace(site)  # the next build's: a build makes its tables once
    changed = json.loads(export_facet_data(site)["narratives/facets.json"])
    items = {item["id"]: item for item in changed["items"]}
    assert items["a-quiet-story"]["title"] == "A loud story"
    assert items["ben-saying-no"]["meta"] == "B. Renamed · April 2025"


def test_long_facet_pages_are_split_like_the_indexes(tmp_path):
    many = {f"content/narratives/bulk-{i:03d}.md": narrative_md(f"Bulk {i:03d}", "[ben]")
            for i in range(PER_PAGE + 5)}
    site = load_site_data(tmp_path, {**FILES, **many})
    plans = {p.src_uri: p for p in plan_facet_pages(site)}
    first, second = plans["narratives/forms/peer.md"], plans["narratives/forms/peer/page/2.md"]
    assert len(first.context["items"]) == PER_PAGE
    assert len(second.context["items"]) == PER_PAGE + 7 - PER_PAGE  # 55 bulk + 2 fixture
    assert second.title == "Narratives: Peer mentoring, page 2 of 2"
    assert first.context["value"].count == PER_PAGE + 7
