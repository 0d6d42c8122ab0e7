"""Building real sites: pages, links, backlinks, failure before writing, the shipped site."""

from __future__ import annotations

import json
import logging
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import PERSON_ANA, REPO, base_files, build_fails
from mentoring_commons.core.check import markup
from mentoring_commons.core.outputs import exports


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.hrefs.append(a["href"])
        if tag in ("script", "img") and a.get("src"):
            self.hrefs.append(a["src"])
        if a.get("id"):
            self.ids.add(a["id"])

    def handle_data(self, data):
        self.text.append(data)


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def main_text(html: str) -> str:
    """Text of the page's main content area, whitespace collapsed."""
    start = html.index('<article class="md-content__inner')
    end = html.index("</article>", start)
    parser = Links()
    parser.feed(html[start:end])
    return " ".join("".join(parser.text).split())


def broken_links(site_dir: Path, base: str = "/") -> list[str]:
    """Every internal link, stylesheet, script and image in every page must reach a file (and
    an id, for #fragments).
    ``base`` is the path of site_url, which Material's 404 page uses for absolute links."""
    problems = []
    pages = {p: parse(p) for p in site_dir.rglob("*.html")}
    for page, parsed in pages.items():
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("mailto:", "#")) and not href[1:]:
                continue
            path = unquote(parts.path)
            if path.startswith("/"):
                assert path.startswith(base), f"{page}: {href} is outside the site"
                target = (site_dir / path[len(base):]).resolve()
            else:
                target = (page.parent / path).resolve() if path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site_dir)} -> {href}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if parts.fragment not in ids:
                    problems.append(f"{page.relative_to(site_dir)} -> {href} (no such id)")
    return problems


def test_fixture_site_has_every_page_kind(make_site):
    site = make_site()
    site.build()
    for rel in ["index.html", "narratives/index.html",
                "narratives/ana-finding-my-people/index.html", "people/index.html",
                "people/ana/index.html", "people/ben/index.html",
                "programs/index.html", "programs/lunch-club/index.html",
                "recommendations/index.html", "recommendations/join-a-peer-group-early/index.html",
                "glossary/index.html", "references/index.html", "paths/index.html",
                "paths/first-month/index.html", "about/content-model/index.html",
                "about/vocabularies/index.html", "schemas/narrative.schema.json",
                "manifest.json", "sitemap.xml", "search/search_index.json"]:
        assert (site.site_dir / rel).is_file(), rel
    assert broken_links(site.site_dir) == []


def test_narrative_page_shows_body_people_facets_programs_and_source(make_site):
    site = make_site()
    site.build()
    text = main_text(site.html("narratives/ana-finding-my-people/index.html"))
    assert "Finding my people" in text
    assert "A story by Ana Example" in text
    assert "Ana arrived knowing nobody" in text
    assert "Peer mentoring" in text and "Group mentoring" in text and "Belonging" in text
    assert "Lunch Club" in text
    assert "Ben Sample: peer (Monthly lunches)" in text
    assert "Smith, Jo (2020). Peer groups in academic libraries. Journal of Examples." in text
    assert "Join a peer group early" in text  # the recommendation it supports
    html = site.html("narratives/ana-finding-my-people/index.html")
    assert 'href="../../people/ana/"' in html
    assert 'href="../../programs/lunch-club/"' in html
    assert 'href="https://doi.org/10.1234/example.5678"' in html


def test_backlinks_on_program_person_and_reference_pages(make_site):
    site = make_site()
    site.build()
    program = main_text(site.html("programs/lunch-club/index.html"))
    assert "Narratives that mention it Finding my people" in program
    assert "Recommendations that point to it Join a peer group early" in program
    ana = main_text(site.html("people/ana/index.html"))
    assert "Finding my people" in ana
    assert "Ben Sample, a peer: Monthly lunches, in Finding my people" in ana
    ben = main_text(site.html("people/ben/index.html"))
    assert "Ana Example, a peer: Monthly lunches, in Finding my people" in ben
    refs = main_text(site.html("references/index.html"))
    assert "Cited by:" in refs and "Peer mentoring" in refs


