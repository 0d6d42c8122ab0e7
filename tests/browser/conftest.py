"""Browser tests: the shipped site, built once, served on 127.0.0.1, driven in Debian's
Chromium through Playwright (never ``playwright install``: it cannot download browsers here).

Every request to any other host is aborted and recorded, so each test doubles as an offline
check. Without a Chromium or the playwright package the tests are skipped with a clear reason;
CI sets ``COMMONS_REQUIRE_BROWSER=1`` to make them required.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("COMMONS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
OUTPUT = REPO / "test-output"


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("COMMONS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


def build_shipped(root: Path, config: str | None = None) -> Path:
    """Copy the shipped content and theme into ``root`` and build them with MkDocs' own API;
    ``config`` replaces the shipped mkdocs.yml. Returns the site folder."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    for name in ("content", "theme"):
        shutil.copytree(REPO / name, root / name)
    text = (REPO / "mkdocs.yml").read_text("utf-8") if config is None else config
    (root / "mkdocs.yml").write_text(text, "utf-8")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
        loaded = load_config(str(root / "mkdocs.yml"))
        loaded.plugins.on_startup(command="build", dirty=False)
        build(loaded)
        loaded.plugins.on_shutdown()
    finally:
        os.chdir(cwd)
    return root / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content built once into a temporary folder."""
    return build_shipped(tmp_path_factory.mktemp("browser-site"))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve_folder(directory: Path) -> Iterator[str]:
    """``directory`` served by a plain static server on 127.0.0.1 (any free port): its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1."""
    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        _skip_or_fail(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _skip_or_fail("the playwright package is not installed (pip install playwright)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class OffsiteLog:
    """Requests the page tried to make to any host but the test server (all aborted)."""

    urls: list[str] = field(default_factory=list)


def _guard_offsite(context: object, log: OffsiteLog) -> None:
    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        host = urlsplit(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()  # type: ignore[attr-defined]
        else:
            log.urls.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)  # type: ignore[attr-defined]


@pytest.fixture
def offsite() -> OffsiteLog:
    return OffsiteLog()


@pytest.fixture
def new_page(browser: object, offsite: OffsiteLog) -> Iterator[object]:
    """``new_page(color_scheme="light")``: a page in a fresh context (Material reads the
    palette from prefers-color-scheme), with off-site requests aborted and recorded."""
    contexts = []

    def factory(color_scheme: str = "light", **options: object) -> object:
        context = browser.new_context(color_scheme=color_scheme, **options)  # type: ignore[attr-defined]
        _guard_offsite(context, offsite)
        contexts.append(context)
        return context.new_page()

    yield factory
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    folder = OUTPUT / "screenshots"
    folder.mkdir(exist_ok=True)
    return folder
