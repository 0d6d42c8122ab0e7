"""Rendering page plans with the theme's Jinja templates (autoescaped; overridable via
``custom_dir``)."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File, Files


# Where an entry template wants its "On this page" list (macros.html on_this_page), and how
# many sections a page needs to get one.
ON_THIS_PAGE = "<!-- mc:on-this-page -->"
MIN_SECTIONS = 3
_SECTION = re.compile(r'<h([23]) id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)

# Entries a backlink list shows before it says "Showing 20 of 480" (macros.more): lists that
# grow with the site must not make pages that do.
LIST_LIMIT = 20


class MissingPage(LookupError):
    """A template linked to a page that is not in the site (a bug in the generator)."""


def make_environment(
    config: MkDocsConfig, bytecode_cache: jinja2.BytecodeCache | None = None
) -> jinja2.Environment:
    """The theme's environment, with autoescaping on: contributor strings are data, never
    markup, and never evaluated as templates (``{{ 7*7 }}`` in a title stays literal).
    ``bytecode_cache`` must hold only code compiled with these settings."""
    env = config.theme.get_env().overlay(autoescape=True, bytecode_cache=bytecode_cache)
    env.undefined = jinja2.StrictUndefined
    env.filters["long_date"] = long_date
    return env


def long_date(value: dt.date) -> str:
    """'3 December 2021', on any platform (strftime's %-d is glibc-only)."""
    return f"{value.day} {value:%B %Y}"


def make_url(page_file: File, files: Files) -> Any:
    """A ``url(target)`` function for templates: the relative URL from the page being rendered
    to ``target``, a docs-relative source path with an optional ``#anchor``."""

    # Targets are already POSIX source paths: a plain lookup, without the PurePath round trip
    # of Files.get_file_from_path (a third of the time of a listing page with many links).
    by_uri = files.src_uris

    def url(target: str) -> str:
        path, _, anchor = target.partition("#")
        file = by_uri.get(path) or files.get_file_from_path(path)
        if file is None:
            raise MissingPage(f"{page_file.src_uri} links to {path!r}, which is not in the site")
        relative = file.url_relative_to(page_file)
        return relative + (f"#{anchor}" if anchor else "")

    return url


def asset_url(page_file: File, target: str) -> str:
    """URL of a static file (not a page) relative to the page."""
    return posixpath.relpath(target, posixpath.dirname(page_file.url) or ".")


def render_plan(
    env: jinja2.Environment, template: str, page_file: File, files: Files, **context: Any
) -> str:
    return env.get_template(template).render(
        url=make_url(page_file, files), asset=lambda target: asset_url(page_file, target),
        Markup=Markup, list_limit=LIST_LIMIT, **context)


def fill_on_this_page(env: jinja2.Environment, html: str) -> str:
    """``html`` with its "On this page" marker replaced by a list of the sections that follow
    it (``commons/on_this_page.html``), or by nothing on a page with few sections. Material
    lists only the Markdown body's headings, and on narrow screens only for pages in the nav,
    which entry pages are not; this list has every section, the template's own too. The
    headings are the page's own rendered HTML (autoescaped template, sanitised body)."""
    before, marker, after = html.partition(ON_THIS_PAGE)
    if not marker:
        return html
    sections: list[tuple[str, str, list[tuple[str, str]]]] = []  # h2s, each with its h3s
    for level, anchor, inner in _SECTION.findall(after):
        title = Markup(_HEADERLINK.sub("", inner)).striptags()
        if level == "2":
            sections.append((anchor, title, []))
        elif sections:
            sections[-1][2].append((anchor, title))
    if len(sections) < MIN_SECTIONS:
        return before + after
    return before + env.get_template("commons/on_this_page.html").render(
        sections=sections) + after
