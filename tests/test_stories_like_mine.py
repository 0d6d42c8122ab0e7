"""Stories like mine: a story records the roles, career stages and library types of the years
it tells of (roles_then and its kin), filters and related stories use them, and readers' own
words for a value (also_called) reach the page, both search indexes and the glossary."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from finding_support import article, build_once, load_site_data, narrative_md, person_yml
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.site.facets import narrative_facets
from mentoring_commons.core.site.related import find_related

ROLES = """\
roles:
  staff:
    label: Library staff
    definition: Library employees in roles not classified as librarian positions.
    also_called: [support staff, paraprofessional, library assistant]
  page:
    label: Library page
    definition: An entry-level job shelving books.
  resident:
    label: Resident librarian
    definition: A new librarian in a residency.
"""
LIBRARY_TYPES = """\
  public:
    label: Public library
    definition: A library open to everyone in a community.
"""


def vocabularies() -> str:
    from conftest import VOCABULARIES

    vocab = VOCABULARIES.replace("roles:\n", ROLES, 1)
    vocab = vocab.replace("library_types:\n", "library_types:\n" + LIBRARY_TYPES, 1)
    # The glossary's "Peer mentoring" and the mentoring form labelled so are one idea.
    return vocab.replace("    definition: Colleagues at a similar stage support each other.\n",
                         "    definition: Colleagues at a similar stage support each other.\n"
                         "    also_called: [horizontal mentoring, Lateral Mentoring]\n", 1)


# Every author is a librarian today (person_yml); what they were at the time is in the story.
FILES: dict[str, str | None] = {
    "content/vocabularies.yml": vocabularies(),
    "content/people/cat.yml": person_yml("Cat Circulation"),
    "content/people/dev.yml": person_yml("Dev Desk"),
    "content/people/eve.yml": person_yml("Eve Resident"),
    "content/narratives/cat-from-the-desk.md": narrative_md(
        "From the circulation desk", "[cat]", topics="[belonging]", date="2025-04-01",
        extra="roles_then: [staff, librarian]\ncareer_stages_then: [early-career]\n"
              "library_types_then: [academic]\n"),
    "content/narratives/dev-shelving-to-library-school.md": narrative_md(
        "From shelving to library school", "[dev]", date="2025-05-01",
        extra="roles_then: [page, staff, librarian]\nlibrary_types_then: [public, academic]\n"),
    "content/narratives/eve-residency.md": narrative_md(
        "A residency year", "[eve]", date="2025-06-01",
        extra="roles_then: [resident, librarian]\nlibrary_types_then: [academic]\n"),
    "content/narratives/eve-second-year.md": narrative_md(
        "A second year", "[eve]", topics="[belonging]", date="2025-07-01"),
}


def test_a_story_is_filtered_by_the_roles_it_records_not_its_authors_roles_today(tmp_path):
    site = load_site_data(tmp_path, FILES)
    facets = {f.key: f for f in narrative_facets(site)}
    assert facets["roles"].label == "Role at the time"
    roles = {v.value: set(v.items) for v in facets["roles"].values}
    # Cat and Dev are librarians today; their stories are found under staff.
    assert roles["staff"] == {"cat-from-the-desk", "dev-shelving-to-library-school"}
    assert roles["page"] == {"dev-shelving-to-library-school"}
    # A story recording nothing falls back on its authors' roles today.
    assert "eve-second-year" in roles["librarian"]
    assert roles["resident"] == {"eve-residency"}
    types = {v.value: set(v.items) for v in facets["library-types"].values}
    assert types["public"] == {"dev-shelving-to-library-school"}
    stages = {v.value: set(v.items) for v in facets["career-stages"].values}
    assert "cat-from-the-desk" in stages["early-career"]


def test_related_stories_weigh_the_role_at_the_time_and_say_so(tmp_path):
    site = load_site_data(tmp_path, FILES)
    related = find_related(site)
    dev = related["dev-shelving-to-library-school"]
    # Cat's story is the only other one by someone who was library staff (two of five
    # stories have it): role 3 + form "peer" 1. Dev started as a page, Cat as staff.
    assert dev[0].narrative == "cat-from-the-desk" and dev[0].roles == ("staff",)
    assert dev[0].reason.startswith("Also by someone who started as library staff;")
    cat = related["cat-from-the-desk"]
    assert cat[0].narrative == "dev-shelving-to-library-school"
    assert cat[0].reason.startswith("Also by someone who was library staff; also about")
    # A resident's story shares no role with a staff story: no people clause for it.
    eve = next(r for r in related["eve-residency"] if r.narrative == "cat-from-the-desk")
    assert eve.roles == () and not eve.reason.startswith("Also by someone")
    # "Librarian" is in more than half of the stories: never a reason, never a point.
    assert all("librarian" not in r.roles for rs in related.values() for r in rs)


def test_also_called_is_validated_with_its_place(tmp_path):
    from finding_support import write_content

    bad = vocabularies().replace("also_called: [support staff, paraprofessional, library "
                                 "assistant]", "also_called: support staff", 1)
    write_content(tmp_path, {**FILES, "content/vocabularies.yml": bad})
    _, report = check_content(tmp_path / "content", today=dt.date(2026, 6, 1))
    errors = [str(e) for e in report.errors]
    assert len(errors) == 1 and "vocabularies.yml:" in errors[0], errors
    assert "also_called" in errors[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_once(tmp_path_factory.mktemp("like-mine"), FILES)


def test_a_staff_story_page_shows_the_roles_then_and_readers_words(built):
    page = article(built, "narratives/cat-from-the-desk/index.html")
    rows = {row.one("dt").text: row for row in page.select("div.mc-facts__row")}
    assert [a.text for a in rows["Roles at the time"].select("a.mc-chip")] == [
        "Library staff", "Librarian"]
    assert rows["Roles at the time"].one("p.mc-also-called").text == (
        "Also called: support staff, paraprofessional, library assistant")
    related = page.one("section.mc-related")
    assert "Also by someone who started as library staff" not in related.text  # Dev: a page
    assert "Also by someone who was library staff" in related.text


def test_search_and_glossary_know_the_readers_words(built):
    index = json.loads(built.html("search/search_index.json"))
    staff_stories = {doc["location"] for doc in index["docs"]
                     if "paraprofessional" in doc["text"].lower()
                     and doc["location"].startswith("narratives/")}
    assert staff_stories == {"narratives/cat-from-the-desk/",
                             "narratives/dev-shelving-to-library-school/"}
    # The staff facet's own listing page is where a filter for "staff" leads.
    listing = article(built, "narratives/roles/staff/index.html")
    assert {"From the circulation desk", "From shelving to library school"} <= {
        a.text for a in listing.select("a")}
    glossary = article(built, "glossary/index.html")
    # Its alias, then the mentoring form's also_called, each once whatever the case.
    assert glossary.one("#peer-mentoring").one("span.mc-aliases").text == (
        "(also called lateral mentoring, horizontal mentoring)")
    vocab = article(built, "about/vocabularies/index.html")
    assert "paraprofessional" in vocab.one("#roles-staff").text
