"""The shipped site's structured data: every entity page carries one JSON-LD block of its
schema.org type, and every narrative drawn from a publication carries citation meta. (These
read the built files and need no browser; tests/test_structured_data.py covers the rules on a
fixture site.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]

EXPECTED_TYPES = {
    "narratives": "Article",
    "people": "Person",
    "programs": "EducationalOccupationalProgram",
    "recommendations": "Article",
    "paths": "HowTo",
}
_JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(page: Path) -> list[dict]:
    return [json.loads(block) for block in _JSONLD.findall(page.read_text("utf-8"))]


def entity_pages(site_dir: Path) -> list[tuple[str, Path]]:
    manifest = json.loads((site_dir / "manifest.json").read_text("utf-8"))
    return [(e["collection"], site_dir / e["page"]) for e in manifest["entries"] if "page" in e]


def test_every_entity_page_has_its_json_ld(built_site):
    pages = entity_pages(built_site)
    assert {collection for collection, _ in pages} == set(EXPECTED_TYPES)
    for collection, page in pages:
        (data,) = jsonld(page)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == EXPECTED_TYPES[collection], page
        assert data["@id"].startswith("https://"), page


@pytest.mark.parametrize(("rel", "kind"), [("glossary/index.html", "DefinedTermSet"),
                                           ("about/vocabularies/index.html", "Collection")])
def test_term_sets(built_site, rel, kind):
    (data,) = jsonld(built_site / rel)
    assert data["@type"] == kind


def test_narratives_drawn_from_publications_carry_citation_meta(built_site):
    manifest = json.loads((built_site / "manifest.json").read_text("utf-8"))
    drawn = [e for e in manifest["entries"]
             if e["collection"] == "narratives" and e["basis"] == "published"]
    assert drawn, "the shipped content has narratives drawn from publications"
    references = yaml.safe_load((REPO / "content" / "references.yml").read_text("utf-8"))
    for entry in drawn:
        html = (built_site / entry["page"]).read_text("utf-8")
        work = references[entry["reference"]]
        # Highwire meta only say what the work gives: the case study's text names no title,
        # authors or date, and the site does not invent them.
        assert ('<meta name="citation_title"' in html) == bool(work.get("title")), entry["id"]
        assert ('<meta name="citation_publication_date"' in html) == bool(work.get("year"))
        assert ('<meta name="citation_author"' in html) == bool(work.get("authors"))
        (data,) = jsonld(built_site / entry["page"])
        assert data["citation"]["name"] and data["isBasedOn"]
