"""Inputs that once passed `commons check` and then crashed the build or slipped into the site
(issue 19): each class is refused by the check with a located error, and the build refuses it
with the same lines and no traceback; or it is published neutrally."""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import re
import time
from pathlib import Path

import pytest
from conftest import (
    NARRATIVE_ANA,
    PATH,
    PERSON_BEN,
    PROGRAM,
    RECOMMENDATION,
    REPO,
    TODAY,
    build_fails,
)
from mentoring_commons.cli import check_files, main
from mentoring_commons.core.check.characters import candidate_class
from mentoring_commons.core.check.checks import find_contact_details
from mentoring_commons.core.check.markup import MarkdownRenderer, render_body, sanitize
from mentoring_commons.core.check.markupcost import costly_markdown
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.model.fields import invisible_character
from mentoring_commons.core.model.kinds import KINDS, PAGE_FOLDER_SUFFIXES
from mentoring_commons.core.outputs.outputpaths import (
    GeneratedOutputs,
    generated_outputs,
    output_paths,
)
from mentoring_commons.core.outputs.siteplan import build_exports, plan_site
from mentoring_commons.core.publish.boundary import Edition, select
from mentoring_commons.core.site.data import build_site_data, entity_uri
from mentoring_commons.core.site.links import SiteLinks
from mentoring_commons.mkdocs.reserved import reserved_from_config_file

NARRATIVE = "content/narratives/ana-finding-my-people.md"
FRONT = NARRATIVE_ANA.partition("---\nAna arrived")[0] + "---\n"  # the body starts on line 19
BODY_LINE = FRONT.count("\n") + 1
RENDERER = MarkdownRenderer()


def narrative(body: str) -> str:
    return FRONT + body


def errors() -> list[str]:
    """The errors `commons check` reports for the site in the working folder."""
    reserved = reserved_from_config_file(Path("mkdocs.yml"))
    _, report = check_files(Path("content"), dt.date.fromisoformat(TODAY), 365, reserved=reserved)
    return [str(d) for d in report.errors]


def check_then_build(make_site, caplog, files: dict[str, str | bytes | None]) -> list[str]:
    """The check's errors, after asserting the build refuses with exactly the same lines."""
    site = make_site(files)
    found = errors()
    assert found, "the check passed"
    assert build_fails(site, caplog)[:-1] == found  # the last line counts the errors
    assert not site.site_dir.exists() or not any(site.site_dir.iterdir())
    return found


# -- dates ---------------------------------------------------------------------------------------

DEADLINE = PROGRAM + "deadlines:\n  - label: Apply\n    date: {date}\n"


@pytest.mark.parametrize("date", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_a_date_outside_the_range_is_refused_with_the_range(make_site, caplog, date):
    found = check_then_build(make_site, caplog,
                             {"content/programs/lunch-club.yml": DEADLINE.format(date=date)})
    assert found == [f"content/programs/lunch-club.yml:13:11: error: {date} is out of range: "
                     "dates run from 1900-01-01 to 2199-12-31; leave an unknown or open-ended "
                     "date out."]


def test_the_last_date_in_range_builds_a_calendar(make_site):
    site = make_site({"content/programs/lunch-club.yml": DEADLINE.format(date="2199-12-31")})
    site.build()
    calendar = (site.site_dir / "calendar" / "deadlines.ics").read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:21991231" in calendar and "DTEND;VALUE=DATE:22000101" in calendar


def test_every_date_field_has_the_range(make_site):
    make_site({
        NARRATIVE: NARRATIVE_ANA.replace("date: 2025-02-01", "date: 1066-10-14"),
        "content/people/ben.yml": "name: Ben Sample\nroles: [librarian]\ncareer_stage: "
                                  "mid-career\nvisibility: public\nconsent:\n  naming: named\n"
                                  "  given: 2025-01-10\n  review_by: 9999-01-01\n",
    })
    assert [line.split(": error: ")[0] for line in errors()] == [
        f"{NARRATIVE}:5:7", "content/people/ben.yml:8:14"]


# -- credentials in addresses --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["https://user:pass@example.org/", "https://user@example.org/x",
                                 "http://:secret@example.org", "https://a:b@c@example.org/"])
