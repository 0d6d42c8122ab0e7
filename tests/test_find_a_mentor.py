"""The generated "Find a mentor or a peer" page, on built fixture sites: programs listed by
the roles their audience fits and by route, stories by the role at the time, the people who
are open to being asked (or, when nobody is, a plain word saying so and how to opt in), and the
home page's sentence on what the stories cover, computed from them."""

from __future__ import annotations

import pytest
from finding_support import article, build_once, load_site_data, narrative_md, person_yml
from mentoring_commons.core.site.findmentor import story_coverage

VOCAB_EXTRA = {
    "roles:\n": """roles:
  staff:
    label: Library staff
    definition: Employees in roles not classified as librarian positions.
    also_called: [paraprofessional]
  student-worker:
    label: Student worker
    definition: A student employed part-time in a library.
""",
    "program_audiences:\n": """program_audiences:
  all-library-workers:
    label: All library workers
    definition: Anyone working in a library.
  academic-librarians:
    label: Academic librarians
    definition: Librarians in colleges and universities.
  bipoc-library-workers:
    label: BIPOC library workers
    definition: Black, Indigenous and people of colour in libraries.
""",
    "program_kinds:\n": """program_kinds:
  committee:
    label: Committee
    definition: A working group of an association.
  mentoring-program:
    label: Mentoring program
    definition: Matches mentors and mentees.
""",
    "library_types:\n": """library_types:
  public:
    label: Public library
    definition: Open to everyone in a community.
""",
    "recommendation_audiences:\n": """recommendation_audiences:
  institutions:
    label: Institutions
    definition: Libraries and their managers.
""",
}


def vocabularies() -> str:
    from conftest import VOCABULARIES

    vocab = VOCABULARIES.replace("    label: Academic\n", "    label: Academic library\n", 1)
    for key, text in VOCAB_EXTRA.items():
        vocab = vocab.replace(key, text, 1)
    return vocab


def program(name: str, kind: str, audience: str, scope: str) -> str:
    return (f"name: {name}\nurl: https://example.org/{kind}\nsponsor: Example Association\n"
            f"kind: {kind}\naudience: {audience}\nscope: {scope}\nformat: virtual\ncost: free\n"
            f"description: {name}, for testing.\n")


