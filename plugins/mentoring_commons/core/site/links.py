"""How the site's pages are addressed: MkDocs' page URLs, relative and absolute.

Every output that points at a page (a page's head, the feeds, the JSON export) asks here, so
an edition's addressing is one decision: the served editions use directory URLs
(``people/ana/``), the ``file://`` offline edition ``people/ana.html`` pages.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SiteLinks", "page_path"]


def page_path(src_uri: str, directory_urls: bool = True) -> str:
    """The site-relative URL of a docs page, as MkDocs makes it: ``people/ana.md`` becomes
    ``people/ana/`` (or ``people/ana.html``), ``index.md`` the root."""
    path, _, anchor = src_uri.partition("#")
    stem = path.removesuffix(".md")
    if directory_urls:
        if stem == "index" or stem.endswith("/index"):
            url = stem.removesuffix("index")
        else:
            url = stem + "/"
    else:
        url = stem + ".html"
    return url + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """How pages are addressed: the site's public URL (may be unknown) and MkDocs'
    ``use_directory_urls``."""

    site_name: str = ""
    site_url: str | None = None
    directory_urls: bool = True

    def path(self, src_uri: str) -> str:
        """The site-relative URL of the page built from ``src_uri``, in this edition."""
        return page_path(src_uri, self.directory_urls)

    def url(self, src_uri: str) -> str | None:
        """The absolute URL of the page built from ``src_uri`` (with an optional ``#anchor``),
        or None when the site's URL is not configured."""
        return self.file_url(self.path(src_uri))

    def file_url(self, path: str) -> str | None:
        """The absolute URL of a file at ``path`` in the built site, or None without a
        site URL."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + path