def test_an_address_with_a_user_name_or_password_is_refused(make_site, caplog, url):
    found = check_then_build(make_site, caplog, {"content/programs/lunch-club.yml": PROGRAM.replace(
        "https://example.org/lunch-club", url)})
    assert found == ["content/programs/lunch-club.yml:2:6: error: the address holds a user name "
                     "or password (the part before '@'): anyone who reads the site would see "
                     "it. Remove it and link to the page itself."]


@pytest.mark.parametrize("url", ["https://example.org/@someone", "https://example.org/?to=a@b.org",
                                 "https://example.org/#a@b"])
def test_an_at_sign_after_the_host_is_not_a_password(make_site, url):
    make_site({"content/programs/lunch-club.yml": PROGRAM.replace(
        "https://example.org/lunch-club", url)})
    assert errors() == []


@pytest.mark.parametrize(("body", "col"), [
    ("See [the club](https://user:pass@example.org/club).", 16),
    ("See <https://user:pass@example.org/club>.", 6),
    ("See [the club][c].\n\n[c]: https://user:pass@example.org/club", 6),
    ('See <a href="HTTPS:\\\\user:pass@example.org">the club</a>.', 14),
])
def test_a_link_with_a_password_in_a_body_is_refused(make_site, caplog, body, col):
    found = check_then_build(make_site, caplog, {NARRATIVE: narrative(body)})
    line = BODY_LINE + (2 if "[c]:" in body else 0)
    # "pass@example.org" also reads as an e-mail address, which a story is told about too.
    assert [entry.split(": error: ")[0] for entry in found
            if "user name or password" in entry] == [f"{NARRATIVE}:{line}:{col}"]
    assert re.search(r'(href|src)="[^"]*pass@', render_body(RENDERER, body)) is None


# -- invisible characters in bodies --------------------------------------------------------------

INVISIBLE = ["\u202e", "\u2066", "\u200b", "\u2060", "\ufeff", "\u00ad", "\x1b", "\x85",
             "&#x202E;", "&#8238;", "&rlm;", "&ZeroWidthSpace;", "&#x1b;"]


@pytest.mark.parametrize("char", INVISIBLE)
@pytest.mark.parametrize("file", [NARRATIVE, "content/recommendations/join-a-peer-group-early.md",
                                  "content/pages/index.md"])
def test_an_invisible_character_in_any_body_is_refused_where_it_is(make_site, caplog, char, file):
    if file == NARRATIVE:
        text, line = narrative(f"Ana arrived.\n\nab{char}cd\n"), BODY_LINE + 2
    elif file.startswith("content/pages"):
        text, line = f"---\ntitle: Welcome\n---\n# Welcome\n\nab{char}cd\n", 6
    else:
        text, line = RECOMMENDATION + f"ab{char}cd\n", RECOMMENDATION.count("\n") + 1
    found = check_then_build(make_site, caplog, {file: text})
    decoded = "\x1b" if char == "&#x1b;" else html.unescape(char)
    assert found == [f"{file}:{line}:3: error: the text contains the invisible character "
                     f"U+{ord(decoded):04X}; delete it (it can hide text or make two values "
                     "look the same)."]


def test_joiners_and_tabs_in_a_body_are_kept(make_site):
    site = make_site({NARRATIVE: narrative("A family: 👩\u200d👩\u200d👧, and ZWNJ: "
                                           "می\u200cخواهم.\n\n    code\twith a tab\n")})
    assert errors() == []
    site.build()
    page = site.html("narratives/ana-finding-my-people/index.html")
    assert "👩\u200d👩\u200d👧" in page and "\u200c" in page


def test_the_sanitiser_removes_invisible_characters_however_written():
    for char in INVISIBLE:
        out = render_body(RENDERER, f'x{char}y <a href="/" title="t{char}">l</a>')
        assert not any(invisible_character(ch, "\n") for ch in html.unescape(out)), (char, out)


BIDI_ENTITY = re.compile(r"&#(?:x0*(?:20[0-9a-f]|2[0-9a-f]{3}|feff)|\d+);", re.IGNORECASE)


