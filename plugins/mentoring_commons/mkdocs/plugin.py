"""The ``commons`` MkDocs plugin: a switchboard. Each hook calls plain functions of the core.

Order of a build:
- ``on_config``: load, validate and link the content; stop before anything is written if it has
  errors; choose what this edition publishes; plan the pages.
- ``on_files``: drop hand-written pages this edition must not publish; add the planned pages
  and the JSON Schemas as generated files.
- ``on_page_markdown`` / ``on_page_content``: generated pages are rendered from templates;
  hand-written pages are sanitised like any contributor HTML.
- ``on_post_build``: write the manifest, then scan every output file for withheld entries
  (with Pagefind indexing alongside). ``mkdocs serve`` previews, never uploaded, skip all three.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.toc import get_toc

from ..core.check.freshness import FreshnessPolicy
from ..core.check.markup import MarkdownRenderer, forget_renders, sanitize, sanitize_page
from ..core.check.validate import check_content
from ..core.outputs.editorconfig import EditorSettings, editor_config
from ..core.outputs.exports import forget_entries
from ..core.outputs.outputpaths import check_output_paths
from ..core.outputs.siteplan import build_exports, plan_site
from ..core.outputs.structured import page_head
from ..core.publish.boundary import Edition, Published, select
from ..core.publish.leakscan import scan
from ..core.publish.manifest import build_manifest, render_manifest
from ..core.site.data import PagePlan, SiteData, build_site_data
from ..core.site.glossarylinks import link_terms
from ..core.site.links import SiteLinks
from ..core.site.pagetext import fill_generated_text
from ..core.site.sections import template_headings
from ..core.site.tools import build_date
from ..core.source.diagnostics import Report
from ..core.source.sourcefiles import Limits
from .config import CommonsConfig
from .contact import (
    config_problems,
    edit_uri_for,
    locate_top_level,
    repo_name_for,
    site_contact,
    written_keys,
)
from .editor import publish as editor
from .render import fill_on_this_page, make_environment, make_url, render_plan
from .reserved import SEARCH_PAGE_URI, reserved_outputs
from .search import pagefind
from .search.pagefind import OUTPUT_SUBDIR as PAGEFIND_DIR
from .search.pagefind import EarlyParts, run_pagefind
from .serve.dirtystubs import DigestMemo, listing_key, stub_folder
from .serve.idlegc import IdleCollector, LoadedSiteFreeze
from .serve.templatecache import SessionBytecodeCache
from .siteurl import SITE_URL_UNSET

if TYPE_CHECKING:
    from collections.abc import Callable

    import jinja2
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

# Under mkdocs.plugins so `mkdocs build --strict` counts our warnings; no prefix, so a build
# prints exactly the lines `commons check` prints.
log = logging.getLogger("mkdocs.plugins.mentoring_commons")
_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


def shown_path(path: Path) -> str:
    """Show content paths relative to the working folder, as ``commons check`` does."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


LOG_LEVELS = {"error": logging.ERROR, "warning": logging.WARNING, "notice": logging.INFO}


def log_report(report: Report) -> None:
    """Every problem, as `commons check` prints it. Warnings fail a strict build, and the check
    exits 1 on them; notices are information for both."""
    for item in report.sorted():
        log.log(LOG_LEVELS[item.severity], str(item))


def page_front_matter(title: str, description: str | None, extra: dict[str, Any]) -> str:
    # MkDocs and Material print meta.title and meta.description without escaping; the Text
    # fields already refuse '<' and '>', and escaping here makes '&' and quotes safe too.
    meta: dict[str, Any] = {"title": str(escape(title))}
    if description:
        meta["description"] = str(escape(description))
    meta.update(extra)
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=True) + "---\n"


def site_url_problem(config: MkDocsConfig) -> str | None:
    """The located error of a build whose feeds cannot have absolute links: no ``site_url``.
    (``mkdocs serve`` sets it to the preview's address.)"""
    if config.site_url:
        return None
    where = shown_path(Path(config.config_file_path)) if config.config_file_path else \
        "mkdocs.yml"
    return f"{where}:1:1: error: {SITE_URL_UNSET}"


