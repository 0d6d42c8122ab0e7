"""Peer matches are opt-in only: nobody without ``open_to`` gets a list or appears in one."""

from __future__ import annotations

import pytest
from conftest import REPO
from finding_support import article, build_once, load_site_data, person_yml, tree
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.publish.boundary import Edition, select
from mentoring_commons.core.site.data import build_site_data
from mentoring_commons.core.site.matches import find_matches


def opted(name: str, *, interests: str = "[]", areas: str = "[]", institution: str = "",
          stage: str = "early-career", visibility: str = "public") -> str:
    extra = f"interests: {interests}\nareas: {areas}\nopen_to: [finding a peer mentor]\n"
    if institution:
        extra += f"institution: {institution}\n"
    return person_yml(name, stage=stage, extra=extra, visibility=visibility)


FILES: dict[str, str | None] = {
    # Ana (base fixture) lists "instruction" too, but never opted in.
    "content/people/pat.yml": opted("Pat One", interests="[Instruction, Usability]",
                                    institution="Uni A"),
    "content/people/quinn.yml": opted("Quinn Two", interests="[instruction]",
                                      institution="Uni B", stage="mid-career"),
    "content/people/robin.yml": opted("Robin Three", interests="[ usability ]",
                                      institution="uni a"),
    "content/people/sam.yml": opted("Sam Four", interests="[knitting]"),
    "content/people/tay.yml": opted("Tay Five", interests="[instruction]", visibility="internal"),
    "content/people/uma.yml": opted("Uma Six", areas="[Instruction]"),
}
OPTED_IN = {"pat", "quinn", "robin", "sam", "uma"}


def test_matches_only_among_opted_in_people_ordered_by_the_sources_advice(tmp_path):
    site = load_site_data(tmp_path, FILES)
    matches = find_matches(site)
    assert set(matches) <= OPTED_IN
    assert "ana" not in matches and "ben" not in matches and "tay" not in matches
    for found in matches.values():
        assert {m.person for m in found} <= OPTED_IN
    pat = matches["pat"]
    # Quinn: shared interest, another institution, another stage. Robin and Uma share one
    # interest each but not the rest (Robin's "uni a" is Pat's institution; Uma gives none).
    assert [(m.person, m.score) for m in pat] == [("quinn", 4), ("robin", 2), ("uma", 2)]
    assert pat[0].reason == ("In common: Instruction. Works at another institution. "
                             "At a different career stage (mid career).")
    assert pat[1].reason == "In common: Usability."
    assert [m.person for m in matches["quinn"]] == ["pat", "uma"]
    assert "sam" not in matches  # opted in, but shares nothing with anyone


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("matches"), FILES)


def test_person_pages_show_matches_with_reasons_and_nobody_who_did_not_opt_in(built):
    pat = article(built, "people/pat/index.html").one("section.mc-matches")
    assert [a.text for a in pat.select("li a")] == ["Quinn Two", "Robin Three", "Uma Six"]
    assert "Works at another institution." in pat.text
    assert "happy to be asked about finding a peer mentor" in pat.text
    sam = article(built, "people/sam/index.html").one("section.mc-matches")
    assert "Nobody else who is open to being asked" in sam.text
    assert not article(built, "people/ana/index.html").select("section.mc-matches")
    # Across the whole site: every person linked from a match list opted in.
    seen = set()
    for page in built.site_dir.rglob("*.html"):
        for section in tree(page.read_text(encoding="utf-8")).select("section.mc-matches"):
            for link in section.select("li a"):
                seen.add(link.attrs["href"].rstrip("/").split("/")[-1])
    assert seen and seen <= OPTED_IN
    assert not (built.site_dir / "people/tay").exists()


def test_shipped_people_have_not_opted_in_so_nobody_is_matched():
    catalog, report = check_content(REPO / "content")
    assert not report.has_errors
    site = build_site_data(select(catalog, Edition("public")))
    assert not any(p.open_to for p in site.catalog.people.values())
    assert find_matches(site) == {}
