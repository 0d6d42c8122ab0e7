"""A JSON export of all public content: ``export/<collection>.json`` and ``export/index.json``.

Records are written in the shapes of the source files, so each one validates against the JSON
Schema the site publishes for that kind (``schemas/<kind>.schema.json``): dates are YYYY-MM-DD
strings, lists are arrays, empty optional fields are left out. Only the published catalog is
exported, so the rules of the publishing boundary hold here too:

- people appear under the name they agreed to show, narratives list as ``authors`` only the
  people the site links to, and ``credits`` gives every author as the page names them. A story
  whose authors are not named (first name, pseudonym, anonymous) therefore has no ``authors``
  field: that is the one place an exported record departs from its schema, on purpose.
- a consent block keeps only what the site shows or states (naming, the date given and any
  pseudonym); review and withdrawal dates stay in the content.
- Markdown bodies are exported as the sanitised HTML the pages show (``body_html``), never as
  the source text, which could hold HTML comments the site strips.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from ..check.markup import MarkdownRenderer, render_body
from ..model.kinds import KINDS, Kind
from ..model.model import Consent
from ..model.records import field_specs
from ..model.schema import schema_file_name
from ..site.data import SiteData, entity_uri
from .feeds import ATOM_PATH, JSON_FEED_PATH
from .ical import CALENDAR_PATH, has_deadlines

__all__ = ["EXPORT_INDEX", "export_content", "forget_entries", "source_shape"]

EXPORT_DIR = "export"
EXPORT_INDEX = f"{EXPORT_DIR}/index.json"
FORMAT_VERSION = 1


def source_shape(record: Any) -> dict[str, Any]:
    """A record as its source file would hold it (declared fields only, empty ones left out)."""
    out: dict[str, Any] = {}
    for name in field_specs(type(record)):
        value = _plain(getattr(record, name))
        if value is None or value == [] or value == {}:
            continue
        out[name] = value
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Consent):
        consent: dict[str, Any] = {"naming": value.naming, "given": value.given.isoformat()}
        if value.naming == "pseudonym" and value.pseudonym:
            consent["pseudonym"] = value.pseudonym
        return consent
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return source_shape(value)
    return value


def _dump(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


# Each entry's JSON, with the record and credits it was written from. Under `mkdocs serve` the
# site is rebuilt after every edit, and writing out 10,000 narratives (every body rendered to
# HTML, every record to JSON) took seconds. An entry whose record and credits equal those it
# was last written from is written as it was then (records are immutable values: comparing
# them is much cheaper than writing them, and the record cache of cache.py often hands back
# the very same object). Only the last build's entries are kept.
_ENTRY_JSON: dict[tuple[str, str, str], tuple[Any, Any, str]] = {}
_ENTRIES_SLOT = "\x00entries\x00"


def forget_entries() -> None:
    """Let go of the entries kept for the next build, when none follows in this process."""
    _ENTRY_JSON.clear()


def _entry_json(site: SiteData, renderer: MarkdownRenderer, kind: Kind, entry_id: str,
                record: Any, kept: dict[tuple[str, str, str], tuple[Any, Any, str]]) -> str:
    credits = site.credits.get(entry_id, ()) if kind.name == "narrative" else None
    # Relative to export/, as the edition addresses its pages (the offline edition has no
    # directory URLs); part of the key, so an edition built after another in one process
    # never gets the other's addresses.
    page = "../" + site.links.path(entity_uri(kind.name, entry_id))
    key = (kind.name, entry_id, page)
    cached = _ENTRY_JSON.get(key)
    if cached is not None and (cached[0] is record or cached[0] == record) and (
            cached[1] == credits):
        kept[key] = cached
        return cached[2]
    entry: dict[str, Any] = {"id": entry_id, "page": page, "record": source_shape(record)}
    if credits is not None:
        entry["credits"] = [
            {"name": c.name, **({"person": c.person_id} if c.person_id else {})}
            for c in credits
        ]
    body = getattr(record, "body", "")
    if body.strip():
        entry["body_html"] = render_body(renderer, body)
    # As json.dumps(indent=2) writes an item of the "entries" list: two levels in.
    text = "\n".join("    " + line
                     for line in json.dumps(entry, indent=2, ensure_ascii=False).split("\n"))
    kept[key] = (record, credits, text)
    return text


def _fill(envelope: str, entries: list[str]) -> str:
    """``envelope`` with its entries slot replaced by the list of ``entries`` (JSON texts),
    made in one join: at 10,000 narratives the file is 50 MB, and each concatenation or
    ``replace`` copied all of it again."""
    head, tail = envelope.split(json.dumps(_ENTRIES_SLOT))
    if not entries:
        return head + "[]" + tail
    first, last = head + "[\n", "\n  ]" + tail
    if len(entries) == 1:
        return first + entries[0] + last
    return ",\n".join([first + entries[0], *entries[1:-1], entries[-1] + last])


def export_content(site: SiteData) -> dict[str, str | bytes]:
    renderer = MarkdownRenderer()
    cat = site.catalog
    files: dict[str, str | bytes] = {}
    collections: dict[str, Any] = {}
    kept: dict[tuple[str, str, str], tuple[Any, Any, str]] = {}
    for kind in KINDS.values():
        entries = [_entry_json(site, renderer, kind, entry_id, record, kept)
                   for entry_id, record in cat.collection(kind.collection).items()]
        schema = schema_file_name(kind.name)
        name = f"{kind.collection}.json"
        envelope = _dump({
            "collection": kind.collection,
            "kind": kind.name,
            "schema": f"../schemas/{schema}",
            # A file kind's schema describes the whole id -> record mapping.
            "schema_applies_to": "mapping" if kind.file else "record",
            "entries": _ENTRIES_SLOT,
        })
        files[f"{EXPORT_DIR}/{name}"] = _fill(envelope, entries)
        collections[kind.collection] = {"file": name, "schema": f"../schemas/{schema}",
                                        "count": len(entries)}
    vocabularies = {
        name: {value: source_shape(term) for value, term in terms.items()}
        for name, terms in cat.vocabularies.items()
    }
    files[f"{EXPORT_DIR}/vocabularies.json"] = _dump({
        "collection": "vocabularies",
        "schema": f"../schemas/{schema_file_name('vocabularies')}",
        "schema_applies_to": "record",
        "record": vocabularies,
    })
    collections["vocabularies"] = {
        "file": "vocabularies.json",
        "schema": f"../schemas/{schema_file_name('vocabularies')}",
        "count": sum(len(terms) for terms in vocabularies.values()),
    }
    _ENTRY_JSON.clear()
    _ENTRY_JSON.update(kept)
    index: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "edition": site.edition,
        "collections": collections,
        "feeds": {"atom": f"../{ATOM_PATH}", "json": f"../{JSON_FEED_PATH}"},
    }
    if has_deadlines(site):  # no calendar file without an event (ical.py)
        index["calendar"] = f"../{CALENDAR_PATH}"
    files[EXPORT_INDEX] = _dump(index)
    return files
