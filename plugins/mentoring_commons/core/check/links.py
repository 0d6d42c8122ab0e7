"""Linking: every id a record points at must name an entry that exists."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator
from typing import Any

from ..load.catalog import Catalog
from ..load.recordmemo import RecordMemo
from ..model.fields import ListOf, Ref
from ..model.kinds import KINDS
from ..model.records import Nested, Origin, PartialRecord, field_specs
from ..source.diagnostics import Report


@dataclasses.dataclass(frozen=True, slots=True)
class Link:
    """One reference from a record to another entry, with where it was written."""

    kind: str
    target: str
    origin: Origin
    key: str


def iter_links(record: Any) -> Iterator[Link]:
    """Every Ref in ``record`` (or in what could be read of it: a PartialRecord) and its
    nested records, in field order."""
    partial = isinstance(record, PartialRecord)
    for name, field_spec in field_specs(record.cls if partial else type(record)).items():
        value = record.values.get(name) if partial else getattr(record, name)
        if value is None:
            continue
        field_type = field_spec.type
        if isinstance(field_type, Ref):
            yield Link(field_type.kind, value, record.origin, name)
        elif isinstance(field_type, ListOf) and isinstance(field_type.item, Ref):
            for index, item in enumerate(value):
                yield Link(field_type.item.kind, item, record.origin, f"{name}.{index}")
        elif isinstance(field_type, Nested):
            yield from iter_links(value)
        elif isinstance(field_type, ListOf) and isinstance(field_type.item, Nested):
            for item in value:
                yield from iter_links(item)


def all_records(catalog: Catalog) -> Iterator[Any]:
    for kind in KINDS.values():
        yield from catalog.collection(kind.collection).values()


_LINKS = RecordMemo(lambda record: tuple(iter_links(record)))


def _every_link(catalog: Catalog) -> Iterator[Link]:
    for record in all_records(catalog):
        yield from _LINKS(record)
    # Entries that could not be loaded too: their unknown ids are reported in the same run as
    # their other problems. (A nested record that failed is a partial of its own.)
    for partial in catalog.partials:
        yield from iter_links(partial)


def check_links(catalog: Catalog, report: Report) -> None:
    _LINKS.next_build()
    for link in _every_link(catalog):
        known = catalog.known_ids.get(link.kind, set())
        if link.target in known:
            continue
        pos = link.origin.at(link.key)
        kind = KINDS[link.kind]
        close = difflib.get_close_matches(link.target, sorted(known), n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        where = f"content/{kind.folder}/" if kind.folder else kind.file
        report.error(
            link.origin.path, pos.line, pos.col,
            f"unknown {link.kind} {link.target!r}: {hint}no such id in {where}.",
        )
    for path in catalog.paths.values():
        for step in path.steps:
            for index, page in enumerate(step.pages):
                if page not in catalog.pages:  # pages are keyed by their path
                    pos = step.origin.at(f"pages.{index}")
                    report.error(
                        path.origin.path, pos.line, pos.col,
                        f"no page {page!r} in content/pages.",
                    )
