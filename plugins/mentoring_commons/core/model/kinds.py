"""Where each kind of entry lives in ``content/`` and which record class describes it."""

from __future__ import annotations

from dataclasses import dataclass

from . import model


@dataclass(frozen=True, slots=True)
class Kind:
    name: str  # singular, used in messages and Ref fields: "person"
    collection: str  # plural, used for folders, URLs and catalog attributes: "people"
    record: type
    folder: str | None = None  # one file per entry in this folder...
    file: str | None = None  # ...or every entry in one YAML mapping file
    markdown: bool = False  # entries are Markdown with front matter

    @property
    def extension(self) -> str:
        return ".md" if self.markdown else ".yml"


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("person", "people", model.Person, folder="people"),
        Kind("narrative", "narratives", model.Narrative, folder="narratives", markdown=True),
        Kind("program", "programs", model.Program, folder="programs"),
        Kind(
            "recommendation",
            "recommendations",
            model.Recommendation,
            folder="recommendations",
            markdown=True,
        ),
        Kind("path", "paths", model.OnboardingPath, folder="paths"),
        Kind("term", "glossary", model.GlossaryTerm, file="glossary.yml"),
        Kind("reference", "references", model.Reference, file="references.yml"),
    )
}

VOCABULARIES_FILE = "vocabularies.yml"
PAGES_FOLDER = "pages"
# Files a hand-written page folder may hold. No .html, .svg or .js: they can carry scripts.
PAGE_FOLDER_SUFFIXES = frozenset({".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".pdf"})