FILES: dict[str, str | None] = {
    "content/vocabularies.yml": vocabularies(),
    "content/programs/staff-mentors.yml": program(
        "State staff mentors", "mentoring-program", "[all-library-workers]", "regional"),
    "content/programs/acrl-committee.yml": program(
        "Academic committee", "committee", "[academic-librarians]", "national"),
    "content/programs/bipoc-circle.yml": program(
        "BIPOC circle", "mentoring-program", "[bipoc-library-workers]", "national"),
    "content/programs/our-buddies.yml": program(
        "Our library's buddies", "mentoring-program", "[all-library-workers]", "local"),
    "content/people/cat.yml": person_yml(
        "Cat Circulation", extra="open_to: [my first year at the desk, library school]\n"),
    "content/narratives/cat-from-the-desk.md": narrative_md(
        "From the circulation desk", "[cat]", forms="[peer]", date="2025-04-01",
        extra="roles_then: [staff, librarian]\nlibrary_types_then: [public, academic]\n"),
    "content/pages/contributing.md": "# How to contribute\n\nOpen a pull request.\n",
    "content/recommendations/welcome-new-staff.md": (
        "---\ntitle: Welcome new staff on purpose\naudience: institutions\ntheme: belonging\n"
        "summary: Schedule introductions.\nsources: [smith-2020]\n---\nIntroduce people.\n"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("find-a-mentor"), FILES)


def section(page, anchor: str):
    return page.one(f"section[aria-labelledby={anchor}]")


def test_each_role_lists_the_programs_its_audience_fits_and_the_stories_told_in_it(built):
    page = article(built, "find-a-mentor/index.html")
    assert page.one("h1").text == "Find a mentor or a peer"
    staff = section(page, "role-staff")
    assert "Also called paraprofessional." in staff.text
    # The staff story (Cat was library staff at the time, a librarian today).
    assert [a.text for a in staff.select("ul.mc-compact a")][:1] == ["From the circulation desk"]
    assert "1 story by someone who was library staff at the time" in staff.text
    programs = {a.text for a in staff.select("a") if "/programs/" in a.attrs["href"]}
    # All library workers fits staff; the academic librarians' committee does not; a program
    # one library runs for its own staff is an example to ask about, not one to join.
    assert programs == {"State staff mentors"}
    librarian = section(page, "role-librarian")
    assert "Academic committee" in librarian.text and "State staff mentors" in librarian.text
    student = section(page, "role-student-worker")
    assert "No story here is told by someone who was a student worker at the time yet" in (
        student.text)
    library = section(page, "library-type")
    assert [li.text for li in library.select("ul.mc-link-row li")] == [
        "Public library (1)", "Academic library (2)"]
    first = library.select("ul.mc-link-row a")[0]
    assert first.attrs["href"] == "../narratives/library-types/public/"
    anyone = section(page, "role-anyone")
    assert [a.text for a in anyone.select("a")] == ["BIPOC circle"]


def test_routes_link_programs_stories_and_the_advice_behind_them(built):
    page = article(built, "find-a-mentor/index.html")
    supervisor = section(page, "route-supervisor")
    assert supervisor.one("div.mc-suggestion").text.startswith("Suggestion from the editors:")
    assert [a.text for a in supervisor.select("a") if "/programs/" in a.attrs["href"]] == [
        "Our library's buddies"]
    assert "Welcome new staff on purpose" in supervisor.text  # advice for institutions
    association = section(page, "route-association")
    assert "Academic committee" in association.text
    peers = section(page, "route-peer-group")
    assert "From the circulation desk" in peers.text  # a peer-mentoring story
    # Words to ask with are marked as this site's own.
    asks = section(page, "how-to-ask").select("div.mc-editorial")
    assert len(asks) >= 3


def test_people_open_to_being_asked_are_listed_with_what_they_said(built):
    page = article(built, "find-a-mentor/index.html")
    open_to = section(page, "open-to")
    assert [a.text for a in open_to.select("li a")] == ["Cat Circulation"]
    assert "Happy to be asked about my first year at the desk, library school" in open_to.text
    assert "Nobody here has said yet" not in open_to.text


def test_when_nobody_has_opted_in_the_page_says_so_and_how(tmp_path_factory):
    files = {**FILES, "content/people/cat.yml": person_yml("Cat Circulation")}
    site = build_once(tmp_path_factory.mktemp("nobody-open"), files)
    open_to = section(article(site, "find-a-mentor/index.html"), "open-to")
    assert open_to.select("li") == []
    assert "Nobody here has said yet that they are happy to be asked" in open_to.text
    assert "open_to" in open_to.text
    # The way in is a word to the maintainers, not a file format: a newcomer need not edit YAML.
    links = {a.text: a.attrs["href"] for a in open_to.select("a")}
    assert links["tell the site's maintainers"].startswith("mailto:")
    assert "or add it yourself" in links


def test_story_coverage_is_computed_from_the_stories(tmp_path):
    site = load_site_data(tmp_path, FILES)
    # Ana's story records nothing: her person entry says academic; Cat's story says both.
    assert story_coverage(site) == (
        "All 2 stories so far took place at least partly in academic libraries (1 in a public "
        "library as well).")
    more = {**FILES, "content/narratives/dee.md": narrative_md(
        "Branch life", "[cat]", extra="library_types_then: [public]\n")}
    site = load_site_data(tmp_path / "more", more)
    # A tie goes to the vocabulary's order (the fixture lists public first).
    assert story_coverage(site) == (
        "Of the 3 stories so far, 2 in public libraries and 2 in academic libraries.")


def test_the_home_page_says_what_the_stories_cover(built, tmp_path_factory):
    files = {**FILES, "content/pages/index.md": (
        "---\ntitle: Welcome\n---\n# Welcome\n\n{{ commons:story-coverage }} Tell us yours.\n\n"
        "{{ commons:no-such-sentence }}\n")}
    site = build_once(tmp_path_factory.mktemp("home-coverage"), files)
    home = article(site, "index.html")
    assert ("All 2 stories so far took place at least partly in academic libraries (1 in a "
            "public library as well). Tell us yours.") in home.text
    assert "{{ commons:no-such-sentence }}" in home.text  # unknown: left as written


def test_the_shipped_site_routes_to_find_a_mentor_from_home_and_404(shipped_site,
                                                                    shipped_offline_site):
    from finding_support import tree

    home = tree((shipped_site / "index.html").read_text("utf-8")).one("article")
    questions = [a.attrs["href"] for a in home.select("div.mc-questions a")]
    assert questions == ["paths/first-90-days/", "find-a-mentor/", "narratives/", "tools/"]
    assert "All 6 stories so far took place at least partly in academic libraries" in home.text
    # The 404 page offers the ways on, addressed as each edition builds its pages.
    for site, mentor in ((shipped_site, "/mentoring-commons/find-a-mentor/"),
                         (shipped_offline_site, "/mentoring-commons/find-a-mentor.html")):
        page = tree((site / "404.html").read_text("utf-8")).one("article")
        ways = {a.text: a.attrs["href"] for a in page.select("ul.mc-not-found__ways a")}
        assert list(ways) == ["Go to the home page", "Find a mentor or a peer",
                              "Read the stories", "See what to do in your first weeks"]
        assert ways["Find a mentor or a peer"] == mentor, ways
        for href in ways.values():
            path = href.removeprefix("/mentoring-commons/")
            assert (site / path).is_file() or (site / path / "index.html").is_file(), href
    # The find-a-mentor page says plainly that no shipped person has opted in yet.
    mentor_page = tree((shipped_site / "find-a-mentor/index.html").read_text("utf-8"))
    assert "Nobody here has said yet that they are happy to be asked" in mentor_page.text


def test_a_person_page_names_each_relationship_once(shipped_site):
    from finding_support import tree
    from mentoring_commons.core.site.backlinks import Edge
    from mentoring_commons.core.site.relations import Relation, relations_of

    # Ana's story names Ben as her mentor; Ben's names Ana as his mentee and then as a peer.
    edges = [Edge("ana", "ben", "mentor", "s1", "At the desk"),
             Edge("ben", "ana", "mentee", "s2", None),
             Edge("ben", "ana", "peer", "s3", "Later")]
    assert relations_of("ana", edges) == [
        Relation("ben", "mentor", (("s1", "At the desk"), ("s2", None))),
        Relation("ben", "peer", (("s3", "Later"),))]
    assert relations_of("ben", edges)[0] == Relation("ana", "mentee", (("s1", "At the desk"),
                                                                        ("s2", None)))
    # The shipped group: each of Naomi's four peers once, with both stories that tell of it.
    page = tree((shipped_site / "people/naomi-binnie/index.html").read_text("utf-8"))
    people = page.one("article").one("ul.mc-relations").children
    items = [li for li in people if not isinstance(li, str)]
    assert [li.select("a")[0].text for li in items] == [
        "Denise Leyton", "Jesus Espinoza", "Sheila García Mazari", "Rachel Woodbrook"]
    assert all(li.text.split(":")[0].endswith("a peer") for li in items)
    assert [len(li.select("ul li")) for li in items] == [2, 2, 2, 2]
    assert " was a peer to " not in page.text


def test_the_recommendations_index_is_one_compact_list_per_audience(built):
    page = article(built, "recommendations/index.html")
    assert page.select("li.mc-card") == []
    groups = {s.one("h2").text: [li.text for li in s.select("ul.mc-rec-list li")]
              for s in page.select("section.mc-section")}
    assert groups == {"For individuals": ["Join a peer group early · Belonging"],
                      "For institutions": ["Welcome new staff on purpose · Belonging"]}
    # In the vocabulary's order (the fixture lists institutions first).
    assert [a.text for a in page.one("nav.mc-jump").select("a")] == [
        "For institutions", "For individuals"]


def test_material_search_weighs_the_page_above_stories_that_say_mentor(built):
    import json

    index = json.loads(built.html("search/search_index.json"))
    boosts = {doc["location"]: doc.get("boost") for doc in index["docs"]}
    assert boosts["find-a-mentor/"] == 3
    assert boosts["narratives/cat-from-the-desk/"] is None
