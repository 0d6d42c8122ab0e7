"""Feeds, the JSON export, the deadlines calendar and the sitemap: well-formed, deterministic,
valid against the published schemas, and made of the published catalog only."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import PERSON_ANONYMOUS, PROGRAM
from mentoring_commons.core.outputs.ical import escape_text, fold
from test_privacy import SECRET_BODY, narrative

ATOM = "{http://www.w3.org/2005/Atom}"
DEADLINES = """\
deadlines:
  - label: Applications, round one; early
    date: 2026-03-01
    recurring: each March
  - label: "Résumé review \u2014 a deliberately long label so that the SUMMARY line must be \
folded more than once \u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9"
    date: 2026-01-15
  - label: Rolling intake
    recurring: any time
last_checked: 2026-02-01
"""
SECRET_PROGRAM = """\
name: Quiet Circle
url: https://example.org/quiet-circle
sponsor: Hidden Library
kind: peer-group
audience: [early-career]
scope: local
format: in-person
cost: free
description: An internal circle.
visibility: internal
deadlines:
  - label: Quiet Circle intake
    date: 2026-04-01
"""
WITHHELD_BODY = "Quillon mapped every unspoken rule of the branch before anyone noticed it.\n"
EXPORTED = ("feeds/narratives.atom", "feeds/narratives.json", "calendar/deadlines.ics")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The base fixture plus withheld, anonymous and deadline-carrying entries (built once)."""
    import os

    from conftest import Site, base_files, mkdocs_yml

    root = tmp_path_factory.mktemp("exports")
    built = Site(root)
    files = {
        **base_files(),
        "content/programs/lunch-club.yml": PROGRAM + DEADLINES,
        "content/programs/quiet-circle.yml": SECRET_PROGRAM,
        "content/narratives/secret-story.md": narrative(
            "secret-story", "The quiet reorganisation", visibility="internal",
        ).replace(SECRET_BODY, WITHHELD_BODY),
        "content/people/anonymous-member.yml": PERSON_ANONYMOUS,
        "content/narratives/anon-story.md": narrative(
            "anon-story", "Leaving a toxic team", authors="[anonymous-member]",
            consent="consent:\n  naming: anonymous\n  given: 2025-01-10\n"
                    "  review_by: 2027-01-01\n"),
    }
    for rel, text in files.items():
        built.write(rel, text)
    built.write("mkdocs.yml", mkdocs_yml())
    cwd = os.getcwd()
    os.chdir(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        built.build()
    finally:
        os.chdir(cwd)
    return built


def export_files(site) -> dict[str, bytes]:
    names = [*EXPORTED, *(p.relative_to(site.site_dir).as_posix()
                          for p in sorted((site.site_dir / "export").glob("*.json")))]
    return {name: (site.site_dir / name).read_bytes() for name in names}


# -- Atom and JSON Feed -----------------------------------------------------------------------


def test_atom_feed_lists_published_narratives_newest_first(site):
    root = ET.fromstring((site.site_dir / "feeds/narratives.atom").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert titles == ["Leaving a toxic team", "Finding my people"]
    assert root.findtext(f"{ATOM}updated") == "2025-04-01T00:00:00Z"  # the newest story
    ana = entries[1]
    assert ana.findtext(f"{ATOM}id").startswith("urn:uuid:")
    assert ana.findtext(f"{ATOM}published") == "2025-02-01T00:00:00Z"
    assert ana.find(f"{ATOM}link").get("href") == \
        "https://example.org/narratives/ana-finding-my-people/"
    assert [a.findtext(f"{ATOM}name") for a in ana.findall(f"{ATOM}author")] == ["Ana Example"]
    assert ana.find(f"{ATOM}author/{ATOM}uri").text == "https://example.org/people/ana/"
    content = ana.find(f"{ATOM}content")
    assert content.get("type") == "html" and "<h2" in content.text  # escaped, then parsed
    anon = entries[0]
    assert [a.findtext(f"{ATOM}name") for a in anon.findall(f"{ATOM}author")] == \
        ["A community member"]
    assert anon.find(f"{ATOM}author/{ATOM}uri") is None


def test_json_feed(site):
    feed = json.loads((site.site_dir / "feeds/narratives.json").read_text("utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in feed["items"]] == ["Leaving a toxic team",
                                                         "Finding my people"]
    ana = feed["items"][1]
    assert ana["authors"] == [{"name": "Ana Example", "url": "https://example.org/people/ana/"}]
    assert ana["date_published"] == "2025-02-01T00:00:00Z"
    assert "<h2" in ana["content_html"] and ana["tags"] == ["Belonging"]
    assert feed["items"][0]["authors"] == [{"name": "A community member"}]


def test_feeds_hold_only_the_newest_entries(site, monkeypatch):
    import mentoring_commons.core.outputs.feeds as feeds
    from mentoring_commons.core.check.validate import check_content
    from mentoring_commons.core.publish.boundary import Edition, select
    from mentoring_commons.core.site.data import build_site_data
    from mentoring_commons.core.site.links import SiteLinks

    catalog, report = check_content(site.root / "content")
    published = select(catalog, Edition("public"), report)
    monkeypatch.setattr(feeds, "FEED_ENTRIES", 1)
    data = build_site_data(published)
    data.links = SiteLinks(site_url="https://example.org/")
    assert [i["title"] for i in json.loads(feeds.json_feed(data))["items"]] == [
        "Leaving a toxic team"]
    entries = ET.fromstring(feeds.atom_feed(data)).findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == ["Leaving a toxic team"]


def test_exports_are_deterministic(site, tmp_path, monkeypatch):
    """A second build, on another day, writes the same bytes: no build clock anywhere."""
    first = export_files(site)
    other = tmp_path / "again"
    import shutil

    shutil.copytree(site.root / "content", other / "content")
    (other / "mkdocs.yml").write_text(
        (site.root / "mkdocs.yml").read_text("utf-8").replace('today: "2026-06-01"',
                                                             'today: "2026-06-20"'), "utf-8")
    from conftest import Site

    monkeypatch.chdir(other)
    again = Site(other)
    again.build()
    assert export_files(again) == first


# -- the JSON export ----------------------------------------------------------------------------


def load_schema(site, name):
    return json.loads((site.site_dir / "schemas" / name).read_text("utf-8"))


def test_json_export_validates_against_the_published_schemas(site):
    index = json.loads((site.site_dir / "export/index.json").read_text("utf-8"))
    assert set(index["collections"]) == {"people", "narratives", "programs", "recommendations",
                                         "paths", "glossary", "references", "vocabularies"}
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    for collection, info in index["collections"].items():
        data = json.loads((site.site_dir / "export" / info["file"]).read_text("utf-8"))
        schema = load_schema(site, info["schema"].rsplit("/", 1)[1])
        validator = jsonschema.Draft202012Validator(schema, format_checker=checker)
        if collection == "vocabularies":
            validator.validate(data["record"])
            continue
        assert len(data["entries"]) == info["count"]
        if data["schema_applies_to"] == "mapping":
            validator.validate({e["id"]: e["record"] for e in data["entries"]})
            continue
        for entry in data["entries"]:
            errors = [e.message for e in validator.iter_errors(entry["record"])]
            if collection == "narratives" and not any(c.get("person") for c in entry["credits"]):
                # The one documented departure: unnamed authors are not listed by id.
                assert errors == ["'authors' is a required property"], entry["id"]
            else:
                assert errors == [], (collection, entry["id"], errors)


def test_json_export_records_have_the_source_shapes(site):
    programs = json.loads((site.site_dir / "export/programs.json").read_text("utf-8"))
    (lunch,) = programs["entries"]
    assert lunch["id"] == "lunch-club" and lunch["page"] == "../programs/lunch-club/"
    assert lunch["record"]["last_checked"] == "2026-02-01"
    assert lunch["record"]["deadlines"][0] == {"label": "Applications, round one; early",
                                               "date": "2026-03-01", "recurring": "each March"}
    narratives = json.loads((site.site_dir / "export/narratives.json").read_text("utf-8"))
    by_id = {e["id"]: e for e in narratives["entries"]}
    ana = by_id["ana-finding-my-people"]
    assert ana["record"]["authors"] == ["ana"] and ana["record"]["date"] == "2025-02-01"
    assert ana["credits"] == [{"name": "Ana Example", "person": "ana"}]
    assert "<h2" in ana["body_html"] and "body" not in ana["record"]
    # A consent block keeps the naming level and the date given, nothing else.
    assert by_id["anon-story"]["record"]["consent"] == {"naming": "anonymous",
                                                        "given": "2025-01-10"}


def test_no_export_contains_a_withheld_or_unnamed_entry(site):
    everything = b"\n".join(export_files(site).values()).decode("utf-8")
    for secret in ("secret-story", "The quiet reorganisation", "Quillon mapped every",
                   "quiet-circle", "Quiet Circle", "Hidden Library", "2027-01-01"):
        assert secret not in everything, secret
    # The anonymous story is exported without any trace of its author.
    narratives = json.loads((site.site_dir / "export/narratives.json").read_text("utf-8"))
    anon = next(e for e in narratives["entries"] if e["id"] == "anon-story")
    assert "ben" not in json.dumps(anon).lower()
    feed = (site.site_dir / "feeds/narratives.json").read_text("utf-8")
    item = next(i for i in json.loads(feed)["items"] if i["title"] == "Leaving a toxic team")
    assert "ben" not in json.dumps(item).lower()


# -- the deadlines calendar ------------------------------------------------------------------


def unfold(raw: bytes) -> list[str]:
    text = raw.decode("utf-8")
    assert text.endswith("\r\n")
    for line in text.split("\r\n")[:-1]:
        assert len(line.encode("utf-8")) <= 75, line
        assert "\n" not in line and "\r" not in line
    return text.replace("\r\n ", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_calendar(raw: bytes) -> list[dict[str, str]]:
    lines = unfold(raw)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(line.startswith("PRODID:") for line in lines)
    events, current = [], None
    for line in lines[1:-1]:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    assert current is None
    return events


def test_calendar_parses_back_with_one_event_per_dated_deadline(site):
    raw = (site.site_dir / "calendar/deadlines.ics").read_bytes()
    events = parse_calendar(raw)
    assert [unescape(e["SUMMARY"]) for e in events] == [
        "Lunch Club: Résumé review \u2014 a deliberately long label so that the SUMMARY line "
        "must be folded more than once " + "\u00e9" * 10,
        "Lunch Club: Applications, round one; early",
    ]
    first, second = events
    assert first["DTSTART;VALUE=DATE"] == "20260115"
    assert first["DTEND;VALUE=DATE"] == "20260116"
    assert first["DTSTAMP"] == "20260201T000000Z"  # last_checked, not the clock
    assert "RRULE" not in first and second["RRULE"] == "FREQ=YEARLY"
    assert second["SUMMARY"] == "Lunch Club: Applications\\, round one\\; early"
    assert len({e["UID"] for e in events}) == 2
    assert all(e["UID"].endswith("@mentoring-commons") for e in events)
    assert first["URL"] == "https://example.org/lunch-club"


def test_calendar_uids_survive_a_date_change(make_site):
    a = make_site({"content/programs/lunch-club.yml": PROGRAM + DEADLINES})
    a.build()
    before = parse_calendar((a.site_dir / "calendar/deadlines.ics").read_bytes())
    a.write("content/programs/lunch-club.yml",
            PROGRAM + DEADLINES.replace("2026-03-01", "2026-03-08"))
    a.build()
    after = parse_calendar((a.site_dir / "calendar/deadlines.ics").read_bytes())
    assert [e["UID"] for e in before] == [e["UID"] for e in after]


def test_ical_text_escaping_and_folding_units():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "é" * 80
    folded = fold(line)
    parts = folded.split("\r\n ")
    assert "".join(parts) == line
    assert all(len(p.encode("utf-8")) <= (75 if i == 0 else 74) for i, p in enumerate(parts))


# -- the sitemap -----------------------------------------------------------------------------


def test_sitemap_lists_only_published_pages(site):
    root = ET.fromstring((site.site_dir / "sitemap.xml").read_bytes())
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = [loc.text for loc in root.iter(f"{ns}loc")]
    assert "https://example.org/narratives/ana-finding-my-people/" in locs
    assert "https://example.org/narratives/anon-story/" in locs
    for loc in locs:
        rel = loc.removeprefix("https://example.org/")
        assert (site.site_dir / rel / "index.html").is_file() or \
            (site.site_dir / rel).is_file(), loc
        assert "secret-story" not in loc and "quiet-circle" not in loc


def test_json_export_reuses_unchanged_entries_and_rewrites_changed_ones(tmp_path):
    """Under mkdocs serve each rebuild writes the export again; unchanged entries come from the
    last build's JSON, and the file is exactly what json.dumps writes for the whole."""
    import dataclasses

    from finding_support import load_site_data
    from mentoring_commons.core.outputs import exports

    site = load_site_data(tmp_path)
    first = exports.export_content(site)
    for text in first.values():
        assert text == exports._dump(json.loads(text))  # the layout of one json.dumps
    assert exports.export_content(site) == first  # from the kept entries
    (narrative_id, record), = site.catalog.narratives.items()
    site.catalog.narratives[narrative_id] = dataclasses.replace(record, summary="Now changed.")
    changed = exports.export_content(site)
    entries = json.loads(changed["export/narratives.json"])["entries"]
    assert [e["record"]["summary"] for e in entries] == ["Now changed."]
    exports._ENTRY_JSON.clear()  # written afresh, entry by entry: the same bytes
    assert exports.export_content(site) == changed
    site.catalog.narratives.clear()
    empty = exports.export_content(site)["export/narratives.json"]
    assert json.loads(empty)["entries"] == [] and empty == exports._dump(json.loads(empty))
    assert any(len(json.loads(text).get("entries", ())) > 1 for text in first.values())
