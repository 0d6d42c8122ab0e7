"""Links in hand-written pages that lead to no page of the public site.

MkDocs checks every relative link to a Markdown file once the pages are built, and a strict
build refuses one whose target is not among the site's files: a page that does not exist, or
the page of an entry this edition does not publish (an internal person, a story held back).
``commons check`` finds them first, with the line, so that what the strict build refuses the
check refuses too.

What is a page: the hand-written pages this edition publishes, the generated pages the
planners make whatever the entries (``outputpaths.generated_outputs``), and each published
entry's own page. In a split check every process judges the links to the entries it loaded
(people are loaded by all), so the processes together judge them all, once.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterator

from ..load.catalog import Catalog
from ..model.kinds import KINDS, Kind
from ..publish.boundary import Edition, select
from ..site.data import entity_uri
from ..source.diagnostics import Report
from .outputpaths import generated_outputs

__all__ = ["check_page_links", "relative_links"]

# [text](target "title") and reference definitions [label]: target
_INLINE = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'(][^)]*)?\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?^ {0,3}\1[^\n]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())  # same length and lines: offsets still hold


def relative_links(body: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, column, target) of each relative link to a Markdown file in ``body``,
    outside code, as MkDocs validates them (fragment and query removed)."""
    text = _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, body))
    found = [(m.start(1), m.group(1)) for m in _INLINE.finditer(text)]
    found += [(m.start(1), m.group(1)) for m in _REFERENCE.finditer(text)]
    for start, target in sorted(found):
        path = target.split("#", 1)[0].split("?", 1)[0]
        if not path.endswith(".md") or re.match(r"^[a-zA-Z][\w+.-]*:|^/", path):
            continue
        line = text.count("\n", 0, start)
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        yield line, column, path


def check_page_links(catalog: Catalog, report: Report, today: dt.date) -> None:
    """A warning, at its line, for each link of a hand-written page that leads to no page of
    the public edition (a strict build refuses it)."""
    links = [(rel, page, link) for rel, page in catalog.pages.items()
             for link in relative_links(page.body)]
    if not links:
        return
    published = select(catalog, Edition("public", today)).catalog
    generated = generated_outputs(catalog)
    skeleton = set(generated.pages)
    entity_kinds = {posixpath.dirname(entity_uri(kind.name, "x")): kind
                    for kind in KINDS.values() if kind.folder}
    for rel, page, (offset, column, path) in links:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), path))
        problem = _problem(target, catalog, published, skeleton, entity_kinds)
        if problem is None:
            continue
        report.warning(
            page.origin.path, page.body_line + offset, column,
            f"the link {path!r} leads to no page of the public site ({problem}): a strict "
            "build refuses it. Link to a page that exists, or remove the link.",
        )


def _problem(target: str, catalog: Catalog, published: Catalog, skeleton: set[str],
             entity_kinds: dict[str, Kind]) -> str | None:
    if target in published.pages:
        return None
    if target in catalog.pages:
        return "that page is internal"
    folder, name = posixpath.split(target[:-3])
    kind = entity_kinds.get(folder)
    if kind is not None and name != "index":
        if name in catalog.collection(kind.collection):
            shown = published.collection(kind.collection)
            return None if name in shown else f"the {kind.name} {name!r} is not published"
        if name in catalog.known_ids.get(kind.name, set()):
            return None  # another process of a split check loaded it (or its file has errors)
        return f"there is no {kind.name} {name!r}"
    pages = {f"{target[:-3]}/index.html", f"{target[:-3]}.html",
             posixpath.join(posixpath.dirname(target), "index.html")
             if target.endswith("/index.md") or target == "index.md" else ""}
    if pages & skeleton:
        return None
    if kind is not None or any(target.startswith(f"{f}/") for f in entity_kinds):
        return None  # a listing or filter page that grows with the entries: not judged here
    return "there is no such page"
