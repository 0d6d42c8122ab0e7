"""Declaring record classes with typed fields, and converting YAML mappings into them.

A record is a frozen dataclass whose fields carry a ``FieldSpec`` in their metadata. The same
declaration drives conversion (with located errors), the JSON Schemas and the reference page.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ..source.yamlnodes import Map, Node, Pos, Seq, describe
from .fields import INVALID, Context, FieldType


@dataclass(frozen=True, slots=True)
class FieldSpec:
    type: FieldType
    doc: str
    required: bool


def spec(type_: FieldType, doc: str, *, required: bool = False, default: Any = None) -> Any:
    """Declare a record field. Optional list fields default to an empty tuple."""
    from .fields import ListOf

    if default is None and isinstance(type_, ListOf):
        default = ()
    return dataclasses.field(
        default=default, metadata={"spec": FieldSpec(type_, doc, required)}
    )


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from: its file, the position of its mapping, and of each field."""

    path: str
    pos: Pos
    fields: Mapping[str, Pos] = dataclasses.field(default_factory=dict)

    def at(self, key: str) -> Pos:
        return self.fields.get(key, self.pos)


@dataclass(frozen=True, slots=True, eq=False)
class PartialRecord:
    """What could be read of a record that could not be made (a field typo, a missing field):
    its class, the values that converted, and where they were written. The links among those
    values are checked like a record's, so a contributor sees an unknown id in the same run as
    the other problems of the file, not in a second round after fixing them."""

    cls: type
    values: Mapping[str, Any]
    origin: Origin


def origin_field() -> Any:
    return dataclasses.field(default=None, compare=False, repr=False)


@functools.cache
def field_specs(cls: type) -> Mapping[str, FieldSpec]:
    """The typed fields of a record class, in declaration order (computed once per class:
    every entry file needs them)."""
    return MappingProxyType({
        f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata
    })


@functools.cache
def _has_origin(cls: type) -> bool:
    return "origin" in {f.name for f in dataclasses.fields(cls)}


def convert_record(
    cls: type, node: Map, ctx: Context, extra: Mapping[str, Any] | None = None
) -> Any:
    """Convert a mapping into ``cls``. Reports every problem; returns INVALID if any field that
    the record cannot do without is missing or wrong."""
    specs = field_specs(cls)
    values: dict[str, Any] = dict(extra or {})
    positions: dict[str, Pos] = {}
    empty: set[str] = set()
    ok = True
    for key, value_node in node.items:
        name = key.value
        if name not in specs:
            close = difflib.get_close_matches(name, list(specs), n=1, cutoff=0.6)
            hint = f"did you mean {close[0]!r}? " if close else ""
            ctx.error(
                key.pos,
                f"unknown field {name!r}: {hint}fields of a {_kind_name(cls)} are "
                + ", ".join(specs)
                + ".",
            )
            ok = False
            continue
        positions[name] = value_node.pos
        if isinstance(value_node, Seq):  # list items get their own positions for link errors
            for index, item in enumerate(value_node.items):
                positions[f"{name}.{index}"] = item.pos
        if getattr(value_node, "is_null", False):
            empty.add(name)  # an empty optional value counts as absent
            continue
        value = specs[name].type.convert(value_node, ctx)
        if value is INVALID:
            ok = False
            continue
        values[name] = value
    for name, field_spec in specs.items():
        if not field_spec.required or name in values:
            continue
        if name in empty:
            ctx.error(positions[name], f"{name!r} is empty: {field_spec.doc}")
        elif name not in positions:
            ctx.error(
                node.pos,
                f"missing required field {name!r} ({field_spec.type.describe()}): "
                f"{field_spec.doc}",
            )
        ok = False
    origin = Origin(ctx.path, node.pos, positions)
    if not ok:
        if ctx.partials is not None:
            ctx.partials.append(PartialRecord(cls, values, origin))
        return INVALID
    if _has_origin(cls):
        values["origin"] = origin
    record = cls(**values)
    check = getattr(record, "check", None)
    if check is not None and not check(ctx):
        if ctx.partials is not None:
            ctx.partials.append(PartialRecord(cls, values, origin))
        return INVALID
    return record


def _kind_name(cls: type) -> str:
    return getattr(cls, "KIND_LABEL", cls.__name__.lower())


def record_json_schema(cls: type, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    specs = field_specs(cls)
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            name: {"description": s.doc, **s.type.json_schema(vocabularies)}
            for name, s in specs.items()
        },
    }
    required = [name for name, s in specs.items() if s.required]
    if required:
        schema["required"] = required
    extra = getattr(cls, "SCHEMA_EXTRA", None)
    if extra:
        schema.update(extra)
    return schema


@dataclass(frozen=True)
class Nested(FieldType):
    """A mapping converted into a record class of the model."""

    record: type
    holds_mappings = True

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Map):
            ctx.error(node.pos, f"expected a mapping (key: value lines), found {describe(node)}.")
            return INVALID
        return convert_record(self.record, node, ctx)

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return record_json_schema(self.record, vocabularies)

    def describe(self) -> str:
        return f"a {self.record.__name__} (see below)"
