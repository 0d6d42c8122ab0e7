"""Headings a page's template adds after an entry's own text, as table-of-contents tokens.

The table of contents of an entry page is made from its Markdown text; a recommendation's
template adds the Sources block and, apart from it, the editors' suggestions, and a story's
template the editors' suggestions after the story. Listing them too
lets a reader reach the editors' section from "On this page" (and Material's contents). The ids
are the ones theme/commons/recommendation.html and narrative.html give those headings.
"""

from __future__ import annotations

from typing import Any

from ..model.model import EditorialAdvice, Narrative, Recommendation

__all__ = ["template_headings"]


def _token(level: int, anchor: str, name: str,
           children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    # The shape of Python-Markdown's toc_tokens, which mkdocs.structure.toc.get_toc reads.
    return {"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": "",
            "children": children or []}


def _editors(advice: EditorialAdvice | None, steps: tuple[str, str]) -> list[dict[str, Any]]:
    if advice is None:
        return []
    children = []
    if advice.steps:
        children.append(_token(3, *steps))
    if advice.cautions:
        children.append(_token(3, "watch-out-for", "Watch out for"))
    return [_token(2, "editors-suggestions", "Suggestions from the editors", children)]


def template_headings(record: object) -> list[dict[str, Any]]:
    """The headings the template puts after ``record``'s text, in page order."""
    if isinstance(record, Narrative):
        # theme/commons/narrative.html: the editors' section follows the story's text.
        return _editors(record.editorial,
                        ("what-a-newcomer-can-take", "What a newcomer can take from this"))
    if isinstance(record, Recommendation):
        return [_token(2, "sources", "Sources"),
                *_editors(record.editorial, ("try-this", "Try this"))]
    return []
