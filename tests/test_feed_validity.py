"""The feeds against their specifications: Atom against RFC 4287 (tests/atomcheck.py), JSON Feed
against a JSON Schema of version 1.1 (tests/data/jsonfeed-1.1.schema.json). Every link is
absolute, under site_url, and names a page the edition really has: the offline edition's
feeds and JSON export point at its x.html pages, never at directory URLs it does not have."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from atomcheck import A, atom_problems
from conftest import PERSON_ANONYMOUS, REPO, Site, base_files, build_fails, mkdocs_yml
from test_privacy import narrative

SITE_URL = "https://example.org/commons/"
JSON_FEED_SCHEMA = json.loads(
    (REPO / "tests/data/jsonfeed-1.1.schema.json").read_text(encoding="utf-8"))
EXTRA = {
    "content/people/anonymous-member.yml": PERSON_ANONYMOUS,
    "content/narratives/anon-story.md": narrative(
        "anon-story", "Leaving a toxic team", authors="[anonymous-member]",
        consent="consent:\n  naming: anonymous\n  given: 2025-01-10\n"),
}


def build(root: Path, *, offline: bool) -> Site:
    site = Site(root)
    for rel, text in {**base_files(), **EXTRA}.items():
        site.write(rel, text)
    config = mkdocs_yml().replace("site_url: https://example.org/", f"site_url: {SITE_URL}")
    if offline:
        config = config.replace("  - search\n", "  - search\n  - offline\n")
    site.write("mkdocs.yml", config)
    cwd = os.getcwd()
    os.chdir(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        site.build()
    finally:
        os.chdir(cwd)
    return site


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("feeds-served"), offline=False)


@pytest.fixture(scope="module")
def offline(tmp_path_factory) -> Site:
    return build(tmp_path_factory.mktemp("feeds-offline"), offline=True)


def atom_links(document: bytes) -> list[str]:
    root = ET.fromstring(document)
    links = [link.get("href", "") for link in root.iter(A + "link")]
    return links + [uri.text or "" for uri in root.iter(A + "uri")]


def json_feed_links(feed: dict) -> list[str]:
    links = [feed["home_page_url"], feed["feed_url"]]
    for item in feed["items"]:
        links.append(item["url"])
        links += [author["url"] for author in item.get("authors", ()) if "url" in author]
    return links


def built_file(site: Site, url: str) -> Path:
    """The file in the built site that an absolute URL under SITE_URL names."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path.removeprefix(urlsplit(SITE_URL).path)
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site.site_dir / path


# -- Atom -------------------------------------------------------------------------------------


def test_atom_feed_meets_rfc_4287(served, offline):
    for site in (served, offline):
        assert atom_problems((site.site_dir / "feeds/narratives.atom").read_bytes()) == []


def test_the_atom_checker_finds_what_rfc_4287_forbids(served):
    good = (served.site_dir / "feeds/narratives.atom").read_text(encoding="utf-8")
    broken = {
        "no feed id": re.sub(r"<id>urn:uuid:[^<]+</id>", "", good, count=1),
        "a relative link": good.replace(f'href="{SITE_URL}feeds/', 'href="../feeds/', 1),
        "a date without time": good.replace("T00:00:00Z</updated>", "</updated>", 1),
        "an entry without a title": good.replace("<title>Finding my people</title>", ""),
        "two alternates": good.replace(
            '<link rel="alternate" type="text/html"',
            '<link rel="alternate" type="text/html" href="https://example.org/x" />'
            '<link rel="alternate" type="text/html"', 1),
        "no author anywhere": re.sub(r"<author>.*?</author>", "", good, flags=re.S),
        "not XML": good.replace("</feed>", ""),
    }
    for name, document in broken.items():
        assert atom_problems(document.encode("utf-8")), name


# -- JSON Feed --------------------------------------------------------------------------------


def test_json_feed_meets_json_feed_1_1(served, offline):
    validator = jsonschema.Draft202012Validator(JSON_FEED_SCHEMA)
    for site in (served, offline):
        feed = json.loads((site.site_dir / "feeds/narratives.json").read_text("utf-8"))
        assert [e.message for e in validator.iter_errors(feed)] == []
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids)) == 2  # unique: a reader keys items by id


