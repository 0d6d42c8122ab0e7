"""The content model described for contributors, straight from the record declarations."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import FieldType, ListOf, Vocab
from .kinds import KINDS
from .model import Consent, Deadline, EditorialAdvice, PathStep, PublishedBasis, Relationship
from .records import Nested, field_specs
from .schema import schema_file_name


@dataclass(frozen=True, slots=True)
class FieldRow:
    name: str
    required: bool
    type: str
    doc: str
    vocabulary: str | None


@dataclass(frozen=True, slots=True)
class RecordDoc:
    name: str
    where: str
    schema: str | None
    fields: tuple[FieldRow, ...]
    anchor: str


def _vocabulary(field_type: FieldType) -> str | None:
    if isinstance(field_type, ListOf):
        return _vocabulary(field_type.item)
    return field_type.name if isinstance(field_type, Vocab) else None


def _rows(cls: type) -> tuple[FieldRow, ...]:
    return tuple(
        FieldRow(name, s.required, s.type.describe(), s.doc, _vocabulary(s.type))
        for name, s in field_specs(cls).items()
    )


def describe_model() -> list[RecordDoc]:
    docs = []
    for kind in KINDS.values():
        if kind.file:
            where = f"content/{kind.file} (each id mapped to these fields)"
        elif kind.markdown:
            where = f"content/{kind.folder}/<id>.md (front matter, then the text in Markdown)"
        else:
            where = f"content/{kind.folder}/<id>.yml"
        docs.append(RecordDoc(kind.name, where, schema_file_name(kind.name), _rows(kind.record),
                              kind.name))
    for cls in (Consent, PublishedBasis, Relationship, Deadline, PathStep, EditorialAdvice):
        used_in = [k.name for k in KINDS.values()
                   if any(_nests(s.type, cls) for s in field_specs(k.record).values())]
        docs.append(RecordDoc(cls.KIND_LABEL, "inside: " + ", ".join(used_in), None, _rows(cls),
                              cls.__name__.lower()))
    return docs


def _nests(field_type: FieldType, cls: type) -> bool:
    if isinstance(field_type, ListOf):
        return _nests(field_type.item, cls)
    return isinstance(field_type, Nested) and field_type.record is cls