def invisible_in_output(site_dir: Path) -> list[str]:
    """Every refused character in every file the build wrote, as a character or as an entity,
    except in Material's own assets (minified scripts use them in regular expressions)."""
    found = []
    for file in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        rel = file.relative_to(site_dir).as_posix()
        if rel.startswith("assets/javascripts/") or file.suffix in (".gz", ".png", ".woff2"):
            continue
        text = file.read_bytes().decode("utf-8")
        for candidate in (text, *BIDI_ENTITY.findall(text)):
            decoded = html.unescape(candidate) if candidate is not text else text
            odd = {f"U+{ord(ch):04X}" for ch in decoded if invisible_character(ch, "\t\n\r")}
            found += [f"{rel}: {code}" for code in sorted(odd)]
    return found


def test_no_output_file_of_a_build_holds_an_invisible_character(make_site):
    # Every text of the fixture site, plus joiners (allowed) in a story, an export and a feed.
    site = make_site({NARRATIVE: narrative("Ana arrived 👩\u200d💻 with a plan.\n")})
    site.build()
    files = [p for p in site.site_dir.rglob("*") if p.is_file()]
    suffixes = {p.suffix for p in files}
    assert {".html", ".json", ".atom", ".ics", ".xml"} <= suffixes, suffixes
    assert invisible_in_output(site.site_dir) == []
    # The walk finds one when a file holds one, written either way.
    (site.site_dir / "export" / "planted.json").write_text('{"a": "x\u202ey &#x2066;"}')
    assert invisible_in_output(site.site_dir) == ["export/planted.json: U+202E",
                                                  "export/planted.json: U+2066"]


# -- remote resources ----------------------------------------------------------------------------

REMOTE = [
    ("![Ana](https://evil.example/ana.png)", 8, "an image from evil.example"),
    ("![Ana][photo]\n\n[photo]: //evil.example/ana.png", None, "an image from evil.example"),
    ('<img src="HTTPS://evil.example/ana.png" alt="Ana">', 11, "an image from evil.example"),
    ('<img src="ana.png" srcset="ana.png 1x, https://evil.example/ana.png 2x" alt="Ana">', 40,
     "an image from evil.example"),
    ('<picture><source srcset="https://evil.example/a.webp"><img src="a.png" alt="A"></picture>',
     26, "a <source> srcset from evil.example"),
    ('<audio src="https://evil.example/a.mp3"></audio>', 13, "a <audio> src from evil.example"),
    ('<video poster="https://evil.example/p.png"></video>', 16,
     "a <video> poster from evil.example"),
    ('<svg><image href="https://evil.example/p.png"></image></svg>', 19,
     "a <image> href from evil.example"),
    ('<input type="image" src="https://evil.example/p.png">', 26,
     "a <input> src from evil.example"),
    ('<p style="background: url(https://evil.example/p.png)">x</p>', 27,
     "a <p> style from evil.example"),
    ('<table background="//evil.example/p.png"><tr><td>x</td></tr></table>', 20,
     "a <table> background from evil.example"),
]


@pytest.mark.parametrize(("body", "col", "what"), REMOTE)
def test_anything_fetched_from_another_site_is_refused(make_site, caplog, body, col, what):
    found = check_then_build(make_site, caplog, {NARRATIVE: narrative(f"Ana arrived.\n\n{body}\n")})
    where = [entry.split(": error: ")[0] for entry in found if what in entry]
    line = BODY_LINE + 2 + (2 if "[photo]:" in body else 0)
    assert where == [f"{NARRATIVE}:{line}:{col or 10}"], found
    assert "would be fetched from that site by every reader's browser" in found[0]
    assert "ask a maintainer to add the file to the site" in found[0]


@pytest.mark.parametrize("body", [
    '<iframe src="https://evil.example/"></iframe>', '<object data="https://evil.example/x">',
    '<embed src="https://evil.example/x">', '<link rel="stylesheet" href="https://evil.example/c">',
    "<style>@import url(https://evil.example/c.css);</style>",
])
def test_embedding_elements_are_refused_once_whatever_they_load(make_site, caplog, body):
    found = check_then_build(make_site, caplog, {NARRATIVE: narrative(f"Ana arrived.\n\n{body}\n")})
    assert len(found) == 1 and "element is not allowed" in found[0]


