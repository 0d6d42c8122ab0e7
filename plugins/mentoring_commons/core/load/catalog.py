"""The catalog: every loaded record, by kind and id, in a deterministic order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model.model import (
    GlossaryTerm,
    Narrative,
    OnboardingPath,
    Page,
    Person,
    Program,
    Recommendation,
    Reference,
    VocabularyTerm,
)
from ..model.records import PartialRecord

if TYPE_CHECKING:
    from ..model.kinds import Kind


@dataclass
class Catalog:
    root: Path
    people: dict[str, Person] = field(default_factory=dict)
    narratives: dict[str, Narrative] = field(default_factory=dict)
    programs: dict[str, Program] = field(default_factory=dict)
    recommendations: dict[str, Recommendation] = field(default_factory=dict)
    paths: dict[str, OnboardingPath] = field(default_factory=dict)
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    references: dict[str, Reference] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, VocabularyTerm]] = field(default_factory=dict)
    # Hand-written pages (content/pages/*.md) by path, and the other files beside them.
    pages: dict[str, Page] = field(default_factory=dict)
    assets: list[str] = field(default_factory=list)
    # Ids of every entry file found, valid or not: links are checked against these so one
    # broken person file does not also report "unknown person" in every narrative naming them.
    known_ids: dict[str, set[str]] = field(default_factory=dict)
    # What could be read of entries that could not be loaded: their links are checked too.
    partials: list[PartialRecord] = field(default_factory=list)

    def add(self, kind: Kind, record: Any) -> None:
        self.collection(kind.collection)[record.id] = record

    def collection(self, name: str) -> dict[str, Any]:
        value = getattr(self, name)
        assert isinstance(value, dict)
        return value

    def sort(self) -> None:
        """Put every collection in id order, so all output is independent of file-system order."""
        for name in (
            "people", "narratives", "programs", "recommendations", "paths", "glossary", "references"
        ):
            items = self.collection(name)
            ordered = dict(sorted(items.items()))
            items.clear()
            items.update(ordered)
        self.pages = dict(sorted(self.pages.items()))
        self.assets.sort()
