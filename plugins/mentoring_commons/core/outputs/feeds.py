"""Feeds of the published narratives: Atom (RFC 4287) and JSON Feed 1.1.

Both are built from the published catalog only, with authors exactly as the site credits them
(``published.credits``), and are deterministic: every date comes from the content, never from
the build clock, and entries are ordered newest first, then by id. Ids are ``urn:uuid:`` names
derived from the entry id, so they never change when the site moves.

Every link is absolute, made from the site's ``site_url`` (``SiteData.links``): feed readers
resolve relative references unreliably, and JSON Feed's ``feed_url`` is the feed's identity.
A build without ``site_url`` is refused before anything is written (the plugin's
``on_config``). Pages are addressed as the edition builds them: ``narratives/<id>/`` when
served, ``narratives/<id>.html`` in the ``file://`` offline edition, which has no directory
URLs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

from ..check.markup import MarkdownRenderer, render_body
from ..site.contributors import natural_name
from ..site.data import SiteData
from ..site.links import SiteLinks

__all__ = ["ATOM_PATH", "JSON_FEED_PATH", "atom_feed", "export_feeds", "json_feed", "stable_id"]

ATOM_PATH = "feeds/narratives.atom"
JSON_FEED_PATH = "feeds/narratives.json"
FEED_TITLE = "Mentoring Commons: narratives"
FEED_DESCRIPTION = "Members' own stories of peer and omnidirectional mentoring in libraries."
ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Characters XML 1.0 cannot carry at all (contributor text is checked, but a feed must never
# be ill-formed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The newest entries only, as feeds do: a reader polls a feed for what is new, and a feed of
# every story would grow with the site (tens of megabytes at 10,000 narratives). The JSON
# export (export/narratives.json) holds them all.
FEED_ENTRIES = 50
# Who a retold story is by when its work names no authors: the site that retold it.
FEED_SITE_AUTHOR = "Mentoring Commons editors"
_ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://mentoring-commons.invalid/")


def stable_id(kind: str, entry_id: str) -> str:
    """A permanent ``urn:uuid:`` for an entry, the same in every build."""
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, f'{kind}/{entry_id}')}"


class _Links:
    """Absolute URLs of pages and files, for a site whose ``site_url`` is known."""

    def __init__(self, links: SiteLinks) -> None:
        if not links.site_url:
            raise ValueError("the feeds need the site's URL (site_url) for their links")
        self.links = links

    def page(self, src_uri: str) -> str:
        return str(self.links.url(src_uri))

    def file(self, path: str) -> str:
        return str(self.links.file_url(path))


def _timestamp(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def _authors(site: SiteData, narrative: Any, links: _Links) -> list[tuple[str, str | None]]:
    """Who a feed names as an entry's authors, as (name, address): a member's story is
    credited exactly as its page credits it; a story retold from a published work is by the
    work's authors (the people in it did not write it), or by the site when the work gives no
    authors, never by the people it is about."""
    if narrative.published is None:
        return [(credit.name, links.page(f"people/{credit.person_id}.md")
                 if credit.person_id else None)
                for credit in site.credits.get(narrative.id, ())]
    work = site.catalog.references.get(narrative.published.reference)
    if work is not None and work.authors:
        return [(natural_name(author), None) for author in work.authors]
    return [(FEED_SITE_AUTHOR, links.page("index.md"))]


def _narratives(site: SiteData) -> list[Any]:
    newest = sorted(site.catalog.narratives.values(), key=lambda n: (-n.date.toordinal(), n.id))
    return newest[:FEED_ENTRIES]


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("", value)


def atom_feed(site: SiteData, renderer: MarkdownRenderer | None = None) -> str:
    renderer = renderer or MarkdownRenderer()
    links = _Links(site.links)
    narratives = _narratives(site)
    ET.register_namespace("", ATOM_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
        if text is not None:
            element.text = _xml_text(text)
        return element

    feed = ET.Element(f"{{{ATOM_NS}}}feed", {f"{{{XML_NS}}}lang": "en"})
    sub(feed, "id", stable_id("feed", "narratives"))
    sub(feed, "title", FEED_TITLE)
    sub(feed, "subtitle", FEED_DESCRIPTION)
    sub(feed, "link", rel="self", type="application/atom+xml", href=links.file(ATOM_PATH))
    sub(feed, "link", rel="alternate", type="text/html", href=links.page("narratives/index.md"))
    newest = narratives[0].date if narratives else dt.date(1970, 1, 1)
    sub(feed, "updated", _timestamp(newest))
    sub(feed, "generator", "Mentoring Commons")
    for n in narratives:
        entry = sub(feed, "entry")
        page = links.page(f"narratives/{n.id}.md")
        sub(entry, "id", stable_id("narrative", n.id))
        sub(entry, "title", n.title)
        sub(entry, "link", rel="alternate", type="text/html", href=page)
        sub(entry, "published", _timestamp(n.date))
        sub(entry, "updated", _timestamp(n.date))
        for name, address in _authors(site, n, links):
            author = sub(entry, "author")
            sub(author, "name", name)
            if address:
                sub(author, "uri", address)
        for topic in n.topics:
            sub(entry, "category", term=topic, label=site.label("topics", topic))
        sub(entry, "summary", n.summary)
        if n.body.strip():
            sub(entry, "content", render_body(renderer, n.body),
                type="html", **{f"{{{XML_NS}}}base": page})
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def json_feed(site: SiteData, renderer: MarkdownRenderer | None = None) -> str:
    renderer = renderer or MarkdownRenderer()
    links = _Links(site.links)
    items = []
    for n in _narratives(site):
        authors = [{"name": name, **({"url": address} if address else {})}
                   for name, address in _authors(site, n, links)]
        item: dict[str, Any] = {
            "id": stable_id("narrative", n.id),
            "url": links.page(f"narratives/{n.id}.md"),
            "title": n.title,
            "summary": n.summary,
            "date_published": _timestamp(n.date),
            "date_modified": _timestamp(n.date),
            "authors": authors,
            "language": "en",
        }
        if n.body.strip():
            item["content_html"] = render_body(renderer, n.body)
        else:
            item["content_text"] = n.summary
        if n.topics:
            item["tags"] = [site.label("topics", t) for t in n.topics]
        items.append(item)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": FEED_TITLE,
        "description": FEED_DESCRIPTION,
        "home_page_url": links.page("narratives/index.md"),
        "feed_url": links.file(JSON_FEED_PATH),
        "language": "en",
        "items": items,
    }
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"


def export_feeds(site: SiteData) -> dict[str, str | bytes]:
    renderer = MarkdownRenderer()
    return {ATOM_PATH: atom_feed(site, renderer), JSON_FEED_PATH: json_feed(site, renderer)}
