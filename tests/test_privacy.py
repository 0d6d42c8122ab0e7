"""Privacy and consent by construction: nothing withheld reaches any output file."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import PERSON_ANONYMOUS, PERSON_BEN, base_files, build_fails, person_pseudonym
from mentoring_commons.core.publish.boundary import Withheld
from mentoring_commons.core.publish.leakscan import scan

SECRET_BODY = (
    "Zephyrine kept a notebook of every awkward meeting during the reorganisation and shared "
    "it only with her closest colleagues in the cataloguing unit.\n"
)


def narrative(id_: str, title: str, *, extra: str = "", consent: str | None = None,
              visibility: str = "public", authors: str = "[ana]") -> str:
    consent = consent or "consent:\n  naming: named\n  given: 2025-01-10\n"
    return (
        f"---\ntitle: {title}\nauthors: {authors}\nsummary: A story about {title}.\n"
        f"date: 2025-04-01\nforms: [peer]\nvisibility: {visibility}\n{consent}{extra}---\n"
        + SECRET_BODY
    )


THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/")  # Material's own files


def all_output(site_dir: Path) -> str:
    chunks = []
    for path in sorted(site_dir.rglob("*")):
        if path.relative_to(site_dir).as_posix().startswith(THEME_ASSETS):
            continue
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            chunks.append(text)
            if path.suffix == ".json":
                chunks.append(json.dumps(json.loads(text), ensure_ascii=False))
    return "\n".join(chunks)


def assert_absent(site_dir: Path, *needles: str) -> None:
    text = all_output(site_dir)
    for needle in needles:
        assert needle not in text, needle


def assert_present(site_dir: Path, *needles: str) -> None:
    text = all_output(site_dir)
    for needle in needles:
        assert needle in text, needle


WITHHELD_CASES = {
    "internal": dict(visibility="internal"),
    "withdrawn": dict(consent="consent:\n  naming: named\n  given: 2025-01-10\n"
                              "  withdrawn: 2025-05-01\n"),
    "review-passed": dict(consent="consent:\n  naming: named\n  given: 2025-01-10\n"
                                  "  review_by: 2026-01-01\n"),
    "no-consent": dict(consent="\n"),
}


@pytest.mark.parametrize("case", sorted(WITHHELD_CASES))
def test_withheld_narrative_reaches_no_output_file(make_site, case, caplog):
    if case == "no-consent":
        # A missing basis is an error, not a silent hold: the build stops.
        site = make_site({"content/narratives/secret-story.md":
                          narrative("secret-story", "The quiet reorganisation", consent="\n")})
        errors = build_fails(site, caplog)
        assert any("secret-story.md:2:1: error: no consent recorded" in e for e in errors)
        return
    site = make_site({"content/narratives/secret-story.md":
                      narrative("secret-story", "The quiet reorganisation",
                                **WITHHELD_CASES[case])})
    # Held back with a notice, which a strict build does not count: a build that failed on it
    # would leave the story on the last published site.
    caplog.set_level(logging.INFO)
    site.build()
    assert_absent(site.site_dir, "secret-story", "The quiet reorganisation",
                  "awkward meeting during the reorganisation")
    # ...and nothing counts it: the narratives index lists exactly the one public story.
    index = (site.site_dir / "narratives/index.html").read_text(encoding="utf-8")
    assert "1 story, newest first" in index
    if case == "review-passed":
        assert any("secret-story.md:11:14: notice: consent was due for review on 2026-01-01"
                   in r.getMessage() for r in caplog.records)


def test_internal_edition_includes_internal_entries_with_a_banner_on_every_page(make_site):
    site = make_site({"content/narratives/secret-story.md":
                      narrative("secret-story", "The quiet reorganisation",
                                visibility="internal")}, edition="internal")
    site.build()
    assert (site.site_dir / "narratives/secret-story/index.html").is_file()
    for page in site.site_dir.rglob("*.html"):
        assert "Internal edition." in page.read_text(encoding="utf-8"), page


def test_public_edition_has_no_banner(make_site):
    site = make_site()
    site.build()
    assert "Internal edition." not in all_output(site.site_dir)


def test_internal_person_has_no_page_and_their_named_story_is_held(make_site, caplog):
    site = make_site({
        "content/people/ben.yml": PERSON_BEN.replace("visibility: public",
                                                     "visibility: internal"),
        "content/narratives/ben-story.md": narrative("ben-story", "Bens private path",
                                                     authors="[ben]"),
    })
    caplog.set_level(logging.INFO)
    site.build()  # strict: the story held back is a notice (see above)
    assert_absent(site.site_dir, "people/ben/", "Ben Sample", "Bens private path", '"ben"')
    # Ana's story named Ben as a peer; that relationship is dropped, not shown half-way.
    ana = (site.site_dir / "narratives/ana-finding-my-people/index.html").read_text("utf-8")
    assert "Mentoring relationships in this story" not in ana
    assert any("narrative 'ben-story' held back: author 'ben' is not public" in r.getMessage()
               for r in caplog.records)


def test_anonymous_story_shows_no_name_or_person_id_anywhere(make_site):
    anonymous = narrative(
        "anon-story", "Leaving a toxic team",
        consent="consent:\n  naming: anonymous\n  given: 2025-01-10\n",
        authors="[anonymous-member]",
        extra="relationships:\n  - person: ana\n    direction: mentor\n",
    )
    site = make_site({"content/narratives/anon-story.md": anonymous,
                      "content/people/anonymous-member.yml": PERSON_ANONYMOUS})
    site.build()
    page = (site.site_dir / "narratives/anon-story/index.html").read_text(encoding="utf-8")
    assert "A story by A community member" in " ".join(page.split()).replace("<!---->", "")  \
        or "A community member" in page
    assert "Ben Sample" not in page and "people/ben/" not in page and '"ben"' not in page
    # Ben's own page must not tie him to the anonymous story, nor may the search index.
    ben = (site.site_dir / "people/ben/index.html").read_text(encoding="utf-8")
    assert "Leaving a toxic team" not in ben
    index = json.loads((site.site_dir / "search/search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        if doc["location"].startswith("narratives/anon-story/"):
            assert "Ben" not in doc["text"] and "Ben" not in doc["title"]
    manifest = json.loads((site.site_dir / "manifest.json").read_text("utf-8"))
    entry = next(e for e in manifest["entries"] if e["id"] == "anon-story")
    assert entry["naming"] == "anonymous"


def test_first_name_and_pseudonym_levels(make_site):
    first = narrative("first-story", "First name only",
                      consent="consent:\n  naming: first-name\n  given: 2025-01-10\n",
                      authors="[ben]")
    pseudo = narrative("pseudo-story", "Under another name",
                       consent="consent:\n  naming: pseudonym\n  given: 2025-01-10\n"
                               "  pseudonym: River\n", authors="[river]")
    site = make_site({"content/narratives/first-story.md": first,
                      "content/narratives/pseudo-story.md": pseudo,
                      "content/people/river.yml": person_pseudonym("River")})
    site.build()
    first_page = (site.site_dir / "narratives/first-story/index.html").read_text("utf-8")
    assert "A story by Ben ·" in " ".join(first_page.split()) or "A story by Ben " in first_page
    assert "Ben Sample" not in first_page and "people/ben/" not in first_page
    pseudo_page = (site.site_dir / "narratives/pseudo-story/index.html").read_text("utf-8")
    assert "River" in pseudo_page
    assert "Ben" not in pseudo_page.replace("Benefit", "")


def test_internal_hand_written_page_is_not_published(make_site):
    page = "---\ntitle: Staff room rota\nvisibility: internal\n---\n# Staff room rota\n" + \
        SECRET_BODY
    site = make_site({"content/pages/rota.md": page})
    site.build()
    assert not (site.site_dir / "rota").exists()
    assert_absent(site.site_dir, "Staff room rota", "awkward meeting during the reorganisation")
    internal = make_site({"content/pages/rota.md": page}, edition="internal")
    internal.build()
    assert (internal.site_dir / "rota/index.html").is_file()


def test_leak_scan_fails_the_build_and_removes_the_site(make_site, caplog):
    # A public hand-written page quoting a withheld story: the boundary cannot know, the
    # scan after the build does.
    site = make_site({
        "content/narratives/secret-story.md": narrative(
            "secret-story", "The quiet reorganisation", visibility="internal"),
        "content/pages/notes.md": "# Notes\n\nSee The quiet reorganisation for details.\n",
    })
    errors = build_fails(site, caplog)
    assert any("notes/index.html: withheld narrative 'secret-story' (internal) appears in the "
               "output: 'The quiet reorganisation'" in e for e in errors)
    assert not site.site_dir.exists()


def test_leak_scan_unit(tmp_path):
    entry = Withheld("narrative", "narratives", "secret-story", "The quiet reorganisation",
                     "awkward meeting during the reorganisation and shared it", "internal")
    (tmp_path / "a.html").write_text("<p>nothing here</p>", encoding="utf-8")
    assert scan(tmp_path, [entry]) == []
    (tmp_path / "b.json").write_text(json.dumps({"t": "The quiet\u00a0reorganisation"}),
                                     encoding="utf-8")
    (tmp_path / "c.html").write_text('<a href="../narratives/secret-story/">x</a>',
                                     encoding="utf-8")
    (tmp_path / "d.xml").write_text("an awkward meeting during the <b>reorganisation</b> "
                                    "and shared it", encoding="utf-8")
    found = {leak.file for leak in scan(tmp_path, [entry])}
    assert found == {"b.json", "c.html", "d.xml"}
    # A folder being written by another process meanwhile (Pagefind's) can be left out whole.
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind/e.json").write_text('"secret-story"', encoding="utf-8")
    assert "pagefind/e.json" in {leak.file for leak in scan(tmp_path, [entry])}
    assert {leak.file for leak in scan(tmp_path, [entry], skip_dirs=("pagefind/",))} == found


def test_body_phrase_survives_rendering_whatever_the_markup(tmp_path):
    from mentoring_commons.core.check.markup import MarkdownRenderer
    from mentoring_commons.core.publish.boundary import body_phrase

    body = ("## Early *days*\n\nI joined in **2019**, didn't know anyone, and [asked](https://"
            "example.org) around.\nEvery Tuesday we met for coffee in the basement\nroom "
            "near the stacks, which felt odd.\n\n- one\n- two, three\n")
    phrase = body_phrase(body)
    # A run of plain words (a line break inside it is a space), from the middle of the body.
    assert phrase == "we met for coffee in the basement room"
    assert body_phrase("Too short, by far.") is None
    entry = Withheld("narrative", "narratives", "x", "X", phrase, "internal")
    (tmp_path / "page.html").write_text(MarkdownRenderer().render(body), encoding="utf-8")
    assert [leak.found for leak in scan(tmp_path, [entry])] == [phrase]


def test_manifest_lists_published_entries_with_basis_and_page_hash(make_site):
    import hashlib

    site = make_site({"content/narratives/secret-story.md":
                      narrative("secret-story", "The quiet reorganisation",
                                visibility="internal")})
    site.build()
    manifest = json.loads((site.site_dir / "manifest.json").read_text("utf-8"))
    ids = {(e["collection"], e["id"]) for e in manifest["entries"]}
    assert ("narratives", "ana-finding-my-people") in ids
    assert ("narratives", "secret-story") not in ids
    entry = next(e for e in manifest["entries"] if e["id"] == "ana-finding-my-people")
    assert entry["basis"] == "consent" and entry["given"] == "2025-01-10"
    page = site.site_dir / entry["page"]
    assert entry["sha256"] == hashlib.sha256(page.read_bytes()).hexdigest()
    program = next(e for e in manifest["entries"] if e["id"] == "lunch-club")
    assert program["last_checked"] is None


def test_two_builds_are_byte_identical(make_site, tmp_path):
    site = make_site()
    site.build()
    first = {p.relative_to(site.site_dir): p.read_bytes()
             for p in site.site_dir.rglob("*") if p.is_file()}
    site.build()
    second = {p.relative_to(site.site_dir): p.read_bytes()
              for p in site.site_dir.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [str(p) for p in first if first[p] != second[p]] == []


def test_unused_base_files_are_valid():
    assert "content/people/ben.yml" in base_files()
