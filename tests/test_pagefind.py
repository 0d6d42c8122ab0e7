"""The optional Pagefind step: off, auto and required, and a real index when it is installed."""

from __future__ import annotations

import gzip
import json
import logging
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from mentoring_commons.mkdocs.search import pagefind
from mentoring_commons.mkdocs.search.pagefind import run_pagefind, split_pages
from mkdocs.exceptions import PluginError

QUERY = Path(__file__).resolve().parent.parent / "benchmarks/pagefind_query.mjs"
needs_pagefind = pytest.mark.skipif(pagefind.pagefind_command() is None,
                                    reason="pagefind[bin] not installed")


def test_off_does_nothing(tmp_path: Path) -> None:
    assert run_pagefind(tmp_path, "off", command=["false"]) is None


def test_missing_pagefind_is_news_in_auto_and_an_error_when_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pagefind, "pagefind_command", lambda: None)
    caplog.set_level(logging.INFO)
    assert run_pagefind(tmp_path, "auto") is None
    assert [r.levelname for r in caplog.records] == ["INFO"]  # not a warning: strict builds pass
    assert "pip install 'pagefind[bin]'" in caplog.text
    with pytest.raises(PluginError, match="not installed"):
        run_pagefind(tmp_path, "required")
    with pytest.raises(PluginError, match="one of off, auto, required"):
        run_pagefind(tmp_path, "sometimes")


def test_a_failing_pagefind_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"Pagefind failed \(exit 1\)"):
        run_pagefind(tmp_path, "auto", command=["false"])