def test_the_json_feed_schema_refuses_what_the_spec_does(served):
    validator = jsonschema.Draft202012Validator(JSON_FEED_SCHEMA)
    good = json.loads((served.site_dir / "feeds/narratives.json").read_text("utf-8"))
    item = good["items"][0]
    broken = {
        "relative feed_url": {**good, "feed_url": "narratives.json"},
        "version 1": {**good, "version": "https://jsonfeed.org/version/1"},
        "no items": {k: v for k, v in good.items() if k != "items"},
        "an unknown key": {**good, "author_name": "x"},
        "an item without content": {**good, "items": [
            {k: v for k, v in item.items() if k not in ("content_html", "content_text")}]},
        "an empty author": {**good, "items": [{**item, "authors": [{}]}]},
        "a date without zone": {**good, "items": [{**item,
                                                   "date_published": "2025-04-01T00:00:00"}]},
    }
    for name, feed in broken.items():
        assert list(validator.iter_errors(feed)), name
    assert list(validator.iter_errors({**good, "_commons": {"x": 1}})) == []  # an extension


# -- links: absolute, and to pages the edition has ---------------------------------------------


def test_feed_links_are_absolute_and_name_built_pages(served, offline):
    for site, page_suffix in ((served, "/"), (offline, ".html")):
        atom = (site.site_dir / "feeds/narratives.atom").read_bytes()
        feed = json.loads((site.site_dir / "feeds/narratives.json").read_text("utf-8"))
        links = atom_links(atom) + json_feed_links(feed)
        assert f"{SITE_URL}feeds/narratives.atom" in links
        assert feed["feed_url"] == f"{SITE_URL}feeds/narratives.json"
        assert f"{SITE_URL}people/ana{page_suffix}" in links
        for url in links:
            assert built_file(site, url).is_file(), (site.site_dir, url)


def test_offline_export_points_at_the_editions_own_pages(served, offline):
    for site, suffix in ((served, "/"), (offline, ".html")):
        for path in sorted((site.site_dir / "export").glob("*.json")):
            data = json.loads(path.read_text("utf-8"))
            for entry in data.get("entries", ()):
                page = entry["page"]
                target = (path.parent / page.split("#")[0]).resolve()
                if page.split("#")[0].endswith("/"):
                    target = target / "index.html"
                assert target.is_file(), (path.name, page)
                if "#" not in page:
                    assert page.endswith(suffix), (path.name, page)
    people = json.loads((offline.site_dir / "export/people.json").read_text("utf-8"))
    assert {e["page"] for e in people["entries"]} == {"../people/ana.html", "../people/ben.html"}


def test_offline_manifest_names_the_files_the_edition_has(offline):
    manifest = json.loads((offline.site_dir / "manifest.json").read_text("utf-8"))
    files = re.findall(r'"(people/[^"]+\.html)"', json.dumps(manifest))
    assert files and all((offline.site_dir / name).is_file() for name in files), files


# -- site_url is required ---------------------------------------------------------------------


def test_a_build_without_site_url_is_refused_with_a_located_error(make_site, caplog):
    site = make_site()
    site.write("mkdocs.yml", mkdocs_yml().replace("site_url: https://example.org/\n", ""))
    errors = build_fails(site, caplog)
    assert errors[0].startswith("mkdocs.yml:1:1: error: site_url is not set: the Atom and JSON "
                                "feeds need")
    assert "site_url: https://" in errors[0]
    assert errors[1:] == ["1 error in mkdocs.yml: fix them and build again (nothing was "
                          "written)."]
    assert not site.site_dir.exists()  # nothing was written


# -- the shipped site -------------------------------------------------------------------------


def test_the_shipped_sites_feeds_and_calendars_are_valid(shipped_site, shipped_offline_site):
    from icscheck import ics_problems

    validator = jsonschema.Draft202012Validator(JSON_FEED_SCHEMA)
    for site_dir in (shipped_site, shipped_offline_site):
        assert atom_problems((site_dir / "feeds/narratives.atom").read_bytes()) == []
        feed = json.loads((site_dir / "feeds/narratives.json").read_text("utf-8"))
        assert [e.message for e in validator.iter_errors(feed)] == []
        assert feed["items"], site_dir
        calendars = sorted(site_dir.rglob("*.ics"))
        assert calendars, site_dir
        for path in calendars:
            assert ics_problems(path.read_bytes()) == [], path


def test_the_check_refuses_a_site_without_site_url_first(make_site, capsys):
    from mentoring_commons.cli import main

    site = make_site()
    assert main(["check"]) == 0
    for config in (mkdocs_yml().replace("site_url: https://example.org/\n", ""),
                   mkdocs_yml().replace("site_url: https://example.org/", "site_url:")):
        site.write("mkdocs.yml", config)
        capsys.readouterr()
        assert main(["check"]) == 1
        assert "mkdocs.yml:1:1: error: site_url is not set: the Atom and JSON feeds need" in \
            capsys.readouterr().out
    # Given through the environment, it is the build's to read: the check accepts it.
    site.write("mkdocs.yml", mkdocs_yml().replace(
        "site_url: https://example.org/", "site_url: !ENV [SITE_URL, 'https://example.org/']"))
    assert main(["check"]) == 0
