"""The contributor templates, and the error for an entry that still holds a template's example
text (a story left as the template wrote it would be published as if it were someone's)."""

from __future__ import annotations

from pathlib import Path

from ..load.catalog import Catalog
from ..source.diagnostics import Report

TEMPLATE_FILES = {"narrative": "narrative.md", "person": "person.yml",
                  "program": "program.yml", "recommendation": "recommendation.md"}
# The repository this package is installed from (an editable install: plugins/mentoring_commons).
REPO_TEMPLATES = Path(__file__).resolve().parents[4] / "contributing" / "templates"
EXAMPLE_TEXT = "this is the template's example text: replace it with your own words"
# Shorter lines ("Thank you.") could be anyone's own words.
EXAMPLE_LINE_MIN = 21


class TemplateError(ValueError):
    """A template is missing or does not fit the values (a problem with the repository)."""


def template_dir(content_dir: Path) -> Path:
    """The project's own ``contributing/templates`` (beside its content folder) if it has one,
    else the templates of the repository this package runs from."""
    local = Path(content_dir).resolve().parent / "contributing" / "templates"
    return local if local.is_dir() else REPO_TEMPLATES


def find_template(kind: str, content_dir: Path) -> Path:
    path = template_dir(content_dir) / TEMPLATE_FILES[kind]
    if not path.is_file():
        raise TemplateError(
            f"the template {path} is missing: run commons from the repository's folder, or "
            "copy contributing/templates/ from the repository."
        )
    return path


def template_body_lines(kind: str, content_dir: Path) -> list[str]:
    """The example text of a Markdown template's body (what a contributor must replace)."""
    text = find_template(kind, content_dir).read_text(encoding="utf-8")
    parts = text.split("\n---\n", 1)
    body = parts[1] if len(parts) == 2 else ""
    return [line.strip() for line in body.split("\n") if len(line.strip()) >= EXAMPLE_LINE_MIN]


def check_example_text(catalog: Catalog, report: Report, content_dir: Path) -> None:
    """An error where a narrative or recommendation still holds its template's example text."""
    for kind, records in (("narrative", catalog.narratives),
                          ("recommendation", catalog.recommendations)):
        if not records:
            continue
        try:
            example = set(template_body_lines(kind, content_dir))
        except TemplateError:
            continue
        for record in records.values():
            for offset, line in enumerate(record.body.split("\n")):
                if line.strip() in example:
                    report.error(
                        record.origin.path, record.body_line + offset, 1,
                        f"{EXAMPLE_TEXT}: the check and the build fail until you do.",
                    )
                    break