@pytest.mark.skipif(pagefind.pagefind_command() is None, reason="pagefind[bin] not installed")
def test_the_built_site_gets_a_chunked_index_that_answers_a_query(make_site) -> None:
    site = make_site()
    site.build()
    run = run_pagefind(site.site_dir, "required")
    assert run is not None and run.bundle == site.site_dir / "pagefind"
    entry = json.loads((run.bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] >= 8
    assert list(run.bundle.glob("index/*.pf_index")) and list(run.bundle.glob("fragment/*"))
    if shutil.which("node") is None:
        pytest.skip("node is needed to run a query")
    probe = subprocess.run(["node", str(QUERY), str(run.bundle), "lunch club"],
                           capture_output=True, text=True, check=True)
    assert "first_result" in probe.stdout and "results: 0" not in probe.stdout


def pagefind_site(make_site, **overrides):
    """The base fixture with ``pagefind: on`` and without Material's search, as a large site
    would be configured."""
    site = make_site(overrides or None)
    config = (site.root / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - search\n", "").replace(
        "      edition: public\n", "      edition: public\n      pagefind: \"on\"\n")
    assert "pagefind: \"on\"" in config and "- search" not in config
    site.write("mkdocs.yml", config)
    return site


@pytest.mark.skipif(pagefind.pagefind_command() is None, reason="pagefind[bin] not installed")
def test_pagefind_on_adds_a_search_page_and_indexes_the_published_site(make_site) -> None:
    site = pagefind_site(make_site)
    site.build()
    page = site.html("search/index.html")
    assert 'role="search"' in page
    # The form sends ?q= to the search page itself (action="" is an HTML error).
    assert 'action="./" method="get"' in page and 'action=""' not in page
    assert 'data-mc-search="../pagefind/pagefind.js" data-mc-root="../"' in page
    assert '<label for="mc-search-q">' in page and 'src="../assets/search.js"' in page
    assert (site.site_dir / "assets/search.js").is_file()
    assert not (site.site_dir / "search/search_index.json").exists()
    # Entries and hand-written pages are indexed; listings, which repeat the entries'
    # summaries, and the search page are not.
    indexed = {path.parent.relative_to(site.site_dir).as_posix()
               for path in site.site_dir.rglob("index.html")
               if "data-pagefind-body" in path.read_text("utf-8")}
    assert {"narratives/ana-finding-my-people", "people/ana", "programs/lunch-club",
            "recommendations/join-a-peer-group-early", "glossary", "."} <= indexed
    assert not indexed & {"narratives", "people", "programs", "recommendations", "search"}
    entry = json.loads((site.site_dir / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_pagefind_on_without_pagefind_fails_the_build_with_the_fix(
    make_site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from conftest import build_fails

    monkeypatch.setattr(pagefind, "pagefind_command", lambda: None)
    site = pagefind_site(make_site)
    errors = build_fails(site, caplog)
    assert any("pip install 'pagefind[bin]'" in e for e in errors)


def test_pagefind_off_has_no_search_page(make_site) -> None:
    site = make_site()
    site.build()
    assert not (site.site_dir / "search/index.html").exists()
    assert not (site.site_dir / "pagefind").exists()


@pytest.mark.skipif(pagefind.pagefind_command() is None or shutil.which("node") is None,
                    reason="pagefind[bin] and node are needed")
def test_search_finds_the_entry_not_the_pages_that_list_it(make_site) -> None:
    # The story's summary is also on its author's page, its program's page and the pages of
    # the recommendations it supports, as cards: only the story's own page is indexed with it.
    site = pagefind_site(make_site)
    site.build()
    probe = subprocess.run(["node", str(QUERY), str(site.site_dir / "pagefind"),
                            "Ana found peer group first year"],
                           capture_output=True, text=True, check=True)
    assert "results: 1\n" in probe.stdout
    assert '/narratives/ana-finding-my-people/"\n' in probe.stdout


def test_a_large_material_index_suggests_pagefind(make_site, monkeypatch, caplog) -> None:
    from mentoring_commons.mkdocs import plugin

    caplog.set_level(logging.INFO)
    site = make_site()
    site.build()
    assert "set 'pagefind: on'" not in caplog.text  # a small site: Material's index is fine
    monkeypatch.setattr(plugin, "MATERIAL_INDEX_BUDGET", 100)
    site.build()
    advice = [r for r in caplog.records if "set 'pagefind: on'" in r.getMessage()]
    assert [r.levelname for r in advice] == ["INFO"]  # advice, so strict builds still pass


def fragments(bundle: Path) -> dict[str, dict]:
    """Every page of an index, its parts included: URL -> the text, title and anchors Pagefind
    stored for it (gzip, after Pagefind's own signature)."""
    found: dict[str, dict] = {}
    for path in bundle.rglob("fragment/*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])
        assert fragment["url"] not in found, f"{fragment['url']} is in two parts"
        found[fragment["url"]] = fragment
    return found


def marked_pages(site_dir: Path) -> set[str]:
    """URLs of the pages theme/main.html marks for Pagefind."""
    return {"/" + path.parent.relative_to(site_dir).as_posix().removeprefix(".") + "/"
            if path.parent != site_dir else "/"
            for path in site_dir.rglob("index.html")
            if "data-pagefind-body" in path.read_text("utf-8")}


def index_view(bundle: Path) -> tuple[dict, dict]:
    """What a Pagefind index holds, whatever the order of its pages: each page's text, title
    and word count by URL, and for each word (and each of its variants) its locations on each
    page. Also checks that each word lies in the range of the chunk it is in, as the search
    looks it up."""
    import cbor2

    def read(path: Path) -> bytes:
        return gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):]

    (language,) = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))[
        "languages"].values()
    meta = cbor2.loads(read(bundle / f"pagefind.{language['hash']}.pf_meta"))
    assert language["page_count"] == len(meta[1])
    fragments = [json.loads(read(bundle / "fragment" / f"{name}.pf_fragment"))
                 for name, _ in meta[1]]
    urls = [fragment["url"] for fragment in fragments]

    def by_url(pages: list) -> dict:
        located, number = {}, 0
        for delta, *locations in pages:  # each page number counts from the one before
            number += delta
            located[urls[number]] = locations
        return located

    words = {}
    for first, last, name in meta[2]:
        for word, pages, variants in cbor2.loads(read(bundle / "index" / f"{name}.pf_index"))[0]:
            assert first <= word and word[:len(last)] <= last, (word, first, last)
            words[word] = (by_url(pages), {form: by_url(found) for form, found in variants})
    pages = {fragment["url"]: (fragment, count)
             for fragment, (_, count) in zip(fragments, meta[1], strict=True)}
    return pages, words


def test_pages_are_cut_in_order_into_even_parts() -> None:
    pages = [f"narratives/story-{n:05}/index.html" for n in range(12_169)]
    parts = split_pages(pages, 5000)
    assert [len(part) for part in parts] == [4056, 4056, 4057]
    assert [page for part in parts for page in part] == pages  # each once, in order
    assert split_pages(pages[:10], 5000) == [pages[:10]]  # a small site is indexed in one run
    assert split_pages(pages[:5000], 5000) == [pages[:5000]]
    assert split_pages([], 5000) == [[]]


@needs_pagefind
def test_a_site_indexed_in_parts_gets_the_index_of_a_single_run(
    make_site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # A word with a diacritic is kept as a variant of its plain form: joined too.
    site = pagefind_site(make_site, **{
        "content/pages/notes.md": "# Notes\n\nThe café meets on Fridays; the cafe too.\n"})
    site.build()
    single = index_view(site.site_dir / "pagefind")
    monkeypatch.setattr(pagefind, "PAGES_PER_INDEX", 4)
    caplog.set_level(logging.INFO)
    site.build()
    bundle = site.site_dir / "pagefind"
    # What one Pagefind run indexes: the same pages, and every word at the same places.
    assert index_view(bundle) == single
    assert "cafe" in single[1] and single[1]["cafe"][1]  # the variant café, joined too
    assert not list(bundle.glob("part-*")) and not list(bundle.glob("pages-*"))
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    indexed = marked_pages(site.site_dir)
    assert entry["languages"]["en"]["page_count"] == len(indexed)
    # Every marked page is in it, under its own URL and title; listings are not.
    found = fragments(bundle)
    assert set(found) == indexed
    assert "/narratives/" not in found and "/people/" not in found
    assert found["/narratives/ana-finding-my-people/"]["meta"]["title"] == "Finding my people"
    # Ana's page shows the story as a card (.mc-cards, an excluded selector): its summary is
    # indexed on the story's page only.
    summary = "How Ana found a peer group in her first year."
    assert summary in site.html("people/ana/index.html")
    assert summary not in found["/people/ana/"]["content"]
    # The log line benchmarks/run.py reads, then the number of runs.
    line = next(r.getMessage() for r in caplog.records if "search index written" in r.getMessage())
    assert re.search(r"Pagefind search index written to \S+ in ([\d.]+) seconds "
                     r"\(Pagefind: (\d+) MB at most; the build so far: (\d+) MB\)", line)
    # Some parts were indexed while MkDocs was still writing pages (pagefind.EarlyParts).
    assert re.search(rf"{len(indexed)} pages in \d+ parts, [1-9]\d* of them while the pages "
                     r"were written$", line), line
    if shutil.which("node") is None:
        pytest.skip("node is needed to run a query")
    probe = subprocess.run(["node", str(QUERY), str(bundle), "Ana found peer group first year"],
                           capture_output=True, text=True, check=True)
    assert "results: 1\n" in probe.stdout
    assert '/narratives/ana-finding-my-people/"\n' in probe.stdout


@needs_pagefind
def test_a_failed_leak_scan_removes_the_index_built_in_parts(
    make_site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from conftest import build_fails
    from test_privacy import narrative

    monkeypatch.setattr(pagefind, "PAGES_PER_INDEX", 4)
    site = pagefind_site(make_site, **{
        "content/narratives/secret-story.md": narrative(
            "secret-story", "The quiet reorganisation", visibility="internal"),
        "content/pages/notes.md": "# Notes\n\nSee The quiet reorganisation for details.\n",
    })
    errors = build_fails(site, caplog)
    assert any("withheld narrative 'secret-story'" in e for e in errors)
    assert not site.site_dir.exists()


# A stand-in for the Pagefind CLI that fails as the test says.
FAKE_PAGEFIND = textwrap.dedent("""\
    import sys, time
    if {behaviour!r} == "hang":
        time.sleep(60)
    print("thread 'main' panicked: out of memory", file=sys.stderr)
    sys.exit(101)
    """)


@pytest.mark.parametrize(("behaviour", "parts", "message"), [
    ("crash", 1, r"Pagefind failed \(exit 101\): thread 'main' panicked: out of memory"),
    ("crash", 2, r"Pagefind failed \(exit 101\): thread 'main' panicked: out of memory"),
    ("hang", 1, r"Pagefind did not run: .*timed out after 1"),
])
def test_pagefind_failing_fails_the_build_with_its_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, behaviour: str, parts: int, message: str
) -> None:
    for name in ("a", "b"):
        (tmp_path / name / "index.html").parent.mkdir()
        (tmp_path / name / "index.html").write_text(
            "<html><body><main data-pagefind-body>Hi</main></body></html>", "utf-8")
    monkeypatch.setattr(pagefind, "PAGES_PER_INDEX", 2 // parts)
    fake = tmp_path / "fake_pagefind.py"
    fake.write_text(FAKE_PAGEFIND.format(behaviour=behaviour), "utf-8")
    with pytest.raises(PluginError, match=message):
        run_pagefind(tmp_path, "required", command=[sys.executable, str(fake)], timeout=1)
    assert not list((tmp_path / "pagefind").glob("pages-*"))  # no folder of links left


def test_a_part_failing_while_pages_are_written_fails_the_build_and_leaves_no_index(
    make_site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    from conftest import build_fails

    fake = tmp_path / "fake_pagefind.py"
    fake.write_text(FAKE_PAGEFIND.format(behaviour="crash"), "utf-8")
    monkeypatch.setattr(pagefind, "pagefind_command", lambda: [sys.executable, str(fake)])
    monkeypatch.setattr(pagefind, "PAGES_PER_INDEX", 2)
    started = []
    real_start = pagefind.EarlyParts._start
    monkeypatch.setattr(pagefind.EarlyParts, "_start",
                        lambda self, part: (started.append(part), real_start(self, part)))
    site = pagefind_site(make_site)
    errors = build_fails(site, caplog)
    assert started, "no part was started while the pages were written"
    assert any("Pagefind failed (exit 101): thread 'main' panicked" in e for e in errors)
    assert not (site.site_dir / "pagefind").exists()  # on_build_error removed what parts wrote


def test_early_parts_take_written_marked_pages_only_and_one_part_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[list[str]] = []
    monkeypatch.setattr(pagefind.EarlyParts, "_start", lambda self, part: started.append(part))
    monkeypatch.setattr(pagefind, "PAGES_PER_INDEX", 4)  # early parts of 2
    early = pagefind.EarlyParts(["pagefind"], tmp_path, timeout=60)
    for name, marked in [("a", True), ("list", False), ("b", True), ("c", True), ("d", True)]:
        early.page(f"{name}/index.html", marked)
    # "c" was written when "d" came (MkDocs writes a page after on_post_page); "d" is not yet.
    assert started == [["a/index.html", "b/index.html"]]
    assert early._written == ["c/index.html"]
