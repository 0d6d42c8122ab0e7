"""An Atom 1.0 checker for the tests: the MUSTs of RFC 4287 that a feed of ours could break,
plus the project's own rule that every link is absolute.

No well-kept Atom validator is on PyPI (feedparser reads anything and reports nothing; the W3C
Feed Validator is not packaged), so the essentials are written out here, section by section.
``atom_problems`` returns every problem found, each naming the element and the section.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from urllib.parse import urlsplit

ATOM = "http://www.w3.org/2005/Atom"
XHTML = "http://www.w3.org/1999/xhtml"
A = f"{{{ATOM}}}"
# RFC 3339 date-time, as section 3.3 restricts it: an uppercase T and Z, seconds required.
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TEXT_TYPES = ("text", "html", "xhtml")


def _absolute(iri: str | None) -> bool:
    parts = urlsplit(iri or "")
    return bool(parts.scheme) and (parts.scheme in ("urn", "tag", "mailto") or
                                    bool(parts.netloc))


def _count(parent: ET.Element, name: str) -> int:
    return len(parent.findall(A + name))


def _text_construct(element: ET.Element, where: str) -> list[str]:
    """Section 3.1: type is text, html or xhtml; text and html hold no child elements; xhtml
    holds exactly one xhtml:div."""
    kind = element.get("type", "text")
    if kind not in TEXT_TYPES:
        return [f"{where}: type {kind!r} is not text, html or xhtml (3.1.1)"]
    children = list(element)
    if kind == "xhtml":
        if len(children) != 1 or children[0].tag != f"{{{XHTML}}}div":
            return [f"{where}: xhtml content must be one xhtml:div (3.1.1.3)"]
    elif children:
        return [f"{where}: {kind} text holds child elements (3.1.1)"]
    return []


def _person(element: ET.Element, where: str) -> list[str]:
    """Section 3.2: exactly one name, at most one uri and email; the uri absolute."""
    problems = []
    if _count(element, "name") != 1:
        problems.append(f"{where}: a person needs exactly one atom:name (3.2.1)")
    for name in ("uri", "email"):
        if _count(element, name) > 1:
            problems.append(f"{where}: more than one atom:{name} (3.2)")
    uri = element.findtext(A + "uri")
    if uri is not None and not _absolute(uri):
        problems.append(f"{where}: atom:uri {uri!r} is not absolute")
    return problems


def _common(element: ET.Element, where: str, *, once: tuple[str, ...],
            at_most_once: tuple[str, ...]) -> list[str]:
    problems = []
    for name in once:
        if _count(element, name) != 1:
            problems.append(f"{where}: needs exactly one atom:{name} "
                            f"(found {_count(element, name)})")
    for name in at_most_once:
        if _count(element, name) > 1:
            problems.append(f"{where}: more than one atom:{name}")
    ident = element.findtext(A + "id")
    if ident is not None and not _absolute(ident.strip()):
        problems.append(f"{where}: atom:id {ident!r} is not an absolute IRI (4.2.6)")
    for name in ("updated", "published"):
        for date in element.findall(A + name):
            if not DATE.match(date.text or ""):
                problems.append(f"{where}: atom:{name} {date.text!r} is not an RFC 3339 "
                                "date-time (3.3)")
    for name in ("title", "subtitle", "summary", "rights"):
        for text in element.findall(A + name):
            problems += _text_construct(text, f"{where}/{name}")
    for name in ("author", "contributor"):
        for person in element.findall(A + name):
            problems += _person(person, f"{where}/{name}")
    alternates: Counter[tuple[str | None, str | None]] = Counter()
    for link in element.findall(A + "link"):
        href = link.get("href")
        if not href:
            problems.append(f"{where}: atom:link without href (4.2.7.1)")
        elif not _absolute(href):
            problems.append(f"{where}: link {href!r} is not absolute")
        if link.get("rel", "alternate") == "alternate":
            alternates[(link.get("type"), link.get("hreflang"))] += 1
    if any(n > 1 for n in alternates.values()):
        problems.append(f"{where}: more than one alternate link of one type and language "
                        "(4.1.1, 4.1.2)")
    for category in element.findall(A + "category"):
        if not category.get("term"):
            problems.append(f"{where}: atom:category without term (4.2.2.1)")
    return problems


def _entry(entry: ET.Element, where: str) -> list[str]:
    problems = _common(entry, where, once=("id", "title", "updated"),
                       at_most_once=("content", "published", "rights", "source", "summary"))
    content = entry.find(A + "content")
    if content is None:
        rels = [link.get("rel", "alternate") for link in entry.findall(A + "link")]
        if "alternate" not in rels:
            problems.append(f"{where}: no atom:content and no alternate link (4.1.2)")
    else:
        kind = content.get("type", "text")
        if content.get("src") is not None:
            if (content.text or "").strip() or list(content):
                problems.append(f"{where}: content with src must be empty (4.1.3.2)")
            if entry.find(A + "summary") is None:
                problems.append(f"{where}: content with src needs a summary (4.1.1.1)")
        elif kind in TEXT_TYPES:
            problems += _text_construct(content, f"{where}/content")
        elif "/" not in kind:
            problems.append(f"{where}: content type {kind!r} is not a MIME type (4.1.3.1)")
        elif entry.find(A + "summary") is None and not (
                kind.endswith("+xml") or kind.endswith("/xml") or kind.startswith("text/")):
            problems.append(f"{where}: Base64 content needs a summary (4.1.1.1)")
    return problems


def atom_problems(document: bytes) -> list[str]:
    """Every RFC 4287 problem of an Atom Feed Document (an empty list when it is valid)."""
    try:
        root = ET.fromstring(document)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != A + "feed":
        return [f"the root is {root.tag}, not atom:feed (4.1.1)"]
    problems = _common(root, "feed", once=("id", "title", "updated"),
                       at_most_once=("generator", "icon", "logo", "rights", "subtitle"))
    if not [link for link in root.findall(A + "link") if link.get("rel") == "self"]:
        problems.append("feed: no link rel='self' (4.1.1: SHOULD; this project requires it)")
    entries = root.findall(A + "entry")
    if root.find(A + "author") is None:
        for index, entry in enumerate(entries):
            if entry.find(A + "author") is None and entry.find(f"{A}source/{A}author") is None:
                problems.append(f"entry {index + 1}: no atom:author, and the feed has none "
                                "(4.1.1)")
    ids = Counter((entry.findtext(A + "id") or "").strip() for entry in entries)
    problems += [f"entry id {ident!r} appears {n} times" for ident, n in ids.items() if n > 1]
    for index, entry in enumerate(entries):
        problems += _entry(entry, f"entry {index + 1}")
    return problems
