"""The whole check, as ``commons check`` and the MkDocs build both run it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..load.cache import DEFAULT, RecordCache
from ..load.catalog import Catalog
from ..load.loader import load_catalog
from ..source.diagnostics import Report
from ..source.sourcefiles import Limits
from .checks import check_bodies, check_consent_dates, check_contact_details, check_glossary_clashes
from .exampletext import check_example_text
from .links import check_links
from .markup import MarkdownRenderer
from .naming import check_naming


def check_content(
    content_dir: Path | str,
    *,
    today: dt.date | None = None,
    limits: Limits | None = None,
    renderer: MarkdownRenderer | None = None,
    cache: RecordCache | None = DEFAULT,
    shard: tuple[int, int] | None = None,
) -> tuple[Catalog, Report]:
    """Load, link and check ``content_dir``. Never raises for bad content: every problem is in
    the report. ``shard``: see ``load_catalog``. Every check here looks at one record at a time
    (links only at the ids the files declare), so the shards' reports together are the whole
    check's; a check that compares records' contents would have to run after the merge. The one
    exception, the naming check, reads a narrative's authors: every shard loads every person."""
    catalog, report = load_catalog(content_dir, limits, cache, shard=shard)
    catalog.sort()
    check_links(catalog, report)
    check_contact_details(catalog, report)
    check_consent_dates(catalog, report, today or dt.date.today())
    check_naming(catalog, report)
    check_glossary_clashes(catalog, report)
    check_bodies(catalog, report, renderer or MarkdownRenderer())
    check_example_text(catalog, report, Path(content_dir))
    return catalog, report