def test_a_page_is_told_to_add_the_picture_beside_it_and_a_local_one_is_published(make_site):
    page = "---\ntitle: Welcome\n---\n# Welcome\n\n![The team](https://evil.example/team.png)\n"
    site = make_site({"content/pages/index.md": page})
    assert errors() == [
        "content/pages/index.md:6:13: error: an image from evil.example would be fetched from "
        "that site by every reader's browser (telling it who reads the page, and failing "
        "offline): save the file in content/pages/ next to this page and use its relative "
        "path, e.g. ![description](picture.png); link to the other site with [text](address) "
        "instead."]
    site.write("content/pages/index.md", page.replace("https://evil.example/team.png", "team.png"))
    site.write("content/pages/team.png", b"\x89PNG\r\n\x1a\n")
    assert errors() == []
    site.build()
    assert '<img alt="The team" src="team.png"' in site.html("index.html")


def test_the_sanitiser_drops_remote_sources_and_keeps_links():
    out = sanitize('<img src="https://evil.example/p.png" alt="p"><img src="//evil.example/q">'
                   '<img src="local.png" alt="l"><a href="https://example.org/">a link</a>')
    assert "evil.example" not in out
    assert 'src="local.png"' in out and 'href="https://example.org/"' in out


# -- contact details: strict, but not about identifiers ------------------------------------------


@pytest.mark.parametrize("text", [
    "ISBN 978-3-16-148410-0", "978-3-16-148410-0", "ISBN 9783161484100", "ISBN 0-306-40615-2",
    "ISBN-10: 0306406152", "ISSN 0317-8471", "ISSN 0317-8471 and 2049-3630",
    "https://doi.org/10.1002/0470841559.ch1", "doi:10.1000/182 and 10.1038/nphys1170",
    "from 1998-2003 to 2004-2010", "(1998–2003, 2004–2010)", "1998/99 2004-05 2011-2015",
])
def test_identifiers_and_year_ranges_are_not_phone_numbers(text):
    assert list(find_contact_details(f"See {text}.")) == []


@pytest.mark.parametrize("text", [
    "call +1 555 123 4567", "+44 20 7946 0958", "0170 1234567", "(555) 123-4567 ext",
    "978-3-16-148410-1",  # an ISBN's shape with a wrong check digit
    "0306406152",  # a valid ISBN-10 check digit, but no ISBN label
    "1998-2003 555 123 4567", "ISBN 978-3-16-148410-0 or 555 123 4567",
])
def test_phone_numbers_are_still_found_next_to_identifiers(text):
    assert [what for _, _, what in find_contact_details(text)] == ["a phone number"]


def test_an_isbn_in_a_story_builds(make_site):
    site = make_site({NARRATIVE: narrative("Read *Mentoring* (ISBN 978-3-16-148410-0), "
                                           "1998-2003.\n")})
    assert errors() == []
    site.build()


# -- files that would land where the build writes something else ---------------------------------

ENTRY_FILES = {
    "narrative": ("content/narratives/index.md", NARRATIVE_ANA, "narratives/index.md (Narratives)"),
    "person": ("content/people/index.yml", PERSON_BEN, "people/index.md (People)"),
    "program": ("content/programs/index.yml", PROGRAM, "programs/index.md (Programs and "
                "communities)"),
    "recommendation": ("content/recommendations/index.md", RECOMMENDATION,
                       "recommendations/index.md (Recommendations)"),
    "path": ("content/paths/index.yml", PATH, "paths/index.md (Onboarding paths)"),
}


@pytest.mark.parametrize("kind", sorted(ENTRY_FILES))
def test_an_entry_named_like_a_generated_page_is_refused(make_site, caplog, kind):
    rel, text, page = ENTRY_FILES[kind]
    found = check_then_build(make_site, caplog, {rel: text})
    assert found == [f"{rel}:1:1: error: the id 'index' is taken by the generated page {page}: "
                     "rename the file (its name is the entry's id)."]