def test_entity_pages_are_not_in_the_navigation(make_site):
    site = make_site()
    site.build()
    html = site.html("index.html")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    assert "ana-finding-my-people" not in nav
    assert "people/ana/" not in nav


def test_lists_sort_deterministically(make_site):
    second = base_files()["content/narratives/ana-finding-my-people.md"].replace(
        "title: Finding my people", "title: A later story").replace(
        "date: 2025-02-01", "date: 2025-03-01")
    site = make_site({"content/narratives/ana-later.md": second})
    site.build()
    text = main_text(site.html("narratives/index.html"))
    assert text.index("A later story") < text.index("Finding my people")  # newest first


def test_invalid_content_fails_before_writing_anything(make_site, caplog):
    site = make_site()
    site.build()
    before = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    site.write("content/people/ana.yml", PERSON_ANA.replace("pronouns:", "pronoun:"))
    errors = build_fails(site, caplog)
    assert any(e.startswith("content/people/ana.yml:2:1: error: unknown field 'pronoun'")
               for e in errors)
    after = {p: p.read_bytes() for p in site.site_dir.rglob("*") if p.is_file()}
    assert after == before  # the previous site is untouched, not half-rewritten


def test_build_and_cli_report_the_same_messages(make_site, caplog, capsys):
    from mentoring_commons.cli import main

    site = make_site({"content/people/ana.yml": PERSON_ANA.replace("roles: [librarian]",
                                                                  "roles: [librarain]")})
    errors = build_fails(site, caplog)
    main(["check", "content", "--today", "2026-06-01"])
    cli_lines = [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]
    assert cli_lines and all(line in errors for line in cli_lines)


def test_published_schemas_match_the_committed_ones():
    from mentoring_commons.core.load.loader import load_catalog
    from mentoring_commons.core.model.schema import build_schemas, render_schema

    catalog, _ = load_catalog(REPO / "content")
    for name, schema in build_schemas(catalog.vocabularies).items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render_schema(schema), f"run 'commons schema' to update {name}"


@pytest.fixture(scope="module")
def shipped_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("shipped")
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    from conftest import Site

    site = Site(root)
    import os

    cwd = os.getcwd()
    os.chdir(root)
    try:
        site.build()
    finally:
        os.chdir(cwd)
    return site


def test_shipped_site_builds_strict_with_every_page_and_no_broken_link(shipped_site):
    site_dir = shipped_site.site_dir
    assert broken_links(site_dir, "/mentoring-commons/") == []
    counts = {kind: len(list((site_dir / kind).glob("*/index.html")))
              for kind in ("narratives", "people", "programs", "recommendations", "paths")}
    assert counts["narratives"] >= 6
    assert counts["programs"] >= 12
    assert counts["recommendations"] >= 12
    assert counts["paths"] >= 1
    glossary = (site_dir / "glossary/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="mc-glossary__entry"', glossary)) >= 10


def test_shipped_site_makes_no_third_party_requests(shipped_site):
    """No CDN fonts or scripts: every src/href to a stylesheet, script or font is local."""
    for page in shipped_site.site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="([^"]+)"', html):
            url = match.group(1)
            assert not url.startswith(("http:", "https:", "//")) or "rel=\"canonical\"" in \
                match.group(0) or 'rel="alternate"' in match.group(0), f"{page}: {url}"
    assert "fonts.googleapis" not in json.dumps(
        [p.read_text(encoding="utf-8") for p in shipped_site.site_dir.rglob("*.html")])


