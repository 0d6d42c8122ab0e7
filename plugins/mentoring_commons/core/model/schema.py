"""JSON Schemas for every content file kind, generated from the model (never written by hand).

Editors (VS Code's YAML extension, JetBrains) use them to complete and check fields as a
contributor types. Vocabulary fields become enums of the values in ``vocabularies.yml``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .fields import ID_MAX_LENGTH, ID_PATTERN
from .kinds import KINDS, VOCABULARIES_FILE
from .model import VOCABULARY_NAMES, VocabularyTerm
from .records import record_json_schema

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_BASE = "https://mentoring-commons.invalid/schemas/"


def schema_file_name(name: str) -> str:
    return f"{name}.schema.json"


def build_schemas(vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """File name -> schema, for every kind plus the vocabularies file."""
    schemas: dict[str, dict[str, Any]] = {}
    for kind in KINDS.values():
        entry = record_json_schema(kind.record, vocabularies)
        if kind.file:
            body: dict[str, Any] = {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN.pattern, "maxLength": ID_MAX_LENGTH},
                "additionalProperties": entry,
            }
            where = f"content/{kind.file}: each {kind.name} id mapped to its fields"
        else:
            body = entry
            where = (
                f"the front matter of content/{kind.folder}/<id>.md"
                if kind.markdown
                else f"content/{kind.folder}/<id>.yml"
            )
        schemas[schema_file_name(kind.name)] = {
            "$schema": SCHEMA_DIALECT,
            "$id": SCHEMA_BASE + schema_file_name(kind.name),
            "title": f"Mentoring Commons {kind.name}",
            "description": f"Schema of {where}.",
            **body,
        }
    term = record_json_schema(VocabularyTerm, vocabularies)
    schemas[schema_file_name("vocabularies")] = {
        "$schema": SCHEMA_DIALECT,
        "$id": SCHEMA_BASE + schema_file_name("vocabularies"),
        "title": "Mentoring Commons vocabularies",
        "description": f"Schema of content/{VOCABULARIES_FILE}.",
        "type": "object",
        "additionalProperties": False,
        "required": list(VOCABULARY_NAMES),
        "properties": {
            name: {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN.pattern},
                "additionalProperties": term,
            }
            for name in VOCABULARY_NAMES
        },
    }
    return schemas


def render_schema(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