@pytest.mark.parametrize(("rel", "taken"), [
    ("glossary.md", "the generated page glossary.md (Glossary)"),
    ("glossary/index.md", "the generated page glossary.md (Glossary)"),
    ("tools.md", "the generated page tools.md (Tools for mentoring pairs and groups)"),
    ("about/contributors.md", "the generated page about/contributors.md (Contributors)"),
    ("about/contributors/page/2.md", "the about/contributors/page/ folder, where the listing "
     "about/contributors.md (Contributors) continues"),
    ("map/page/3.md", "the map/page/ folder, where the listing map.md (The mentoring map) "
     "continues"),
    ("narratives/guide.md", "the narratives/ folder, where the site makes the pages of "
     "narratives and their listings"),
    ("people/photo.png", "the people/ folder, where the site makes the pages of people and "
     "their listings"),
    ("assets/images/favicon.png", "the theme's file assets/images/favicon.png"),
    ("404.md", "the theme's 404.html"),
    ("admin/index.md", "the admin/ folder, where the site puts the web editor"),
])
def test_a_file_in_pages_where_the_build_writes_something_else_is_refused(make_site, caplog, rel,
                                                                          taken):
    text = "---\ntitle: Mine\n---\n# Mine\n\nText.\n" if rel.endswith(".md") else b"\x89PNG\r\n"
    site = make_site({f"content/pages/{rel}": text})
    message = (f"content/pages/{rel}:1:1: error: this file would be written where {taken} is, "
               "and one would replace the other: move or rename it.")
    caplog.set_level("WARNING")
    assert message in build_fails(site, caplog)
    # commons check reads the theme and the plugin's options from mkdocs.yml beside content/.
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "content", "--today", TODAY]) == 1
    assert message in out.getvalue().splitlines()


def test_a_page_beside_generated_ones_is_still_welcome(make_site):
    site = make_site({"content/pages/about/history.md": "---\ntitle: History\n---\n# History\n",
                      "content/pages/images/favicon.png": b"\x89PNG\r\n"})
    assert errors() == []
    site.build()
    assert (site.site_dir / "about" / "history" / "index.html").is_file()


def covered(outputs: GeneratedOutputs, plan_uri: str, catalog) -> bool:
    """Whether a planned page is known to the check: a skeleton page, inside a generated
    folder, or an entry's own page."""
    entity_pages = {entity_uri(kind.name, entry_id) for kind in KINDS.values() if kind.folder
                    for entry_id in catalog.known_ids.get(kind.name, ())}
    return (plan_uri in entity_pages or any(plan_uri.startswith(f) for f in outputs.folders)
            or output_paths(plan_uri) <= outputs.pages.keys())


@pytest.mark.parametrize("content", ["fixture", "shipped"])
def test_every_page_a_full_site_plans_is_known_to_the_check(make_site, content):
    if content == "fixture":
        make_site({f"content/narratives/story-{n}.md": NARRATIVE_ANA for n in range(60)})
        root = Path("content")
    else:
        root = REPO / "content"
    catalog, report = check_content(root, today=dt.date.fromisoformat(TODAY))
    assert not report.has_errors
    published = select(catalog, Edition("internal", dt.date.fromisoformat(TODAY)))
    plans = plan_site(build_site_data(published))
    assert len(plans) > 20
    outputs = generated_outputs(catalog)
    assert [p.src_uri for p in plans if not covered(outputs, p.src_uri, catalog)] == []
    if content == "fixture":  # pagination and facet pages are among them
        assert any("/page/2" in p.src_uri for p in plans)
        assert any(p.src_uri.startswith("narratives/topics/") for p in plans)


def test_no_exported_file_could_be_shadowed_by_a_file_in_pages(make_site):
    make_site()
    catalog, _ = check_content("content", today=dt.date.fromisoformat(TODAY))
    site = build_site_data(select(catalog, Edition("internal", dt.date.fromisoformat(TODAY))))
    site.links = SiteLinks("Test", "https://example.org/")
    exported = build_exports(site)
    assert len(exported) > 5
    # Files in content/pages/ have these suffixes, and pages become .html: the check needs no
    # export paths as long as none of them ends in one.
    assert [p for p in exported if p.endswith((*PAGE_FOLDER_SUFFIXES, ".html"))] == []


