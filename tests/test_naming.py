"""No file holds more of a name than its consent allows: what `commons check` (and so the build)
refuses for each naming level, what it tells a contributor whose naming changed, and that a
built site then holds no fuller name in any file: pages, URLs, sitemap, exports, feeds."""

from __future__ import annotations

import datetime as dt
import logging
import re
from pathlib import Path

import pytest
from conftest import build_fails
from mentoring_commons.cli import check_report, main

TODAY = "2026-06-01"


def person(name: str | None, naming: str = "named", pseudonym: str | None = None) -> str:
    line = f"name: {name}\n" if name is not None else ""
    extra = f"  pseudonym: {pseudonym}\n" if pseudonym else ""
    return (f"{line}roles: [librarian]\ncareer_stage: early-career\nvisibility: public\n"
            f"consent:\n  naming: {naming}\n  given: 2025-01-10\n{extra}")


def story(title: str, authors: str, naming: str = "named", pseudonym: str | None = None,
          body: str = "") -> str:
    extra = f"  pseudonym: {pseudonym}\n" if pseudonym else ""
    body = body or f"The story called {title.lower()}, as it happened over a whole first year."
    return (f"---\ntitle: {title}\nauthors: {authors}\nsummary: {title}.\ndate: 2025-03-01\n"
            f"forms: [peer]\nvisibility: public\nconsent:\n  naming: {naming}\n"
            f"  given: 2025-01-10\n{extra}---\n{body}\n")


def check(capsys) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["check", "--today", TODAY])
    return code, capsys.readouterr().out.splitlines()


# -- the person file, level by level ----------------------------------------------------------


@pytest.mark.parametrize(("naming", "name", "pseudonym", "expected"), [
    ("first-name", "Priya Nair", None,
     "content/people/priya.yml:1:7: error: naming is first-name, so name holds a single given "
     "name, and 'Priya Nair' is more: write name: Priya. The file is public: whatever it holds "
     "is published with the repository."),
    ("first-name", "P. Nair", None,
     "content/people/priya.yml:1:7: error: naming is first-name, so name holds a single given "
     "name, and 'P. Nair' is more: write only the given name, in letters (one word, or a "
     "hyphenated one). The file is public: whatever it holds is published with the repository."),
    ("pseudonym", "Priya Nair", "Priya",
     "content/people/priya.yml:1:7: error: naming is pseudonym, so name is the pseudonym and "
     "nothing else: write name: Priya. The file is public: a real name written here is "
     "published with the repository, whatever the site shows."),
])
def test_a_name_fuller_than_the_naming_is_an_error_at_the_name_line(make_site, capsys, naming,
                                                                    name, pseudonym, expected):
    make_site({"content/people/priya.yml": person(name, naming, pseudonym)})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [expected]


def test_an_anonymous_person_file_holds_no_name_and_no_name_in_its_id(make_site, capsys):
    make_site({"content/people/priya-nair.yml": person("Priya Nair", "anonymous")})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        "content/people/priya-nair.yml:1:1: error: the id 'priya-nair' (the file name, and the "
        "page's web address) may hold a name, and naming anonymous shows none: rename "
        "content/people/priya-nair.yml to content/people/anonymous-member.yml; in every story "
        "whose authors list 'priya-nair', change it to 'anonymous-member' (each is marked at "
        "its line).",
        "content/people/priya-nair.yml:1:7: error: naming is anonymous, so the file holds no "
        "name at all: remove the name line (the site shows 'A community member'). The file is "
        "public: a name written here is published with the repository.",
    ]


@pytest.mark.parametrize(("rel", "text"), [
    ("content/people/priya.yml", person("Priya", "first-name")),
    ("content/people/anne-marie.yml", person("Anne-Marie", "first-name")),
    ("content/people/anne-marie-2.yml", person("Anne-Marie", "first-name")),
    ("content/people/river-stone.yml", person("River Stone", "pseudonym", "River Stone")),
    ("content/people/anonymous-member.yml", person(None, "anonymous")),
    ("content/people/anonymous-member-3.yml", person(None, "anonymous")),
])
def test_files_holding_only_what_is_shown_pass(make_site, capsys, rel, text):
    make_site({rel: text})
    assert check(capsys) == (0, [])


def test_a_name_is_required_unless_anonymous(make_site, capsys):
    make_site({"content/people/priya.yml": person(None, "first-name")})
    code, lines = check(capsys)
    assert code == 1
    assert lines == ["content/people/priya.yml:1:1: error: missing required field 'name' "
                     "(text): the name as the site shows it (only an entry whose naming is "
                     "anonymous has none)."]


