"""Offline and private: no request leaves the site's own host, on a plain static server and,
with the offline option, from file://; no third-party fonts, scripts or trackers anywhere."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import build_shipped
from .pagekinds import no_transitions, open_kind, page_kinds

# Anything the browser would fetch by itself (not links a reader chooses to follow).
_RESOURCE_ATTRS = re.compile(
    r"<(script|img|iframe|frame|source|video|audio|track|embed|object|input)\b[^>]*?"
    r"\s(?:src|data|poster|srcset)\s*=\s*[\"']?\s*((?:https?:)?//[^\"'\s>]+)", re.I)
_LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
_CSS_URL = re.compile(r"(?:url\(\s*[\"']?|@import\s+[\"'])((?:https?:)?//[^\"')\s]+)", re.I)
# Fetching rels; rel="canonical", "alternate" and the like are addresses, not requests.
_FETCHING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon",
                  "modulepreload", "manifest", "apple-touch-icon", "shortcut"}
TRACKERS = ("google-analytics", "googletagmanager", "gtag(", "fonts.googleapis",
            "fonts.gstatic", "plausible.io", "matomo", "cloudflareinsights", "hotjar",
            "facebook.net", "doubleclick", "unpkg.com", "cdn.jsdelivr", "cdnjs")


def offsite_resources(site_dir: Path) -> list[str]:
    """Every reference in an HTML or CSS file that would make a browser fetch from another
    host."""
    found = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix not in (".html", ".css") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            found += [f"{rel}: {m.group(2)}" for m in _RESOURCE_ATTRS.finditer(text)]
            for tag in _LINK_TAG.findall(text):
                rels = set(re.findall(r'rel="([^"]*)"', tag)[0].lower().split()) \
                    if 'rel="' in tag else set()
                href = re.search(r'href="((?:https?:)?//[^"]+)"', tag)
                if href and rels & _FETCHING_RELS:
                    found.append(f"{rel}: {href.group(1)}")
            for style in re.findall(r"<style\b[^>]*>(.*?)</style>", text, re.S | re.I):
                found += [f"{rel}: {m.group(1)}" for m in _CSS_URL.finditer(style)]
        else:
            found += [f"{rel}: {m.group(1)}" for m in _CSS_URL.finditer(text)]
    return found


def test_no_page_or_stylesheet_loads_anything_from_another_host(built_site):
    assert offsite_resources(built_site) == []


def test_no_third_party_fonts_scripts_or_trackers(built_site):
    hits = []
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8").lower()
        hits += [f"{path.relative_to(built_site)}: {t}" for t in TRACKERS if t in text]
    assert hits == []


def test_every_page_kind_loads_completely_from_a_plain_static_server(
        built_site, site_url, new_page, offsite):
    """Every request a page makes is to the test server, and every one succeeds."""
    failures: list[str] = []
    for kind, path in page_kinds(built_site).items():
        page = new_page()
        page.on("response", lambda r, kind=kind: failures.append(f"{kind}: {r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("404.html") else None)
        page.on("requestfailed", lambda r, kind=kind: failures.append(
            f"{kind}: failed {r.url}") if urlsplit(r.url).hostname == "127.0.0.1" else None)
        open_kind(page, site_url, built_site, path)
        page.wait_for_load_state("networkidle")
        page.close()
    assert failures == []
    assert offsite.urls == []


# -- the offline build, opened from file:// ------------------------------------------------------


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped content built with COMMONS_OFFLINE=true."""
    before = os.environ.get("COMMONS_OFFLINE")
    os.environ["COMMONS_OFFLINE"] = "true"
    try:
        site = build_shipped(tmp_path_factory.mktemp("offline-site"))
    finally:
        if before is None:
            os.environ.pop("COMMONS_OFFLINE", None)
        else:
            os.environ["COMMONS_OFFLINE"] = before
    assert (site / "narratives/index.html").is_file() and (site / "glossary.html").is_file(), \
        "the offline plugin did not run (it turns directory URLs off)"
    yield site


def test_offline_build_references_nothing_on_another_host(offline_site):
    assert offsite_resources(offline_site) == []
    # The offline plugin's Worker shim comes from the theme, not unpkg.com.
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/javascripts/vendor/iframe-worker-shim.js" in home
    assert "unpkg.com" not in home
    assert (offline_site / "search/search_index.js").is_file()


@pytest.fixture
def file_page(browser):
    """A page that may load file:// URLs; anything else is aborted and recorded."""
    contexts = []
    requests: list[str] = []

    def factory(**options):
        context = browser.new_context(**options)

        def route(route):
            url = route.request.url
            if url.startswith(("file:", "data:", "blob:", "about:")):
                route.continue_()
            else:
                requests.append(url)
                route.abort()

        context.route("**/*", route)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "blob:",
                                                                "about:"))
                else requests.append(r.url))
        return page

    factory.offsite = requests  # type: ignore[attr-defined]
    yield factory
    for context in contexts:
        context.close()


def test_offline_build_works_from_file_urls(offline_site, file_page, screenshots):
    page = file_page()
    page.goto((offline_site / "index.html").as_uri(), wait_until="load")
    page.wait_for_function("document.documentElement.classList.contains('js')")
    no_transitions(page)
    # Styled (the stylesheets loaded), and the theme's palette is on.
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                           ".backgroundColor")
    assert header == "rgb(0, 105, 92)"
    page.screenshot(path=str(screenshots / "offline-home.png"))
    # Links between pages work without a server.
    page.click(".md-sidebar--primary a.md-nav__link:has-text('Narratives')")
    page.wait_for_load_state("load")
    assert page.url.endswith("/narratives/index.html")
    page.click(".md-typeset .mc-card__title a >> nth=0")
    page.wait_for_load_state("load")
    assert page.url.endswith(".html") and page.locator("h1").first.is_visible()
    # Search runs from file:// too (the index is inlined, the worker runs in an iframe).
    page.focus(".md-search__input")
    page.keyboard.type("peer mentoring")
    page.wait_for_selector(".md-search-result__item", state="visible", timeout=15000)
    assert page.locator(".md-search-result__item").count() > 0
    assert file_page.offsite == []
