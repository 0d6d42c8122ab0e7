"""Where the build writes, and the content files that would land where something else is written.

Two files at one output path do not fail loudly: a planner that meets a page twice raises (a
traceback), MkDocs lets a hand-written file replace a theme file (the favicon), and a page at
``glossary/index.md`` silently shares ``glossary/index.html`` with the generated glossary. So
``commons check`` and the build refuse, with the file's place, every content file that would
land on a generated page, a generated folder, a theme file or another reserved output:

- an entry whose page is a generated page's (``people/index.yml`` and the People listing);
- a hand-written page or file in ``content/pages/`` at a generated page's output (in either
  URL style: ``x/index.html`` or the offline edition's ``x.html``), inside a folder the site
  generates (an entry kind's folder, a listing's ``page/`` folder), or on a reserved output
  the caller names (theme files, the web editor, the search page).

The generated pages are not a hand-kept list: they are what the planners make for this content
with every entry left out (cheap, and the same in every shard of a split check); an entry's own
page is named by its id, and pages that grow with the entries (facets, further listing pages)
live in the entry kinds' folders or a listing's ``page/`` folder. tests/test_inputs.py checks
that every page a full site plans is covered.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..load.catalog import Catalog
from ..model.kinds import KINDS
from ..publish.boundary import Edition, Published
from ..site.data import PagePlan, build_site_data, entity_uri
from ..site.paginate import page_uri
from ..source.diagnostics import Report
from .siteplan import PLANNERS

__all__ = ["GeneratedOutputs", "check_output_paths", "generated_outputs", "output_paths"]


def output_paths(src_uri: str) -> set[str]:
    """Where a file of ``docs_dir`` is written, in both URL styles: a page ``x.md`` as
    ``x/index.html`` (directory URLs) and ``x.html`` (the offline edition); any other file at
    its own path."""
    if not src_uri.endswith(".md"):
        return {src_uri}
    parent, name = posixpath.split(src_uri[:-3])
    if name in ("index", "README"):
        return {posixpath.join(parent, "index.html")}
    return {posixpath.join(parent, name, "index.html"), posixpath.join(parent, name + ".html")}


@dataclass(frozen=True)
class GeneratedOutputs:
    """Output paths that generated pages take (-> what each is), and folders that only
    generated pages may fill (-> why)."""

    pages: dict[str, str]
    folders: dict[str, str]

    def clash(self, src_uri: str) -> str | None:
        """What a docs file at ``src_uri`` would land on, or None."""
        for folder, why in self.folders.items():
            if src_uri.startswith(folder):
                return why
        for path in sorted(output_paths(src_uri)):
            if path in self.pages:
                return self.pages[path]
        return None


def _what(plan: PagePlan) -> str:
    return f"the generated page {plan.src_uri} ({plan.title})"


def generated_outputs(catalog: Catalog) -> GeneratedOutputs:
    """The pages the planners make for ``catalog`` with every entry left out, and the folders
    that hold what grows with the entries."""
    skeleton = Catalog(root=catalog.root, vocabularies=catalog.vocabularies,
                       glossary=dict(catalog.glossary), references=dict(catalog.references),
                       pages=dict(catalog.pages), assets=list(catalog.assets))
    # Not select(): its memo of renamed records would forget the real build's (serve).
    published = Published(skeleton, Edition("internal", dt.date(2000, 1, 1)), {}, [],
                          frozenset())
    site = build_site_data(published)
    pages: dict[str, str] = {}
    folders: dict[str, str] = {}
    for kind in KINDS.values():
        if kind.folder:
            folder = posixpath.dirname(entity_uri(kind.name, "x")) + "/"
            folders[folder] = (f"the {folder} folder, where the site makes the pages of "
                               f"{kind.collection} and their listings")
    for planner in PLANNERS:
        for plan in planner(site):
            for path in output_paths(plan.src_uri):
                pages.setdefault(path, _what(plan))
            if "pagination" in plan.context:  # further pages follow as the listing grows
                folder = posixpath.dirname(page_uri(plan.src_uri, 2)) + "/"
                folders.setdefault(folder, f"the {folder} folder, where the listing "
                                           f"{plan.src_uri} ({plan.title}) continues")
    return GeneratedOutputs(pages, folders)


def check_output_paths(catalog: Catalog, report: Report,
                       reserved: Mapping[str, str] | None = None) -> None:
    """Report every content file that would be written where a generated page, a generated
    folder or a ``reserved`` output is (output path, or folder ending in '/', -> what it is:
    the theme's files, the web editor...)."""
    generated = generated_outputs(catalog)
    root = Path(catalog.root)
    for kind in KINDS.values():
        if not kind.folder:
            continue
        for entry_id in sorted(catalog.known_ids.get(kind.name, ())):
            taken = next((generated.pages[path]
                          for path in sorted(output_paths(entity_uri(kind.name, entry_id)))
                          if path in generated.pages), None)
            if taken is not None:
                report.error(str(root / kind.folder / f"{entry_id}{kind.extension}"), 1, 1,
                             f"the id {entry_id!r} is taken by {taken}: rename the file (its "
                             "name is the entry's id).")
    reserved_outputs = GeneratedOutputs(
        {path: what for path, what in (reserved or {}).items() if not path.endswith("/")},
        {path: what for path, what in (reserved or {}).items() if path.endswith("/")})
    pages_root = root / "pages"
    for rel in sorted([*catalog.pages, *catalog.assets]):
        taken = generated.clash(rel) or reserved_outputs.clash(rel)
        if taken is not None:
            report.error(str(pages_root / rel), 1, 1,
                         f"this file would be written where {taken} is, and one would replace "
                         "the other: move or rename it.")