# -- stories ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("naming", "pseudonym", "renamed", "shows"), [
    ("first-name", None, "priya-lunch", "shows its author as 'Priya'"),
    ("pseudonym", "River", "lunch", "shows its author as 'River'"),
    ("anonymous", None, "lunch", "shows no name"),
])
def test_a_story_id_holds_no_name_part_the_story_does_not_show(make_site, capsys, naming,
                                                               pseudonym, renamed, shows):
    # Priya agreed to her full name on her own page, but this story is credited more narrowly.
    make_site({"content/people/priya-nair.yml": person("Priya Nair"),
               "content/narratives/priya-nair-lunch.md":
               story("Lunch", "[priya-nair]", naming, pseudonym)})
    code, lines = check(capsys)
    assert code == 1
    hidden = "'nair'" if naming == "first-name" else "'priya', 'nair'"
    # ... and its authors list an id that says more than the story shows (see below).
    assert len(lines) == 2 and "but the author id 'priya-nair' holds" in lines[1]
    assert lines[:1] == [
        f"content/narratives/priya-nair-lunch.md:1:1: error: the id 'priya-nair-lunch' (the "
        f"file name, and the story's web address) holds {hidden}, a part of a name this story "
        f"does not show (naming {naming} {shows}): rename the file to "
        f"content/narratives/{renamed}.md."]


# -- a naming change, from named to first-name -------------------------------------------------

PRIYA_STORY = story("Lunch with the new starters", "[priya-nair]",
                    body="The story calls her Priya, and says how a monthly lunch with the "
                         "other new starters helped her through the first year.")
CHANGE_SITE = {
    "content/people/priya-nair.yml": person("Priya Nair"),
    "content/narratives/priya-nair-lunch-with-the-new-starters.md": PRIYA_STORY,
    "content/narratives/two-new-starters.md": story("Two new starters", "[ana, priya-nair]"),
}
SURNAME = re.compile(rb"(?i)\bnair\b")


def outputs_with_surname(site) -> list[str]:
    return sorted(str(path.relative_to(site.site_dir)) for path in site.site_dir.rglob("*")
                  if path.is_file() and SURNAME.search(path.read_bytes()))


def test_a_named_person_is_in_the_output_under_their_full_name(make_site):
    """The control: with naming named, the surname is in URLs, sitemap, exports and feeds, the
    very places a narrowed naming must clear."""
    site = make_site(CHANGE_SITE)
    site.build()
    found = outputs_with_surname(site)
    for expected in ("sitemap.xml", "people/priya-nair/index.html", "about/contributors/index.html",
                     "narratives/priya-nair-lunch-with-the-new-starters/index.html"):
        assert expected in found
    assert any(name.startswith(("exports/", "feeds/")) or name.endswith((".json", ".xml"))
               for name in found if name != "sitemap.xml")


def test_narrowing_a_naming_lists_every_file_to_rename_and_every_id_to_change(make_site, capsys,
                                                                              caplog):
    site = make_site(CHANGE_SITE)
    site.write("content/people/priya-nair.yml", person("Priya", "first-name"))
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        "content/narratives/priya-nair-lunch-with-the-new-starters.md:1:1: error: the id "
        "'priya-nair-lunch-with-the-new-starters' (the file name, and the story's web address) "
        "holds 'nair', a part of a name this story does not show (naming named shows its author "
        "as 'Priya'): rename the file to "
        "content/narratives/priya-lunch-with-the-new-starters.md.",
        "content/narratives/priya-nair-lunch-with-the-new-starters.md:3:11: error: the author "
        "id 'priya-nair' holds more of a name than its naming (first-name, in "
        "content/people/priya-nair.yml) allows: when that file is renamed to priya.yml, change "
        "this to 'priya'.",
        "content/narratives/two-new-starters.md:3:16: error: the author id 'priya-nair' holds "
        "more of a name than its naming (first-name, in content/people/priya-nair.yml) allows: "
        "when that file is renamed to priya.yml, change this to 'priya'.",
        "content/people/priya-nair.yml:1:1: error: the id 'priya-nair' (the file name, and the "
        "page's web address) holds 'nair', which naming first-name does not show (the site "
        "shows 'Priya'): rename content/people/priya-nair.yml to content/people/priya.yml; "
        "rename content/narratives/priya-nair-lunch-with-the-new-starters.md to "
        "content/narratives/priya-lunch-with-the-new-starters.md; in every story whose authors "
        "list 'priya-nair', change it to 'priya' (each is marked at its line).",
    ]
    # A split check (one process per share of the files) finds the very same problems.
    report = check_report(Path("content"), dt.date(2026, 6, 1), 365, workers=2)
    assert [str(d) for d in report.sorted()] == lines
    # The build refuses it too, and writes nothing.
    errors = build_fails(site, caplog)
    assert sum(": error: " in line for line in errors) == 4
    assert not site.site_dir.exists()

    # Doing what the errors say makes the check clean, and no output file holds the surname.
    site.remove("content/people/priya-nair.yml")
    site.write("content/people/priya.yml", person("Priya", "first-name"))
    site.remove("content/narratives/priya-nair-lunch-with-the-new-starters.md")
    site.write("content/narratives/priya-lunch-with-the-new-starters.md",
               PRIYA_STORY.replace("[priya-nair]", "[priya]"))
    site.write("content/narratives/two-new-starters.md",
               CHANGE_SITE["content/narratives/two-new-starters.md"].replace("priya-nair",
                                                                             "priya"))
    assert check(capsys) == (0, [])
    caplog.set_level(logging.WARNING)
    site.build()
    assert (site.site_dir / "people/priya/index.html").is_file()
    assert (site.site_dir / "narratives/priya-lunch-with-the-new-starters/index.html").is_file()
    assert outputs_with_surname(site) == []
    assert "Priya" in site.html("about/contributors/index.html")


