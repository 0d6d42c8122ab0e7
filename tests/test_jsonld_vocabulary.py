"""Every JSON-LD block the site publishes uses schema.org's vocabulary as defined: each type
exists, each property exists, is not superseded and is used on a type in its domain
(inheritance included), and each nested typed value is of a type in the property's range.

The definitions are a pinned subset of schema.org 30.1 (tests/data/schemaorg/: the types and
properties structured.py makes, every ancestor class, and make_subset.py, which wrote it). A
new type or property must be added there first; this test names the one that is missing.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import PROGRAM, RECOMMENDATION, REFERENCES, REPO
from finding_support import build_once

SUBSET = json.loads((REPO / "tests/data/schemaorg/schemaorg-subset.jsonld").read_text("utf-8"))
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
ISO_DATE = re.compile(
    r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$")
DATATYPES = {"Boolean", "Date", "DateTime", "Integer", "Number", "Text", "Time", "URL"}


def _names(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value else []
    return tuple(item["@id"].removeprefix("schema:") for item in items)


CLASSES = {n["@id"].removeprefix("schema:"): _names(n.get("rdfs:subClassOf"))
           for n in SUBSET["@graph"] if n["@type"] != "rdf:Property"}
PROPERTIES = {n["@id"].removeprefix("schema:"): n for n in SUBSET["@graph"]
              if n["@type"] == "rdf:Property"}


@cache
def ancestors(name: str) -> frozenset[str]:
    """``name`` and every class it inherits from."""
    return frozenset({name}).union(*(ancestors(parent) for parent in CLASSES[name]))


def _types(node: dict) -> list[str]:
    kind = node.get("@type", [])
    return [kind] if isinstance(kind, str) else list(kind)


def problems(node: object, where: str = "") -> list[str]:
    """Every way ``node`` (a JSON-LD value) departs from the vocabulary."""
    if isinstance(node, list):
        return [p for index, item in enumerate(node) for p in problems(item, f"{where}[{index}]")]
    if not isinstance(node, dict):
        return []
    found: list[str] = []
    types = _types(node)
    unknown = [t for t in types if t not in CLASSES]
    found += [f"{where}: type {t} is not in the pinned schema.org subset" for t in unknown]
    inherited = frozenset().union(*(ancestors(t) for t in types if t in CLASSES))
    for key, value in node.items():
        if key.startswith("@"):
            continue
        at = f"{where}.{key}" if where else key
        prop = PROPERTIES.get(key)
        if prop is None:
            found.append(f"{at}: property {key} is not in the pinned schema.org subset")
            continue
        if "schema:supersededBy" in prop:
            found.append(f"{at}: {key} is superseded by {_names(prop['schema:supersededBy'])}")
        domains = set(_names(prop.get("schema:domainIncludes")))
        if types and not domains & inherited:
            found.append(f"{at}: {key} is not a property of {'/'.join(types)} "
                         f"(its domain: {', '.join(sorted(domains))})")
        ranges = set(_names(prop.get("schema:rangeIncludes")))
        for item in value if isinstance(value, list) else [value]:
            found += _range_problems(item, ranges, at)
        found += problems(value, at)
    return found


def _range_problems(value: object, ranges: set[str], at: str) -> list[str]:
    if isinstance(value, dict):
        kinds = [t for t in _types(value) if t in CLASSES]
        if kinds and not any(ancestors(t) & ranges for t in kinds):
            return [f"{at}: a {'/'.join(kinds)} is not in the range ({', '.join(sorted(ranges))})"]
        return []
    if isinstance(value, bool):
        return [] if "Boolean" in ranges else [f"{at}: a Boolean is not in the range"]
    if isinstance(value, int | float):
        return [] if ranges & {"Number", "Integer"} else [f"{at}: a number is not in the range"]
    if isinstance(value, str) and ranges and ranges <= {"Date", "DateTime"}:
        return [] if ISO_DATE.match(value) else [f"{at}: {value!r} is not an ISO 8601 date"]
    # Text is accepted where a thing is expected: schema.org's data model says so.
    return []


def jsonld_blocks(site_dir: Path) -> dict[str, list[dict]]:
    blocks: dict[str, list[dict]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        found = [json.loads(m.group(1)) for m in SCRIPT.finditer(path.read_text("utf-8"))]
        if found:
            blocks[path.relative_to(site_dir).as_posix()] = found
    return blocks


WORKS = "".join(f"""\
{kind}-1:
  type: {kind}
  authors: ["Doe, Jan", "Example Library Association"]
  title: A {kind} about mentoring
  year: 2019
  container: Collected examples
  publisher: Example Press
  url: https://example.org/{kind}