# -- Markdown that costs far more than its size --------------------------------------------------

LIMIT = 32 * 1024
FILLER = "word " * (LIMIT // 5)
# Each of these took from seconds to minutes at 32 KB before it was refused; with where the
# error is (lines after the body's first, column): the first open tag or link, or the construct
# one past the most allowed.
SLOW = {
    "open tags": ("<a ", "HTML tags left open", 0, 1),
    "open tags with values": ('<a x="', "HTML tags left open", 0, 1),
    "open tags mid-line": ("a<b ", "HTML tags left open", 0, 2),
    "escaped open tags": ("\\<a ", "HTML tags left open", 0, 2),
    "open links": ("[a](", "links whose '(' is never closed", 0, 3),
    "abbreviations": ("*[A]: b\n", "too many abbreviations", 50, 1),
    "content tabs": ('=== "t"\n', "content tabs", 300, 1),
    "definitions": ("a\n: b\n", "definitions (lines starting ': ')", 501, 1),
    "deep quotes": ("> ", "quotes nested more than", 0, 1),
}


def at_limit(piece: str) -> str:
    return (piece * (LIMIT // len(piece)))[:LIMIT - len(FRONT.encode()) - 1]


@pytest.mark.parametrize("name", sorted(SLOW))
def test_markdown_that_would_render_for_seconds_is_refused_quickly(make_site, caplog, name):
    piece, message, lines, col = SLOW[name]
    site = make_site({NARRATIVE: narrative(at_limit(piece))})
    started = time.process_time()
    found = errors()
    assert time.process_time() - started < 2.0
    assert len(found) == 1 and message in found[0], found
    assert found[0].startswith(f"{NARRATIVE}:{BODY_LINE + lines}:{col}: error: "), found[0]
    assert build_fails(site, caplog)[:-1] == found


UNDER_BUDGET = {  # as much of each construct as is allowed, in a body at the size limit
    "open tags": "<a " * 29 + FILLER,
    "open links": "[a](" * 30 + FILLER,
    "abbreviations": "".join(f"*[A{i}]: b\n" for i in range(50)) + FILLER,
    "content tabs": '=== "t"\n    x\n' * 300 + FILLER,
    "definitions": "a\n: b\n" * 250 + FILLER,
    "deep quotes": ("> " * 50 + "x\n\n") * 300,
    "a mixture": "".join(f"*[A{i}]: b\n" for i in range(20)) + '=== "t"\n    x\n' * 150
    + "a\n: b\n" * 120 + "<a " * 10 + "[a](" * 10 + "``a" * 1000 + "!!! note\n" * 300
    + "```\n" * 500 + FILLER,
    # Linear but heavy: the most expensive constructs left, at the size limit.
    "fences": "```\n" * (LIMIT // 4), "emphasis": "*a* " * (LIMIT // 4),
    "backticks": "``a" * (LIMIT // 3), "admonitions": "!!! note\n" * (LIMIT // 9),
}


@pytest.mark.parametrize("name", sorted(UNDER_BUDGET))
def test_markdown_within_the_budgets_renders_in_about_a_second(name):
    text = UNDER_BUDGET[name][:LIMIT]
    assert costly_markdown(text) is None
    renderer = MarkdownRenderer()
    renderer.render("warm up")  # the first render loads the icon index
    started = time.process_time()
    renderer.render(text)
    # About a second on the machine the budgets were measured on (0.65 s at most there); the
    # margin is for a busy test machine.
    assert time.process_time() - started < 2.0, name


def test_the_fast_pass_for_invisible_characters_covers_every_one():
    ranges = re.compile(f"[{candidate_class()}]")
    missed = [f"U+{code:04X}" for code in range(0x110000)
              if invisible_character(chr(code), "\t\n\r") and not ranges.match(chr(code))]
    assert missed == []
