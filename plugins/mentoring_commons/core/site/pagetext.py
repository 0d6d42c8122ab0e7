"""Sentences computed from the content that hand-written pages may include, so that a page such
as the home page stays true as stories are added: ``{{ commons:story-coverage }}`` in a page's
Markdown becomes the sentence. A name that is not known here is left as it is written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .data import SiteData
from .findmentor import story_coverage

__all__ = ["GENERATED_TEXT", "fill_generated_text"]

GENERATED_TEXT: dict[str, Callable[[SiteData], str]] = {
    "story-coverage": story_coverage,
}
_TOKEN = re.compile(r"\{\{\s*commons:([a-z-]+)\s*\}\}")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def fill_generated_text(markdown: str, site: SiteData) -> str:
    if "commons:" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        make = GENERATED_TEXT.get(match.group(1))
        if make is None:
            return match.group(0)
        # Plain text into Markdown: nothing in it may turn into markup.
        return _MARKDOWN_SPECIAL.sub(r"\\\1", site.derived(make))

    return _TOKEN.sub(replace, markdown)
