"""The page kinds the browser suite visits, found in the built site, and small browser helpers.

One page stands for each kind: for entity pages the largest one (the most sections, chips,
citations and links), so a kind is tested at its fullest. Kinds that a build does not have
(the map and tools pages arrive with another feature) are left out and the suite says so.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
OUTPUT = REPO / "test-output"
AXE = REPO / "tests/browser/vendor/node_modules/axe-core/axe.min.js"
AXE_INSTALL = "npm install --prefix tests/browser/vendor --no-audit --no-fund axe-core@4"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Kind -> page path in the built site (directory URLs), for single pages.
FIXED_PAGES = {
    "home": "",
    "narratives-index": "narratives/",
    "people-index": "people/",
    "programs-index": "programs/",
    "recommendations-index": "recommendations/",
    "paths-index": "paths/",
    "glossary": "glossary/",
    "references": "references/",
    "about": "about/",
    "content-model": "about/content-model/",
    "vocabularies": "about/vocabularies/",
    "contributors": "about/contributors/",
    "contributing": "contributing/",
    "map": "map/",
    "tools": "tools/",
    "find-a-mentor": "find-a-mentor/",
    "404": "404.html",
}
# Kind -> collection folder whose largest entry page stands for the kind.
ENTITY_KINDS = {
    "narrative": "narratives",
    "person": "people",
    "program": "programs",
    "recommendation": "recommendations",
    "path": "paths",
}
# Kinds the issue asks for, which must be present in the shipped site.
REQUIRED_KINDS = (
    "home", "narratives-index", "narrative", "person", "programs-index", "program",
    "recommendations-index", "recommendation", "glossary", "references", "path",
    "content-model", "vocabularies", "find-a-mentor", "404",
)


# Kind -> collection whose static facet pages (e.g. narratives/topics/trust/) stand for it.
FACET_KINDS = {"narrative-facet": "narratives", "program-facet": "programs"}


def page_kinds(site_dir: Path) -> dict[str, str]:
    """Kind -> site-relative path of the page standing for it, in a fixed order."""
    found: dict[str, str] = {}
    for kind, path in FIXED_PAGES.items():
        file = site_dir / (path if path.endswith(".html") else path + "index.html")
        if file.is_file():
            found[kind] = path
    manifest = json.loads((site_dir / "manifest.json").read_text(encoding="utf-8"))
    for kind, collection in ENTITY_KINDS.items():
        pages = [site_dir / e["page"] for e in manifest["entries"]
                 if e["collection"] == collection and "page" in e]
        if pages:
            found[kind] = _largest(site_dir, pages)
    for kind, collection in FACET_KINDS.items():
        pages = list((site_dir / collection).glob("*/*/index.html"))
        if pages:
            found[kind] = _largest(site_dir, pages)
    order = [*FIXED_PAGES, *ENTITY_KINDS, *FACET_KINDS]
    return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


def _largest(site_dir: Path, pages: list[Path]) -> str:
    page = max(pages, key=lambda p: (p.stat().st_size, p.as_posix()))
    return page.parent.relative_to(site_dir).as_posix() + "/"


ALL_KINDS = (*FIXED_PAGES, *ENTITY_KINDS, *FACET_KINDS)


def site_prefix(site_dir: Path) -> str:
    """The path part of site_url ("/mentoring-commons/"): MkDocs makes 404.html's links
    absolute under it, because a server shows that page at any depth."""
    html = (site_dir / "404.html").read_text(encoding="utf-8")
    match = re.search(r'href="([^"]*/)assets/stylesheets/main', html)
    return urlsplit(match.group(1)).path if match else "/"


def serve_404_assets(page: Any, site_url: str, site_dir: Path) -> None:
    """Serve requests for the site_url path prefix from the built site, as a host that
    publishes the site at site_url would (only the 404 page asks for such URLs)."""
    prefix = site_prefix(site_dir)
    if prefix in ("", "/"):
        return

    def handle(route: Any) -> None:
        path = urlsplit(route.request.url).path[len(prefix):]
        file = site_dir / path
        if file.is_dir():
            file = file / "index.html"
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404, body="")

    page.route(f"{site_url.rstrip('/')}{prefix}**", handle)


def require(condition: bool, reason: str) -> None:
    """Skip (or, with COMMONS_REQUIRE_BROWSER=1, fail) when a browser-suite tool is missing."""
    if condition:
        return
    if os.environ.get("COMMONS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def open_kind(page: Any, site_url: str, site_dir: Path, path: str) -> None:
    """Open a page of the served site and wait until Material's script has set it up."""
    if path.endswith("404.html"):
        serve_404_assets(page, site_url, site_dir)
    page.goto(site_url + path, wait_until="load")
    # Material's bundle marks the document as scripted ("js") once it has run.
    page.wait_for_function("document.documentElement.classList.contains('js')")


def no_transitions(page: Any) -> None:
    """Turn transitions and animations off, so computed styles are final at once."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; "
                       "animation: none !important; scroll-behavior: auto !important; }")


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page for WCAG 2.0/2.1/2.2 A and AA; return the violations."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return list(result["violations"])


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} nodes]")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