def test_shipped_site_credits_retold_stories_and_offers_a_change_route(shipped_site):
    """What issue 16 saw on the shipped site, checked on it: retold stories said "A story by"
    with the chapter's deposit date, the contributors page doubled names, no page offered a
    way to ask for a change, and every program warned it may be out of date."""
    site_dir = shipped_site.site_dir
    stories = sorted((site_dir / "narratives").glob("*/index.html"))
    people = sorted((site_dir / "people").glob("*/index.html"))
    assert len(stories) >= 6 and len(people) >= 7
    for page in stories + people:
        html = page.read_text(encoding="utf-8")
        assert "A story by" not in html, page  # every shipped story is retold
        assert "3 December 2021" not in html and 'datetime="2021-12-03"' not in html, page
        assert html.count("Is this you? Ask for a change or removal</a>") == 1, page
    for page in stories:
        assert '<p class="mc-byline">Retold from ' in page.read_text(encoding="utf-8"), page
    contributors = re.sub(r"<[^>]+>", "", (site_dir / "about/contributors/index.html")
                          .read_text(encoding="utf-8"))
    contributors = " ".join(contributors.split())
    assert not re.search(r"\b([A-Z][\w\u00c0-\u024f]+(?: [A-Z][\w\u00c0-\u024f]+)*): \1:",
                         contributors)
    assert "Authors of works retold here" in contributors
    for page in sorted((site_dir / "programs").glob("*/index.html")):
        html = page.read_text(encoding="utf-8")
        assert "No narrative mentions" not in html, page
        if "last_checked" not in (REPO / "content/programs" / f"{page.parent.name}.yml") \
                .read_text(encoding="utf-8"):
            assert "mc-stale" not in html and "link not yet checked" in html, page


def test_backlink_lists_are_capped_newest_first_and_say_how_many(make_site, monkeypatch):
    # At scale a program is mentioned by thousands of stories: its page shows the newest
    # LIST_LIMIT and the count, so no page grows with the site.
    from conftest import NARRATIVE_ANA

    monkeypatch.setattr("mentoring_commons.mkdocs.render.LIST_LIMIT", 2)
    extra = {
        f"content/narratives/ana-story-{i}.md": NARRATIVE_ANA.replace(
            "title: Finding my people", f"title: Story number {i}").replace(
            "date: 2025-02-01", f"date: 2025-0{i + 2}-01")
        for i in range(1, 4)
    }
    site = make_site(extra)
    site.build()
    program = site.html("programs/lunch-club/index.html")
    shown = re.findall(r'<h3 class="mc-card__title"><a href="[^"]+">([^<]+)</a>', program)
    assert shown == ["Story number 3", "Story number 2"]
    assert "Showing 2 of 4 narratives, newest first." in program
    person = site.html("people/ana/index.html")
    assert "Showing 2 of 4 narratives, newest first." in person
    # Ben is named in all four stories: one relationship, two of its four stories shown.
    assert "Showing 2 of 4 stories that tell of it." in person


def test_contributors_are_split_into_pages(make_site, monkeypatch):
    from conftest import NARRATIVE_ANA

    monkeypatch.setattr("mentoring_commons.core.site.contributors.CREDITS_PER_PAGE", 1)
    site = make_site({"content/narratives/ben-story.md": NARRATIVE_ANA.replace(
        "authors: [ana]", "authors: [ben]").replace("person: ben", "person: ana")})
    site.build()
    first = site.html("about/contributors/index.html")
    second = site.html("about/contributors/page/2/index.html")
    assert "Page 1 of 2: contributors 1 to 1 of 2." in first and 'rel="next"' in first
    assert ">Ana Example</a>" in first and ">Ben" in second and ">Ana Example</a>" not in second
    assert 'id="join"' in first  # the invitation stays on the first page