@pytest.mark.parametrize(("naming", "files", "shown"), [
    ("first-name", {"content/people/priya.yml": person("Priya", "first-name"),
                    "content/narratives/priya-lunch.md": story("Lunch", "[priya]")}, "Priya"),
    ("pseudonym", {"content/people/river.yml": person("River", "pseudonym", "River"),
                   "content/narratives/river-lunch.md": story("Lunch", "[river]")}, "River"),
    ("anonymous", {"content/people/anonymous-member.yml": person(None, "anonymous"),
                   "content/narratives/lunch.md": story("Lunch", "[anonymous-member]",
                                                        "anonymous")}, "A community member"),
])
def test_each_level_builds_with_the_shown_name_only(make_site, naming, files, shown):
    site = make_site(files)
    site.build()
    story_page = next(site.site_dir.glob("narratives/*lunch/index.html"))
    assert shown in story_page.read_text(encoding="utf-8")
    people = sorted(p.parent.name for p in site.site_dir.glob("people/*/index.html"))
    # An anonymous person has no page; the others have one, at the id made of the shown name.
    assert people == ["ana", "ben"] + ([] if naming == "anonymous" else [shown.lower()])


# -- the authors a story lists ----------------------------------------------------------------


@pytest.mark.parametrize(("naming", "pseudonym", "shows", "hidden", "example"), [
    ("anonymous", None, "no name", "'ben'",
     "content/people/anonymous-member.yml with naming anonymous"),
    ("pseudonym", "River", "the name 'River'", "'ben'",
     "content/people/river.yml with naming pseudonym"),
])
def test_a_narrowly_credited_story_lists_no_author_id_that_names_them(make_site, capsys, naming,
                                                                      pseudonym, shows, hidden,
                                                                      example):
    make_site({"content/narratives/quiet.md": story("Quiet", "[ben]", naming, pseudonym)})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        f"content/narratives/quiet.md:3:11: error: this story shows {shows} (naming {naming}), "
        f"but the author id 'ben' holds {hidden}, and the file is public: give the author an "
        f"entry that says no more (a person file with the same naming, e.g. {example}) and list "
        "its id here, or, if they agreed, change this story's naming."]


def test_a_first_name_story_may_list_an_author_id_of_the_first_name(make_site, capsys):
    make_site({"content/people/priya-nair.yml": person("Priya Nair"),
               "content/narratives/by-ana.md": story("By Ana", "[ana]", "first-name"),
               "content/narratives/by-priya.md": story("By Priya", "[priya-nair]",
                                                       "first-name")})
    code, lines = check(capsys)
    assert code == 1
    assert [line.split(": error: ")[0] for line in lines] == [
        "content/narratives/by-priya.md:3:11"]
    assert "the author id 'priya-nair' holds 'nair'" in lines[0]


def test_commons_new_keeps_no_story_whose_author_id_says_more_than_its_naming(make_site,
                                                                              capsys):
    make_site()
    assert main(["new", "narrative", "--naming", "anonymous", "--title", "Quiet", "--author",
                 "ben", "--summary", "A quiet story.", "--form", "peer", "--given",
                 "2026-01-10"]) == 1
    err = capsys.readouterr().err
    assert "this story shows no name (naming anonymous), but the author id 'ben'" in err
    assert "did not pass the check, so it was not kept" in err
    assert not Path("content/narratives/quiet.md").exists()
    # With an anonymous author entry, it is made.
    assert main(["new", "person", "--naming", "anonymous", "--role", "librarian",
                 "--career-stage", "early-career", "--given", "2026-01-10"]) == 0
    assert main(["new", "narrative", "--naming", "anonymous", "--title", "Quiet", "--author",
                 "anonymous-member", "--summary", "A quiet story.", "--form", "peer",
                 "--given", "2026-01-10"]) == 0
    assert Path("content/narratives/quiet.md").is_file()