# The search page of a site indexed by Pagefind (theme/commons/search.html, assets/search.js).
SEARCH_PAGE = PagePlan(SEARCH_PAGE_URI, "Search", "commons/search.html",
                       "Search every story, person, program and page of the site.")
# Material's search downloads its whole index on a reader's first search; above this, the
# build suggests Pagefind (the scale issue's budget for one search).
MATERIAL_INDEX_BUDGET = 1_500_000
PAGEFIND_TIMEOUT = 1800  # seconds for all of Pagefind's runs in a build


class CommonsPlugin(BasePlugin[CommonsConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.published: Published | None = None
        self.site: SiteData | None = None
        self.plans: dict[str, PagePlan] = {}
        self.digests = DigestMemo()  # a dirty build's, made in on_config
        self.renderer = MarkdownRenderer()
        self.env: jinja2.Environment | None = None
        self._files = Files([])
        self.theme_files: set[str] = set()
        self.command = "build"
        self.dirty = False
        self.builds = 0  # since on_startup: the first build of a serve session builds it all
        self.early_search: EarlyParts | None = None  # Pagefind's parts, while pages are written
        self.content_dir = Path("content")
        self.editor: EditorSettings | None = None  # /admin/, when this build publishes it
        # Defining on_startup keeps this object for all of a `mkdocs serve` session's rebuilds.
        self.collector = IdleCollector()
        self.loaded_site = LoadedSiteFreeze()
        # Compiled templates of MkDocs' environment and of ours (autoescaped), kept between a
        # serve session's rebuilds (templatecache.py).
        self.theme_code, self.commons_code = SessionBytecodeCache(), SessionBytecodeCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command, self.dirty = command, dirty
        self.builds = 0

    def on_shutdown(self) -> None:
        self.collector.stop()

    def on_build_error(self, *, error: Exception) -> None:
        self.collector.resume()
        self.loaded_site.thaw()
        if self.early_search is not None:
            self.early_search.abort()
            self.early_search = None

    # -- load and validate ----------------------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.builds += 1
        self.env = None  # made anew from each build's theme: its templates may have been edited
        if self.command == "serve" and self.dirty and self.builds > 1:
            # A dirty rebuild runs without the cyclic collector, which then runs when the
            # preview is up (idlegc.py): a second or two of each rebuild at 10,000 narratives.
            # Not the first build, nor a rebuild without --dirty: they build every page, and
            # the garbage of all of them would take seconds to collect.
            self.collector.pause()
        base = Path(config.config_file_path or ".").resolve().parent
        content_dir = Path(shown_path(base / self.config.content_dir))
        self.content_dir = base / self.config.content_dir
        try:
            today = dt.date.fromisoformat(self.config.today) if self.config.today else None
        except ValueError:
            raise PluginError(f"commons: today: {self.config.today!r} is not YYYY-MM-DD") from None
        limits = Limits(self.config.limits_max_markdown_bytes, self.config.limits_max_yaml_bytes)
        catalog, report = check_content(
            content_dir, today=today, limits=limits, renderer=self.renderer
        )
        # Before anything is planned: a file on a generated page's path is a located error,
        # not a planner's traceback or a page silently replaced.
        check_output_paths(catalog, report, reserved_outputs(
            config.theme.dirs, config.theme.static_templates,
            {"editor": self.config.editor, "pagefind": self.config.pagefind}))
        repository = self._repository(config, base, report)
        edition = Edition(self.config.edition, today or dt.date.today())
        published = select(catalog, edition, report)
        log_report(report)
        unset_url = site_url_problem(config)
        if unset_url:
            log.error(unset_url)
        if report.has_errors or unset_url:
            count = len(report.errors) + bool(unset_url)
            config_file = shown_path(Path(config.config_file_path or "mkdocs.yml"))
            places = sorted({str(content_dir) if not item.path.endswith("mkdocs.yml")
                             else item.path for item in report.errors}
                            | ({config_file} if unset_url else set()))
            raise PluginError(
                f"{count} error{'s' * (count != 1)} in {' and '.join(places)}: fix them and "
                "build again (nothing was written)."
            )
        self.published = published
        self.site = build_site_data(published)
        if self.dirty:
            # Shared by the listing key and the stubs of one build (dirtystubs.py).
            self.digests = stub_folder().memo()
            self.site.listing_key = listing_key(published, self.digests)
        self.site.freshness = FreshnessPolicy(self.config.stale_after_days)
        try:
            # What the check-in calendar starts from (site/tools.py): `today`, else
            # SOURCE_DATE_EPOCH, else the clock.
            self.site.built_on = build_date(today, os.environ)
        except ValueError as error:
            raise PluginError(f"commons: {error}") from None
        self.site.contact = site_contact(self.config, repository)
        self.plans = {plan.src_uri: plan for plan in plan_site(self.site)}
        self.early_search = None
        if self.config.pagefind == "on":
            self.plans[SEARCH_PAGE.src_uri] = SEARCH_PAGE
            command = pagefind.pagefind_command() if self.command != "serve" else None
            if command is not None:
                self.early_search = EarlyParts(command, Path(config.site_dir), PAGEFIND_TIMEOUT)
        config.extra["commons_edition"] = edition.name
        local_proxy = (self.config.editor_local_proxy
                       or os.environ.get("COMMONS_EDITOR_LOCAL_PROXY") or None)
        self.editor, why = editor.choose_settings(
            self.config, config, edition.name, self.config.content_dir, local_proxy)
        if self.editor is None and self.config.editor != "off":
            log.info(f"The web editor (/admin/) is not published: {why}.")
        if self.command != "serve":
            # Not under serve: a dirty rebuild holds the collector off (above), and a session
            # keeps what it loaded from one rebuild to the next anyway.
            self.loaded_site.freeze()
        return config

    def _repository(self, config: MkDocsConfig, base: Path, report: Report) -> str | None:
        """Check the contact (reported with the content's errors, at its line in mkdocs.yml)
        and make the repository Material's repo_url and edit_uri. Returns the repository."""
        config_file = Path(config.config_file_path or base / "mkdocs.yml")
        shown = shown_path(config_file)
        for problem in config_problems(config_file, dict(self.config.contact), shown):
            report.error(problem.path, problem.line, problem.col, problem.message)
        repository = self.config.repository
        given = written_keys(config_file)
        if not repository:
            return config.repo_url  # a site that sets only MkDocs' own repo_url
        if "repo_url" in given and (config.repo_url or "").rstrip("/") != repository.rstrip("/"):
            line, col = locate_top_level(config_file, "repo_url")
            report.error(shown, line, col,
                         f"repo_url {config.repo_url!r} differs from the commons plugin's "
                         f"repository {repository!r}: remove repo_url, the plugin sets it.")
        config.repo_url = repository
        if "repo_name" not in given:
            config.repo_name = repo_name_for(repository)
        if not given & {"edit_uri", "edit_uri_template"}:
            docs = Path(os.path.relpath(Path(config.docs_dir).resolve(), base)).as_posix()
            config.edit_uri = edit_uri_for(repository, self.config.branch, docs)
        return repository

    # -- files ----------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.published is not None and self.site is not None
        allowed = set(self.published.catalog.pages) | set(self.published.catalog.assets)
        docs_dir = Path(config.docs_dir).resolve()
        for file in list(files):
            from_docs = file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(
                docs_dir
            )
            if from_docs and file.generated_by is None and file.src_uri not in allowed:
                # Internal pages in a public build, and anything the loader did not accept.
                files.remove(file)
            elif not from_docs and file.generated_by is None:
                self.theme_files.add(file.dest_uri)  # the leak scan can skip these
        digests = self.digests
        clashes = sorted(files.src_uris.keys() & self.plans.keys())
        if clashes:
            raise PluginError(
                f"content/pages/{clashes[0]} clashes with a generated page: rename it."
            )
        content_dir = str(self.content_dir)
        for plan in self.plans.values():
            if self.dirty:
                # `mkdocs serve --dirty` rebuilds only pages whose file is newer than their
                # output: backed by the entry's own file, an entity page is rebuilt when that
                # file is edited, not on every change (MkDocs' own mechanism; pages that only
                # link the entry may lag, as --dirty warns). A listing is backed by a stub that
                # changes when an entry it shows does (dirtystubs.py).
                source = (os.path.join(content_dir, plan.source) if plan.source
                          else str(stub_folder().stub(plan, digests)))
                file = File.generated(config, plan.src_uri, abs_src_path=source,
                                      inclusion=InclusionLevel.NOT_IN_NAV)
            else:
                file = File.generated(
                    config,
                    plan.src_uri,
                    content=page_front_matter(plan.title, plan.description, {}),
                    inclusion=InclusionLevel.NOT_IN_NAV,
                )
            # "Edit this page" opens the YAML or Markdown the page is built from.
            file.edit_uri = f"../{plan.source}" if plan.source else None
            files.append(file)
        # Only now: every plugin has configured MkDocs (the offline plugin turns directory
        # URLs off in its on_config, after ours).
        self.site.links = SiteLinks(config.site_name, config.site_url, config.use_directory_urls)
        for path, content in build_exports(self.site).items():
            files.append(File.generated(config, path, content=content))
        if self.editor is not None:
            self._add_editor(files, config, self.editor)
        return files

    def _add_editor(self, files: Files, config: MkDocsConfig, settings: EditorSettings) -> None:
        """/admin/: the vendored Decap CMS, our scripts, and the configuration generated from
        the content model (core/outputs/editorconfig.py)."""
        assert self.site is not None
        try:
            vendored = editor.vendored_files()
        except editor.VendorError as error:
            raise PluginError(f"commons: the web editor: {error}") from None
        folder = editor.ADMIN
        for item in vendored:
            dest = f"{folder}/vendor/decap-cms/{item.name}"
            files.append(File.generated(config, dest, abs_src_path=str(item.path)))
            self.theme_files.add(dest)  # third-party code, not content: the leak scan skips it
        for name in (*editor.OWN_SCRIPTS, *editor.AFTER_DECAP):
            files.append(File.generated(config, f"{folder}/{name}",
                                        abs_src_path=str(editor.ASSETS / name)))
        styles = sorted(f"../{f.dest_uri}" for f in files
                        if re.fullmatch(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css",
                                        f.src_uri))
        styles += [f"../{path}" for path in config.extra_css if "://" not in str(path)]
        model_config = editor_config(self.site.catalog.vocabularies, settings, self.site.catalog)
        files.append(File.generated(config, f"{folder}/editor.json",
                                    content=editor.editor_setup(model_config, styles)))
        files.append(File.generated(config, f"{folder}/index.html",
                                    content=editor.index_html(settings, config.site_name)))

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        # MkDocs watches docs_dir (content/pages) only; the entries are beside it. Without
        # this, an edited narrative showed only after restarting `mkdocs serve`.
        server.watch(str(self.content_dir))
        return server

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self._files = files  # every page read: what on_page_context renders pages against
        if self.command == "serve":
            env.bytecode_cache = self.theme_code
        return env

    # -- pages ----------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        plan = self.plans.get(page.file.src_uri)
        if plan is not None:
            # Title and description as page_front_matter gives them, escaped, whatever MkDocs
            # made of the file (under --dirty it reads the entry's own YAML or Markdown).
            page.meta = {"title": str(escape(plan.title))}
            if plan.description:
                page.meta["description"] = str(escape(plan.description))
            if "pagination" in plan.context or plan is SEARCH_PAGE:
                # Listings repeat the entries' own summaries: Pagefind leaves them out of its
                # index (theme/main.html marks every other page data-pagefind-body), so a
                # search finds the story, not the twenty pages that list it.
                page.meta["commons_listing"] = True
            if plan.search_boost is not None:
                page.meta["search"] = {"boost": plan.search_boost}
            return ""  # rendered from its template in on_page_content
        assert self.published is not None
        record = self.published.catalog.pages.get(page.file.src_uri)
        # Front matter of hand-written pages was validated by the loader; show only those
        # fields, escaped, whatever else MkDocs' own YAML reading made of it.
        meta: dict[str, Any] = {}
        if record is not None:
            if record.title:
                meta["title"] = str(escape(record.title))
            if record.description:
                meta["description"] = str(escape(record.description))
            if record.hide:
                meta["hide"] = list(record.hide)
        page.meta = meta
        assert self.site is not None
        return fill_generated_text(markdown, self.site)  # e.g. the home page's story coverage

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri not in self.plans:
            return sanitize_page(html)
        # A generated page is rendered in on_page_context, just before MkDocs writes it, and
        # let go of in on_post_page: MkDocs reads every page before it writes the first, and
        # every page's HTML held at once was a quarter of the build's peak memory at 10,000
        # narratives. Nothing between the two reads a page's content: other plugins'
        # on_page_context hooks see it as before (ours runs first); an on_page_content hook of
        # another plugin would see "" for these pages (none of the plugins this site uses,
        # search and offline, has one).
        return ""

    def _render_page(self, page: Page, files: Files, config: MkDocsConfig) -> None:
        plan = self.plans[page.file.src_uri]
        assert self.site is not None
        if self.env is None:
            self.env = make_environment(
                config, self.commons_code if self.command == "serve" else None
            )
        context = dict(plan.context)
        record = next(iter(plan.context.values()), None)
        body = getattr(record, "body", None)
        if body is not None:
            # Glossary terms linked at their first use, on the already sanitised HTML.
            context["body_html"] = Markup(link_terms(sanitize(self.renderer.render(body)),
                                                     self.site.catalog.glossary,
                                                     make_url(page.file, files)("glossary.md")))
            page.toc = get_toc([*self.renderer.toc_tokens, *template_headings(record)])
        html = fill_on_this_page(self.env, render_plan(
            self.env, plan.template, page.file, files, site=self.site, plan=plan,
            page_url=page.canonical_url, **context))
        # MkDocs checks links to "#anchors" against the ids a page has (after every page is
        # written); ours are in the HTML.
        page.present_anchor_ids = set(_ID_ATTRIBUTE.findall(html))
        page.content = html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.early_search is not None:
            # MkDocs writes this page next: a large site's first parts of the Pagefind index
            # are made while the rest are written (pagefind.EarlyParts).
            self.early_search.page(page.file.dest_uri, pagefind.BODY_MARKER_TEXT in output)
        if page.file.src_uri in self.plans:
            page.content = None  # in output now; MkDocs would keep it to the end of the build
        return output

    # First, so that the page's content is there for every other plugin's on_page_context
    # (Material's search indexes it there), as if it had been made in on_page_content.
    @event_priority(100)
    def on_page_context(
        self, context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Any
    ) -> dict[str, Any]:
        assert self.site is not None
        src = page.file.src_uri
        if src in self.plans:
            self._render_page(page, self._files, config)
        # Open Graph, JSON-LD and citation meta, which theme/main.html puts in the <head>.
        record = self.site.catalog.pages.get(src)
        context["commons_head"] = page_head(
            self.plans.get(src), self.site, self.site.links, src_uri=src,
            title=record.title if record and record.title else page.title or "",
            description=record.description if record else None,
        )
        return context

    # -- after the build ------------------------------------------------------------------

    # Last, after every other plugin has written its files (Material's search index, the
    # offline plugin's inlined copy of it): the leak scan must see everything that is uploaded.
    @event_priority(-110)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self.published is not None
        if self.command != "serve":
            # Kept for `mkdocs serve`'s next rebuild; a build has none, and the leak scan
            # that follows is its peak of memory.
            forget_renders()
            forget_entries()
        try:
            self._after_build(Path(config.site_dir))
        finally:
            self.collector.resume()  # a no-op unless on_config paused it (serve)
            self.loaded_site.thaw()

    def _after_build(self, site_dir: Path) -> None:
        if self.command != "serve":
            # Not for a preview, which is never uploaded: it hashes every entity page, seconds
            # at 10,000 narratives after every edit.
            self._write_manifest(site_dir)
        # Pagefind indexes the pages while the leak scan reads them: two cores at work instead
        # of one after the other. Its index is made of those same pages, and a failed scan
        # waits for it and then removes the whole site folder, index and all.
        with ThreadPoolExecutor(max_workers=1) as pool:
            indexing = pool.submit(self._search_index, site_dir)
            leaks = self._leak_scan(site_dir)
            search_error = indexing.exception()
        if leaks:
            for leak in leaks:
                log.error(
                    f"{leak.file}: withheld {leak.entry.kind} {leak.entry.id!r} "
                    f"({leak.entry.reason}) appears in the output: {leak.found!r}"
                )
            # Never leave a leaking site behind for someone to upload.
            shutil.rmtree(site_dir, ignore_errors=True)
            raise PluginError(
                f"{len(leaks)} withheld entr{'y' if len(leaks) == 1 else 'ies'} found in the "
                "output; the site folder was removed. This is a bug: please report it."
            )
        if search_error is not None:
            raise search_error

    def _write_manifest(self, site_dir: Path) -> None:
        assert self.published is not None and self.site is not None
        page_files = {}
        for plan in self.plans.values():
            parts = plan.src_uri.removesuffix(".md").split("/")
            if len(parts) == 2 and parts[1] != "index":
                # The file MkDocs wrote: people/ana/index.html, or people/ana.html offline.
                url = self.site.links.path(plan.src_uri)
                page_files[(parts[0], parts[1])] = url + "index.html" if url.endswith("/") \
                    else url
        manifest = build_manifest(self.published, site_dir, page_files)
        (site_dir / "manifest.json").write_text(render_manifest(manifest), encoding="utf-8")

    def _leak_scan(self, site_dir: Path) -> list[Any]:
        assert self.published is not None
        if not self.config.leak_scan or self.published.edition.name != "public":
            return []
        if self.command == "serve":
            # A preview in a temporary folder, never uploaded: the scan (a minute at 10,000
            # narratives) runs on every build that writes a site folder.
            return []
        # Pagefind's folder is skipped: it is being written meanwhile, holds only what the
        # scanned pages hold, and its index files are compressed.
        return scan(site_dir, self.published.withheld, frozenset(self.theme_files),
                    skip_dirs=(f"{PAGEFIND_DIR}/",))

    def _search_index(self, site_dir: Path) -> None:
        """Pagefind, when on: it reads only pages already built and scanned, so its index holds
        nothing they do not. Otherwise, a word when Material's index has outgrown one search."""
        if self.config.pagefind == "on":
            if self.command == "serve":  # minutes at 10,000 pages, after every edit
                log.info("Pagefind is not run under mkdocs serve: the search page works in "
                         "builds only.")
                return
            # On failure on_build_error removes what the parts wrote (EarlyParts.abort).
            run_pagefind(site_dir, "required", timeout=PAGEFIND_TIMEOUT, early=self.early_search)
            self.early_search = None
            return
        index = site_dir / "search" / "search_index.json"
        if index.is_file() and index.stat().st_size > MATERIAL_INDEX_BUDGET:
            log.info(f"Material's search index is {index.stat().st_size / 1e6:.1f} MB, all of "
                     "it downloaded by a reader's first search: set 'pagefind: on' for the "
                     "commons plugin and remove the search plugin (see benchmarks/README.md).")