def dirty_build(site) -> None:
    """One build as `mkdocs serve --dirty` makes it. MkDocs warns on every dirty build, so not
    strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(site.root / "mkdocs.yml"), strict=False)
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def test_serve_dirty_rebuilds_only_the_edited_entry_page(make_site):
    # `mkdocs serve --dirty`: entity pages are backed by their entry's file, so MkDocs' own
    # mtime check rebuilds the edited one and leaves the others alone.
    import os
    import time

    from conftest import NARRATIVE_ANA

    site = make_site({"content/narratives/other.md": NARRATIVE_ANA.replace(
        "title: Finding my people", "title: Tom & Jerry's 'other' story")})

    site.build()
    other = site.site_dir / "narratives/other/index.html"
    edited = site.site_dir / "narratives/ana-finding-my-people/index.html"
    past = time.time() - 100
    os.utime(site.root / "content/narratives/other.md", (past - 100, past - 100))
    for page in (other, edited):
        os.utime(page, (past, past))
    source = site.root / "content/narratives/ana-finding-my-people.md"
    source.write_text(source.read_text("utf-8").replace(
        "eating lunch alone.", "eating lunch alone, every single day."), "utf-8")
    dirty_build(site)
    assert "every single day" in edited.read_text("utf-8")
    assert markup._MEMO and exports._ENTRY_JSON  # kept for the next rebuild
    assert other.stat().st_mtime == past  # not rebuilt
    # Titles stay escaped when MkDocs reads the entry's own file.
    os.utime(site.root / "content/narratives/other.md", None)
    dirty_build(site)
    page = other.read_text("utf-8")
    assert "Tom & Jerry" not in page and "Tom &amp;amp; Jerry" not in page
    assert "<title>Tom &amp; Jerry&#39;s &#39;other&#39; story" in page


def test_every_kind_a_path_points_at_links_back_to_the_path(make_site):
    site = make_site()
    site.build()
    for page in ("recommendations/join-a-peer-group-early", "narratives/ana-finding-my-people",
                 "programs/lunch-club"):
        html = site.html(f"{page}/index.html")
        assert "Onboarding paths that include it" in html, page
        assert '<a href="../../paths/first-month/">Your first month</a>' in html, page


def test_serve_dirty_rebuilds_the_listings_that_show_the_edited_entry_only(make_site):
    # Listings have no file of their own: under --dirty each is backed by a stub that changes
    # only when an entry it shows does (mkdocs/dirtystubs.py).
    site = make_site()

    dirty_build(site)
    listing = site.site_dir / "narratives/index.html"
    unrelated = site.site_dir / "people/index.html"
    before = unrelated.stat().st_mtime_ns
    source = site.root / "content/narratives/ana-finding-my-people.md"
    # Its body shows on its own page only: no listing is rebuilt for it.
    listed = listing.stat().st_mtime_ns
    source.write_text(source.read_text("utf-8").replace(
        "eating lunch alone.", "eating lunch alone, every single day."), "utf-8")
    dirty_build(site)
    assert "every single day" in site.html("narratives/ana-finding-my-people/index.html")
    assert listing.stat().st_mtime_ns == listed
    source.write_text(source.read_text("utf-8").replace(
        "summary: How Ana found a peer group in her first year.",
        "summary: How Ana found her people in her first year."), "utf-8")
    dirty_build(site)
    assert "How Ana found her people in her first year." in listing.read_text("utf-8")
    assert unrelated.stat().st_mtime_ns == before  # lists no narrative: not rebuilt


def test_plan_digest_follows_the_files_of_the_entries_shown(make_site):
    import os

    from mentoring_commons.core.site.data import PagePlan
    from mentoring_commons.mkdocs.serve.dirtystubs import plan_digest

    class Entry:
        def __init__(self, path):
            self.origin = type("Origin", (), {"path": str(path)})()

    site = make_site()
    entry_file = site.root / "content/people/ana.yml"
    plan = PagePlan("x.md", "X", "commons/x.html", None, context={"items": [Entry(entry_file)]})
    first = plan_digest(plan)
    assert plan_digest(plan) == first  # stable
    os.utime(entry_file, ns=(1, 1))
    assert plan_digest(plan) != first  # the entry's file changed


def test_plan_digests_of_two_loads_of_the_same_content_are_equal(make_site):
    # Every build plans the site anew: equal content must give equal digests, or every
    # listing would be rebuilt on every edit. Nothing in the plans falls back to "unpicklable".
    from mentoring_commons.mkdocs.serve.dirtystubs import DigestMemo, plan_digest
    from mkdocs.config import load_config

    site = make_site()

    def listing_digests():
        config = load_config(str(site.root / "mkdocs.yml"), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        config = config.plugins.on_config(config)
        memo = DigestMemo()
        plans = [p for p in config.plugins["commons"].plans.values() if not p.source]
        return {plan.src_uri: plan_digest(plan, memo) for plan in plans}, memo

    first, memo = listing_digests()
    second, _ = listing_digests()
    assert len(first) > 10 and first == second
    assert not [d for _, d in memo.values.values() if d.startswith("unpicklable")]


def test_plan_digest_follows_every_field_and_rebuilds_what_it_cannot_digest():
    import dataclasses

    from mentoring_commons.core.site.data import PagePlan
    from mentoring_commons.mkdocs.serve.dirtystubs import plan_digest

    @dataclasses.dataclass(frozen=True, slots=True)
    class Row:
        label: str
        counts: tuple[int, ...]

    def digest(**context):
        return plan_digest(PagePlan("x.md", "X", "commons/x.html", None, context=context))

    rows = [Row("a", (1, 2)), Row("b", (3,))]
    assert digest(rows=rows) == digest(rows=[Row("a", (1, 2)), Row("b", (3,))])
    assert digest(rows=rows) != digest(rows=[Row("a", (1, 2)), Row("b", (4,))])
    assert digest(rows=rows) != digest(rows=rows[:1])
    assert digest(rows=rows, n=1) != digest(rows=rows, n=2)
    # A function cannot be pickled: such a page gets a new digest, so it is always rebuilt.
    assert digest(sort=lambda row: row.label) != digest(sort=lambda row: row.label)


def test_serve_rebuilds_show_edited_templates_and_compile_only_those(make_site, monkeypatch):
    # Each rebuild of a serve session has a new Jinja environment; compiled templates are kept
    # between them (mkdocs/templatecache.py), checked against each template's source.
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = make_site()
    shutil.copytree(REPO / "theme", site.root / "theme")
    yml = site.root / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace(str(REPO / "theme"), str(site.root / "theme")),
                   "utf-8")
    compiled: list[str] = []
    real_compile = jinja2.Environment.compile

    def counting_compile(self, source, name=None, filename=None, *args, **kwargs):
        if self.bytecode_cache is not None:  # not the environments other plugins make
            compiled.append(name)
        return real_compile(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting_compile)

    def serve_build() -> list[str]:
        compiled.clear()
        config = load_config(str(yml), strict=False)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config, serve_url="http://127.0.0.1:8000/")
        return sorted(compiled)

    first = serve_build()
    assert "main.html" in first and "commons/narratives_index.html" in first  # both kept
    assert serve_build() == []  # nothing changed: nothing compiled
    template = site.root / "theme/commons/narratives_index.html"
    template.write_text(template.read_text("utf-8") + "<p>An edited template.</p>\n", "utf-8")
    assert serve_build() == ["commons/narratives_index.html"]
    assert "An edited template." in site.html("narratives/index.html")


def test_serve_previews_skip_the_manifest_that_builds_write(make_site):
    site = make_site()
    dirty_build(site)  # as mkdocs serve --dirty builds
    assert (site.site_dir / "narratives/ana-finding-my-people/index.html").is_file()
    assert not (site.site_dir / "manifest.json").exists()
    site.build()
    assert (site.site_dir / "manifest.json").is_file()


def test_a_hand_written_page_where_a_generated_one_goes_fails_the_build(make_site, caplog):
    site = make_site({"content/pages/map.md": "# My own map\n"})
    build_fails(site, caplog)
    assert ("content/pages/map.md:1:1: error: this file would be written where the generated "
            "page map.md (The mentoring map) is, and one would replace the other: move or "
            "rename it.") in caplog.text


def test_serve_watches_the_entries_beside_the_pages(make_site):
    # MkDocs watches docs_dir (content/pages) itself; an edited entry must trigger a rebuild
    # under a plain `mkdocs serve` too, without --watch.
    from mkdocs.config import load_config

    site = make_site()
    config = load_config(str(site.root / "mkdocs.yml"), strict=False)
    config.plugins.on_startup(command="serve", dirty=False)
    config = config.plugins.on_config(config)

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = config.plugins.on_serve(Server(), config=config, builder=lambda: None)
    assert [Path(p).resolve() for p in server.watched] == [(site.root / "content").resolve()]


def test_generated_pages_are_held_only_while_they_are_written(make_site, caplog, monkeypatch):
    """A generated page is rendered just before it is written and let go of after (memory,
    issue #7), yet the search plugin indexes it, its table of contents is shown, and links to
    its anchors are checked as before."""
    from mentoring_commons.mkdocs.plugin import CommonsPlugin

    held: dict[str, str | None] = {}
    original = CommonsPlugin.on_post_build

    def on_post_build(self, *, config):
        held.update({f.src_uri: f.page.content for f in self._files.documentation_pages()
                     if f.page is not None})
        return original(self, config=config)

    monkeypatch.setattr(CommonsPlugin, "on_post_build", on_post_build)
    home = "# Welcome\n\n[What helped](narratives/ana-finding-my-people.md#what-helped)\n"
    site = make_site({"content/pages/index.md": home})
    site.build()
    assert held["narratives/ana-finding-my-people.md"] is None
    assert held["people/index.md"] is None
    assert "What helped" in held["index.md"]  # hand-written pages are MkDocs' own
    # No build follows `mkdocs build`: what is kept for serve's next rebuild is let go of.
    assert not markup._MEMO and not exports._ENTRY_JSON
    index = json.loads((site.site_dir / "search/search_index.json").read_text("utf-8"))
    sections = {doc["location"]: doc["text"] for doc in index["docs"]}
    assert "monthly lunch club" in sections["narratives/ana-finding-my-people/#what-helped"]
    html = site.html("narratives/ana-finding-my-people/index.html")
    assert 'href="#what-helped"' in html  # the table of contents
    broken = "[Nowhere](narratives/ana-finding-my-people.md#nowhere)\n"
    site.write("content/pages/index.md", home + broken)
    caplog.set_level(logging.INFO)  # MkDocs' level for anchors unless validation: sets one
    site.build()
    assert not any("#what-helped" in r.getMessage() for r in caplog.records)
    assert any("does not contain an anchor '#nowhere'" in r.getMessage() for r in caplog.records)


def test_a_list_of_the_same_entries_is_digested_once_across_rebuilds(monkeypatch):
    # Under serve the record cache hands back the same (immutable) entry objects for files
    # that did not change, so a listing's new list of them keeps its digest without pickling.
    import dataclasses
    from types import SimpleNamespace

    from mentoring_commons.core.site.data import PagePlan
    from mentoring_commons.mkdocs.serve import dirtystubs

    @dataclasses.dataclass(frozen=True)
    class Entry:
        title: str
        body: str
        origin: SimpleNamespace

    pickled = []
    real = dirtystubs._pickled_digest
    monkeypatch.setattr(dirtystubs, "_pickled_digest",
                        lambda value, memo: pickled.append(value) or real(value, memo))
    folder = dirtystubs.StubFolder()

    def digest(items):
        plan = PagePlan("x.md", "X", "commons/x.html", None, context={"items": items})
        return dirtystubs.plan_digest(plan, folder.memo())

    a, b = (Entry(t, "text", SimpleNamespace(path=f"{t}.md")) for t in "ab")
    first = digest([a, b])
    assert digest([a, b]) == first and len(pickled) == 1  # a new list, the same entries
    assert digest([dataclasses.replace(a, body="edited"), b]) == first  # body: own page only
    assert digest([dataclasses.replace(a, title="edited"), b]) != first
    assert digest([b, a]) != first
    assert len(pickled) == 4
    assert dirtystubs.plan_digest(PagePlan("x.md", "X", "commons/x.html", None,
                                           context={"items": [a, b]})) == first  # no memo
    # A table kept from the last rebuild (SiteData.derived) is the same object: not pickled
    # again. One made anew is.
    table = {"peer": ["a", "b"]}
    kept = digest(table)
    assert len(pickled) == 6
    assert digest(table) == kept and len(pickled) == 6
    assert digest({"peer": ["a", "b"]}) == kept and len(pickled) == 7


def _records_in(value, seen=None) -> list:
    """The content-model records (anything with an ``origin``) inside ``value``."""
    import dataclasses

    seen = set() if seen is None else seen
    if id(value) in seen or isinstance(value, (str, int, float, bool, type(None))):
        return []
    seen.add(id(value))
    if dataclasses.is_dataclass(value):
        if any(f.name == "origin" for f in dataclasses.fields(value)):
            return [value]
        children = [getattr(value, f.name) for f in dataclasses.fields(value)]
    elif isinstance(value, dict):
        children = [*value.keys(), *value.values()]
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    else:
        children = []
    return [record for child in children for record in _records_in(child, seen)]


def test_tables_kept_across_rebuilds_read_no_body_and_hold_no_record(tmp_path):
    # Under serve --dirty a table marked body_free is kept while the listing key (everything
    # but the bodies) is the same: so it must give the same answer whatever the bodies say,
    # and hold nothing that carries a body into the next build.
    import dataclasses

    import mentoring_commons.core.outputs.siteplan  # noqa: F401
    import mentoring_commons.core.site.related  # noqa: F401  (every planner's tables)
    from finding_support import load_site_data
    from mentoring_commons.core.site import data as sitepages

    site = load_site_data(tmp_path)
    catalog = site.catalog
    other = dataclasses.replace(catalog)
    for name in ("narratives", "recommendations", "pages"):
        setattr(other, name, {
            key: dataclasses.replace(record, body=f"Peer mentoring and a mentor, {key}.",
                                     body_line=99)
            for key, record in getattr(catalog, name).items()})
    rewritten = sitepages.build_site_data(dataclasses.replace(site.published, catalog=other))
    assert rewritten.backlinks.terms_used_by != site.backlinks.terms_used_by  # bodies differ
    assert {"_narrative_facets", "_index", "build_map", "_facet_data"} <= {
        make.__name__ for make in sitepages._BODY_FREE}
    for make in sitepages._BODY_FREE:
        table = make(site)
        assert table == make(rewritten), make.__name__
        assert not _records_in(table), make.__name__


def test_serve_dirty_keeps_the_tables_while_only_a_text_changes(make_site):
    from mentoring_commons.core.site.facets import export_facet_data, narrative_facets
    from mkdocs.config import load_config

    site = make_site()

    def rebuilt():
        config = load_config(str(site.root / "mkdocs.yml"), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        data = config.plugins.on_config(config).plugins["commons"].site
        return data.listing_key, narrative_facets(data), export_facet_data(data)

    key, facets, data = rebuilt()
    source = site.root / "content/narratives/ana-finding-my-people.md"
    source.write_text(source.read_text("utf-8").replace(
        "eating lunch alone.", "eating lunch alone, every single day."), "utf-8")
    same_key, same_facets, same_data = rebuilt()
    assert (same_key, same_facets, same_data) == (key, facets, data)
    assert same_facets is facets and same_data is data  # kept, not made again
    source.write_text(source.read_text("utf-8").replace(
        "title: Finding my people", "title: Finding my people at last"), "utf-8")
    new_key, new_facets, new_data = rebuilt()
    assert new_key != key and new_facets is not facets
    assert "Finding my people at last" in new_data["narratives/facets.json"]
