"""Shortcuts taken for scale give exactly the answers of the slow paths they replace."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mentoring_commons.core.check import markup
from mentoring_commons.core.check.checks import EMAIL, _phone_like, find_contact_details
from mentoring_commons.core.check.markup import MarkdownRenderer, check_body, needs_scan
from mentoring_commons.core.model.fields import DANGEROUS_SCHEMES, Text
from mentoring_commons.core.publish import leakscan
from mentoring_commons.core.publish.boundary import Withheld
from mentoring_commons.core.publish.leakscan import scan
from test_hostile_content import PAYLOADS

REPO = Path(__file__).resolve().parent.parent
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RENDERER = MarkdownRenderer()


def full_check(text: str, allow_h1: bool = False) -> list[markup.BodyProblem]:
    """check_body without its shortcut: always render and scan."""
    original = markup.needs_scan
    markup.needs_scan = lambda _text: True
    try:
        return list(check_body(RENDERER, text, allow_h1=allow_h1))
    finally:
        markup.needs_scan = original


# Markdown syntax of every extension in use, and words a scheme could be built from; the
# trigger characters are left out so that most examples take the shortcut.
PIECES = ["*", "**", "_", "`", "```", "~~~", "~~", "^^", "==", "[", "]", "(", ")", "![", "](",
          "- ", "1. ", "> ", "!!! note", "??? tip", "???+ tip", "- [ ] ", "- [x] ", "[^1]",
          "[^1]: ", "*[HTML]: ", ": ", ":", "---", "***", "    ", "\t", "\n", "\n\n", " ",
          "javascript", "java script", "JaVaScRiPt", "vbscript", "data", "file", "http", "\\",
          "/", "'", '"', "?", "%6A", "(c)", "-->", "+/-", "1/2", "smile", "é", "\u00a0", ".",
          "Heading", "word", "https://example.org", "#", "##", "###", "#word", "C#"]
markdownish = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=6)),
                       max_size=40).map("".join)


@SETTINGS
@given(markdownish)
def test_text_the_shortcut_skips_has_nothing_to_report(text: str) -> None:
    if not needs_scan(text):
        assert full_check(text) == []
        assert full_check(text, allow_h1=True) == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_every_hostile_payload_is_scanned(payload: str) -> None:
    assert list(check_body(RENDERER, payload)) == full_check(payload)


@pytest.mark.parametrize("file", sorted((REPO / "content").rglob("*.md")),
                         ids=lambda f: f.name)
def test_shipped_bodies_give_the_same_answer(file: Path) -> None:
    text = file.read_text("utf-8")
    assert list(check_body(RENDERER, text)) == full_check(text)


def test_plain_prose_is_checked_without_rendering() -> None:
    class NoRendering(MarkdownRenderer):
        def render(self, text: str) -> str:
            raise AssertionError("rendered")

    prose = "## What helped\n\nA *colleague* asked: what data do you need?\n\n- one\n- two\n"
    assert not needs_scan(prose)
    assert list(check_body(NoRendering(), prose)) == []
    assert needs_scan("[x](java\nscript:alert(1))")
    assert needs_scan("[x](DATA:text/html,hi)")


def test_renders_are_shared_and_give_the_same_html_and_headings() -> None:
    text = "## First\n\nSome text.\n\n### Second\n"
    first, second = MarkdownRenderer(), MarkdownRenderer()
    html = first.render(text)
    tokens = first.toc_tokens
    assert second.render(text) == html
    assert second._md is None  # served from the shared memo, no Markdown instance built
    assert second.toc_tokens == tokens == [
        {"level": 2, "id": "first", "name": "First", "html": "First", "data-toc-label": "",
         "children": [{"level": 3, "id": "second", "name": "Second", "html": "Second",
                       "data-toc-label": "", "children": []}]}]
    second.toc_tokens[0]["children"].clear()  # a caller changing its copy changes nothing
    assert second.toc_tokens == tokens


# -- the leak scan ------------------------------------------------------------------------------

small_text = st.text(alphabet="ab \"/.-c", max_size=60)


@SETTINGS
@given(st.lists(st.text(alphabet="ab \"/.-c", min_size=1, max_size=8), max_size=12), small_text)
def test_finder_finds_exactly_the_needles_in_the_text(needles: list[str], text: str) -> None:
    # A tiny alphabet makes needles overlap, nest and share prefixes.
    assert leakscan._Finder(needles).found_in(text) == {n for n in needles if n in text}


original_parallel = leakscan._scan_in_parallel


def whole_text(file: Path) -> str:
    """The text the scan searches, as first written: the whole file at once."""
    raw = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".json":
        try:
            raw = raw + "\n" + json.dumps(json.loads(raw), ensure_ascii=False)
        except ValueError:
            pass
    return " ".join(html.unescape(raw).split())


def brute_force_scan(site_dir: Path, entries: list[Withheld]) -> list[leakscan.Leak]:
    """The scan as first written: every needle of every entry tested with ``in``, in the whole
    text of each file."""
    leaks = []
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file():
            continue
        text = whole_text(file)
        words = leakscan._words(text)
        for entry in entries:
            for needle in leakscan.needles(entry):
                if needle in (words if needle == entry.phrase else text):
                    leaks.append(leakscan.Leak(file.relative_to(site_dir).as_posix(), entry,
                                               needle))
                    break
    return leaks


def test_scan_reports_what_testing_every_needle_reports(tmp_path: Path, monkeypatch) -> None:
    entries = [
        Withheld("person", "people", "ana", "Ana Example", None, "internal"),
        Withheld("person", "people", "an", "An Ex", None, "internal"),  # a prefix of the other
        Withheld("narrative", "narratives", "secret", "Secret story", "one two three four",
                 "consent withdrawn"),
        Withheld("narrative", "narratives", "same", "one two", "one two", "internal"),
    ]
    files = {
        "index.html": '<a href="people/ana/">x</a> and <b>An Ex</b>ample',
        "a/b.html": "<p>one <em>two</em> three four</p> Secret  story",
        "c.json": '{"k": "\\u0053ecret story", "id": "same"}',
        "d.xml": "narratives/secret.html people/an/",
        "e.txt": "nothing to see",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, "utf-8")
    leaks = scan(tmp_path, entries)
    assert leaks == brute_force_scan(tmp_path, entries)
    parallel_runs = []
    # Threads left running by earlier tests (a local HTTP server, a browser) would keep the
    # scan in-process, as it should in `mkdocs serve`; here only the forked path is under test.
    monkeypatch.setattr(leakscan.parallel, "can_fork", lambda: True)
    monkeypatch.setattr(leakscan, "_scan_in_parallel", lambda *args: parallel_runs.append(1)
                        or original_parallel(*args))
    assert scan(tmp_path, entries, workers=2) == leaks  # as large sites are scanned
    assert parallel_runs == [1]
    assert {(leak.file, leak.entry.id, leak.found) for leak in leaks} == {
        ("a/b.html", "secret", "Secret story"),
        ("a/b.html", "same", "one two"),
        ("c.json", "secret", "Secret story"),
        ("c.json", "same", '"same"'),
        ("d.xml", "secret", "narratives/secret."),
        ("d.xml", "an", "people/an/"),
        ("index.html", "ana", "people/ana/"),
        ("index.html", "an", "An Ex"),
    }


# Entities (whole, cut short, unknown), tags (closed, open, across lines), every kind of
# whitespace str.split knows, and the needles' own characters.
SCAN_PIECES = ["&amp;", "&amp", "&lt;", "&gt;", "&#65;", "&#x41;", "&notin", "&notit;", "&",
               ";", "<", ">", "<b>", "</b>", "<a\nhref='x'>", " ", "  ", "\t", "\n", "\r",
               "\f", "\v", "\x1c", "\x85", "\u00a0", "\u2003", "\u3000", "a", "b", "ab",
               "a b", "a/b", "/", '"', "é", "😀"]
scan_text = st.lists(st.sampled_from(SCAN_PIECES), max_size=60).map("".join)


@SETTINGS
@given(st.lists(st.sampled_from(["a", "b", "a b", "ab/", "a/b.", '"a"', "b a", "&", "<", ">",
                                 "a\u00a0b", "é a"]), min_size=1, max_size=6),
       scan_text, st.integers(min_value=1, max_value=9), st.booleans())
def test_scan_in_pieces_finds_what_the_whole_text_holds(
        tmp_path_factory, needles: list[str], text: str, piece: int, as_json: bool) -> None:
    # Pieces of a few characters make every cut, entity, tag and needle cross one another.
    file = tmp_path_factory.mktemp("scan") / ("f.json" if as_json else "f.html")
    file.write_text(json.dumps({"k": text, "n": [text, 1]}) if as_json else text, "utf-8")
    original = leakscan.PIECE
    leakscan.PIECE = piece
    try:
        pieces = list(leakscan._readable(file))
        untagged: list[str] = []
        stripper = leakscan._Untagged(untagged.append)
        for part in pieces:
            stripper.feed(part)
        stripper.close()
        in_text, in_words = (leakscan._Search(leakscan._Finder(needles)) for _ in range(2))
        for part in pieces:
            in_text.feed(part)
        for part in untagged:
            in_words.feed(part)
    finally:
        leakscan.PIECE = original
    whole = whole_text(file)
    assert "".join(pieces) == whole
    assert "".join(untagged) == leakscan._words(whole)
    assert in_text.found == {n for n in needles if n in whole}
    assert in_words.found == {n for n in needles if n in leakscan._words(whole)}


def test_a_large_file_is_scanned_in_pieces(tmp_path: Path, monkeypatch) -> None:
    """A needle, a tag and an entity across every cut are found as in the whole text."""
    monkeypatch.setattr(leakscan, "PIECE", 50)
    entries = [Withheld("narrative", "narratives", "secret", "Secret story",
                        "one two three four", "internal")]
    filler = "<p>Nothing to see here &amp; nothing to say</p>\n" * 40
    body = filler + "<p>one <em>two</em>\nthree &#102;our</p> Secret\n\n story" + filler
    (tmp_path / "page.html").write_text(body, "utf-8")
    # (JSON escapes line breaks as "\\n": there the needle is across spaces.)
    (tmp_path / "data.json").write_text(json.dumps({"body": body.replace("\n", "  ")}),
                                        "utf-8")
    assert len(list(leakscan._readable(tmp_path / "page.html"))) > 10
    leaks = scan(tmp_path, entries, workers=1)
    assert leaks == brute_force_scan(tmp_path, entries)
    assert {(leak.file, leak.found) for leak in leaks} == {
        ("page.html", "Secret story"), ("data.json", "Secret story")}
    monkeypatch.setattr(leakscan, "needles", lambda entry: [entry.phrase])
    assert {leak.file for leak in scan(tmp_path, entries, workers=1)} == {
        "page.html", "data.json"}


# -- text fields ------------------------------------------------------------------------------


def reference_problem(field: Text, text: str) -> str | None:
    """Text._problem as first written: every character looked up."""
    if not text or len(text) > field.max_length or "<" in text or ">" in text:
        return field._problem(text)
    for ch in text:
        if (unicodedata.category(ch) == "Cc" and ch != "\n") or (
                unicodedata.category(ch) == "Cf" and ch not in "\u200c\u200d"):
            return (f"contains the invisible character U+{ord(ch):04X}; delete it "
                    "(it can hide text or make two values look the same).")
    return None


@SETTINGS
@given(st.text(alphabet=st.one_of(st.characters(max_codepoint=0x7F),
                                  st.sampled_from("\u200b\u200c\u200d\u202e\u2028\x85éа😀")),
               max_size=30))
def test_text_fields_find_the_same_invisible_characters(text: str) -> None:
    field = Text(200, multiline=True)
    assert field._problem(text) == reference_problem(field, text)


# -- contact details ---------------------------------------------------------------------------


def reference_contact_details(text: str) -> list[tuple[int, int, str]]:
    """find_contact_details as first written: every line searched for both."""
    found = []
    for offset, line in enumerate(text.split("\n")):
        found += [(offset, m.start() + 1, "an e-mail address") for m in EMAIL.finditer(line)]
        found += [(offset, m.start() + 1, "a phone number") for m in _phone_like(line)]
    return found


@SETTINGS
@given(st.text(alphabet="0123456789 \n-().+@abc.x_", max_size=60))
def test_contact_details_are_found_as_before(text: str) -> None:
    assert list(find_contact_details(text)) == reference_contact_details(text)


@SETTINGS
@given(st.lists(st.sampled_from(["java", "script", "JaVa", "SCRIPT", "vb", "da", "ta", "fi",
                                 "le", ":", " ", "\t", "\n", "\x01", "\x7f", "\u00a0", "\u2003",
                                 "x", "K", "\u212a", "ſ", "İ"]), max_size=12).map("".join))
def test_the_scheme_shortcut_misses_nothing(text: str) -> None:
    squashed = re.sub(r"[\s\x00-\x20\x7f]", "", text).lower()
    if any(f"{scheme}:" in squashed for scheme in DANGEROUS_SCHEMES):
        assert needs_scan(text)

