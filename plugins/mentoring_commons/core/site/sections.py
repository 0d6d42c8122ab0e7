"""Headings a page's template adds after an entry's own text, as table-of-contents tokens.

The table of contents of an entry page is made from its Markdown text; a recommendation's
template adds the Sources block and, apart from it, the editors' suggestions. Listing them too
lets a reader reach the editors' section from "On this page" (and Material's contents). The ids
are the ones theme/commons/recommendation.html gives those headings.
"""

from __future__ import annotations

from typing import Any

from ..model.model import Recommendation

__all__ = ["template_headings"]


def _token(level: int, anchor: str, name: str,
           children: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    # The shape of Python-Markdown's toc_tokens, which mkdocs.structure.toc.get_toc reads.
    return {"level": level, "id": anchor, "name": name, "html": name, "data-toc-label": "",
            "children": children or []}


def template_headings(record: object) -> list[dict[str, Any]]:
    """The headings the template puts after ``record``'s text, in page order."""
    if not isinstance(record, Recommendation):
        return []
    tokens = [_token(2, "sources", "Sources")]
    advice = record.editorial
    if advice is not None:
        children = []
        if advice.steps:
            children.append(_token(3, "try-this", "Try this"))
        if advice.cautions:
            children.append(_token(3, "watch-out-for", "Watch out for"))
        tokens.append(_token(2, "editors-suggestions", "Suggestions from the editors", children))
    return tokens