""" for kind in ("book", "chapter", "report", "thesis", "presentation", "web"))
DEADLINE = """\
deadlines:
  - label: First round
    date: 2026-09-01
  - label: Second round
    date: 2027-01-15
"""


@pytest.fixture(scope="module")
def every_kind(tmp_path_factory) -> Path:
    """A fixture site whose pages make every kind of node structured.py can: every reference
    type, a program with deadlines, a dated recommendation."""
    sources = "sources: [smith-2020, " + ", ".join(
        f"{k}-1" for k in ("book", "chapter", "report", "thesis", "presentation", "web")) + "]"
    site = build_once(tmp_path_factory.mktemp("jsonld"), {
        "content/references.yml": REFERENCES + WORKS,
        "content/programs/lunch-club.yml": PROGRAM + DEADLINE,
        "content/recommendations/join-a-peer-group-early.md": RECOMMENDATION.replace(
            "sources: [smith-2020]", "date: 2026-03-01\n" + sources),
    })
    return site.site_dir


def test_every_jsonld_block_keeps_to_the_schema_org_vocabulary(shipped_site, every_kind):
    seen_types: set[str] = set()
    for site_dir in (shipped_site, every_kind):
        blocks = jsonld_blocks(site_dir)
        assert len(blocks) > 5, site_dir
        for page, datas in blocks.items():
            for data in datas:
                assert data["@context"] == "https://schema.org", page
                assert problems(data) == [], page
                seen_types.update(_walk_types(data))
    # Every type structured.py makes was seen, so the check above covered each of them.
    assert seen_types >= {"Article", "Book", "Chapter", "Report", "Thesis", "WebPage",
                          "PresentationDigitalDocument", "ScholarlyArticle", "Offer",
                          "EducationalOccupationalProgram", "HowTo", "DefinedTermSet",
                          "Collection", "Person", "Organization", "PropertyValue"}


def _walk_types(node: object) -> set[str]:
    if isinstance(node, list):
        return set().union(*(_walk_types(item) for item in node)) if node else set()
    if isinstance(node, dict):
        return set(_types(node)).union(*(_walk_types(v) for v in node.values()))
    return set()


def test_the_program_and_recommendation_nodes_that_broke_the_rules_now_keep_them(every_kind):
    (program,) = jsonld_blocks(every_kind)["programs/lunch-club/index.html"]
    assert program["applicationDeadline"] == ["2026-09-01", "2027-01-15"]
    for key in ("audience", "isAccessibleForFree", "citation"):
        assert key not in program
    (rec,) = jsonld_blocks(every_kind)["recommendations/join-a-peer-group-early/index.html"]
    assert rec["author"]["@type"] == "Organization" and rec["datePublished"] == "2026-03-01"


def test_the_check_finds_what_the_vocabulary_forbids():
    program = {"@type": "EducationalOccupationalProgram", "name": "x"}
    assert problems(program) == []
    for key, value in (("audience", {"@type": "Audience"}), ("isAccessibleForFree", True),
                       ("citation", "x")):
        assert "is not a property of EducationalOccupationalProgram" in problems(
            {**program, key: value})[0]
    assert problems({"@type": "Article", "author": {"@type": "HowTo", "name": "x"}})  # range
    assert problems({"@type": "Article", "datePublished": "last spring"})
    assert problems({"@type": "Article", "colour": "red"})  # not a property at all
    assert problems({"@type": "Podcast"})  # not in the subset
    # Inherited: name is Thing's, headline CreativeWork's; Article inherits both.
    assert problems({"@type": "Article", "name": "x", "headline": "y",
                     "author": {"@type": "Organization", "name": "z"}}) == []
