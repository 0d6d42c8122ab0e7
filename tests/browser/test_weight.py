"""Page weight per page kind: bytes transferred on a first visit (empty cache) and on a repeat
visit (the browser's cache, revalidated), checked against a budget.

The site is served by a plain static server that asks browsers to revalidate everything
(``Cache-Control: no-cache``, with Last-Modified), so the repeat visit is the same on every
run: every file is asked for again and answered "304 Not Modified". (The test server of the
other browser tests cannot be used: Playwright turns the HTTP cache off in a context that
routes requests.) The server counts what it sends. Results go to
test-output/page-weight.json and, with ``-s``, a table.

Budgets were set from the first measurement plus about 15 %; raise one only with a reason.
"""

from __future__ import annotations

import functools
import http.server
import socketserver
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .pagekinds import OUTPUT, page_kinds, site_prefix, write_json

# Kind -> (first visit, repeat visit) limits in bytes (headers and bodies, uncompressed), the
# first visit counted WITHOUT the search index: what a page's design and its own text weigh.
# Set from a measurement plus 10 % (2026-12-07, after the phone-first scripts and styles).
# Until then one budget held both, so every page kind went over whenever the content grew
# the index; the index now has a budget of its own (below).
BUDGET: dict[str, tuple[int, int]] = {
    "404": (446_000, 1_950),  # measured 405_223 / 1_935
    "about": (457_000, 1_950),  # measured 415_308 / 1_935
    "content-model": (477_000, 1_950),  # measured 432_939 / 1_935
    "contributing": (487_000, 1_950),  # measured 442_396 / 1_935
    "contributors": (450_000, 1_950),  # measured 409_030 / 1_935
    "find-a-mentor": (483_000, 1_950),  # measured 438_467 / 1_935
    "glossary": (489_000, 1_950),  # measured 444_397 / 1_935
    "home": (457_000, 1_950),  # measured 414_760 / 1_935
    "map": (474_000, 1_950),  # measured 430_452 / 1_935
    "narrative": (472_000, 1_950),  # measured 428_880 / 1_935
    "narrative-facet": (452_000, 1_950),  # measured 410_148 / 1_935
    "narratives-index": (467_000, 1_950),  # measured 424_400 / 1_935
    "path": (466_000, 1_950),  # measured 423_423 / 1_935
    "paths-index": (448_000, 1_950),  # measured 406_723 / 1_935
    "people-index": (449_000, 1_950),  # measured 407_609 / 1_935
    "person": (456_000, 1_950),  # measured 414_426 / 1_935
    "program": (455_000, 1_950),  # measured 413_583 / 1_935
    "program-facet": (457_000, 1_950),  # measured 415_424 / 1_935
    "programs-index": (471_000, 1_950),  # measured 427_862 / 1_935
    "recommendation": (459_000, 1_950),  # measured 416_480 / 1_935
    "recommendations-index": (453_000, 1_950),  # measured 411_007 / 1_935
    "references": (482_000, 1_950),  # measured 437_962 / 1_935
    "tools": (455_000, 1_950),  # measured 413_492 / 1_935
    "vocabularies": (502_000, 1_950),  # measured 456_286 / 1_935
}
# A page kind added later gets the largest budget until it has its own.
DEFAULT_BUDGET = max(BUDGET.values())
SEARCH_INDEX = "search/search_index.json"
# Material's search index (search/search_index.json), loaded by its worker on a first visit to
# any page: the whole site's text, so it grows with the content. Measured 387_752 bytes on
# 2026-12-07 (shipped content: 6 stories, 22 recommendations, 56 references); past about 150
# narratives the README advises Pagefind, whose downloads do not grow with the site.
SEARCH_INDEX_BUDGET = 450_000


class WeighingHandler(http.server.SimpleHTTPRequestHandler):
    """A static server whose every answer may be cached but must be revalidated, and which
    counts the bytes it sends for each request (headers and body).

    Counting at the server sees exactly what crossed the network: the search worker's own
    requests included (Playwright reports 0 body bytes for worker scripts), a cache hit never.
    """

    sent: list[tuple[str, int, int]]  # (path, status, bytes), set by the fixture
    lock = threading.Lock()
    prefix = "/"  # the site_url path, under which 404.html asks for its files

    def setup(self) -> None:
        super().setup()
        self._count = 0
        raw = self.wfile
        handler = self

        class Counting:
            def write(self, data: bytes) -> int:
                handler._count += len(data)
                return raw.write(data)

            def __getattr__(self, name: str) -> Any:
                return getattr(raw, name)

        self.wfile = Counting()  # type: ignore[assignment]

    def send_response(self, code: int, message: str | None = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if self.prefix != "/" and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)

    def finish(self) -> None:
        super().finish()
        with self.lock:
            self.sent.append((self.path, getattr(self, "_status", 0), self._count))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="session")
def weighing_server(built_site: Path) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    sent: list[tuple[str, int, int]] = []
    handler_class = type("Handler", (WeighingHandler,),
                         {"sent": sent, "prefix": site_prefix(built_site)})
    handler = functools.partial(handler_class, directory=str(built_site))
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()


def measure(browser: Any, url: str, sent: list[tuple[str, int, int]]) -> dict[str, Any]:
    """A first visit in a fresh browser profile, then the same page again."""
    context = browser.new_context()
    page = context.new_page()
    offsite: list[str] = []
    context.on("request", lambda r: offsite.append(r.url)
               if urlsplit(r.url).hostname not in (None, "127.0.0.1") else None)
    result: dict[str, Any] = {}
    for visit in ("first", "repeat"):
        with WeighingHandler.lock:
            sent.clear()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(200)  # let the last connection close and be counted
        with WeighingHandler.lock:
            log = list(sent)
        index = sum(size for path, _, size in log if urlsplit(path).path.endswith(SEARCH_INDEX))
        result[visit] = {
            "bytes": sum(size for _, _, size in log),
            "search_index_bytes": index,
            "requests": len(log),
            "not_modified": sum(1 for _, status, _ in log if status == 304),
            "failed": [f"{status} {path}" for path, status, _ in log if status >= 400],
            "largest": sorted(((size, path) for path, _, size in log), reverse=True)[:3],
        }
    context.close()
    result["offsite"] = offsite
    return result


@pytest.fixture(scope="session")
def weights(browser, built_site, weighing_server) -> dict[str, dict[str, Any]]:
    base, sent = weighing_server
    results = {}
    for kind, path in page_kinds(built_site).items():
        results[kind] = measure(browser, base + path, sent)
        results[kind]["path"] = path
    write_json(OUTPUT / "page-weight.json", {
        kind: {"path": r["path"], "first_bytes": r["first"]["bytes"],
               "first_requests": r["first"]["requests"], "repeat_bytes": r["repeat"]["bytes"],
               "repeat_requests": r["repeat"]["requests"],
               "budget": list(BUDGET.get(kind, DEFAULT_BUDGET))}
        for kind, r in results.items()
    })
    print("\nPage weight (bytes sent by the server, uncompressed; repeat = revalidated cache)")
    print(f"{'kind':<24}{'first':>10}{'index':>8}{'req':>5}{'repeat':>9}{'req':>5}"
          "  largest on first visit")
    for kind, r in results.items():
        first, repeat = r["first"], r["repeat"]
        largest = ", ".join(f"{name} {size // 1024} KB" for size, name in first["largest"])
        print(f"{kind:<24}{first['bytes'] - first['search_index_bytes']:>10}"
              f"{first['search_index_bytes']:>8}{first['requests']:>5}{repeat['bytes']:>9}"
              f"{repeat['requests']:>5}  {largest}")
    return results


def test_page_weight_within_budget(weights):
    over = []
    for kind, result in weights.items():
        first_limit, repeat_limit = BUDGET.get(kind, DEFAULT_BUDGET)
        first = result["first"]["bytes"] - result["first"]["search_index_bytes"]
        if first > first_limit:
            over.append(f"{kind}: first visit without the search index {first} > {first_limit}")
        if result["repeat"]["bytes"] > repeat_limit:
            over.append(f"{kind}: repeat visit {result['repeat']['bytes']} > {repeat_limit}")
    assert not over, "over budget:\n" + "\n".join(over)


def test_the_search_index_stays_within_its_budget(weights):
    # The same file on every page kind; it grows with the content, not with a page's design.
    sizes = {r["first"]["search_index_bytes"] for r in weights.values()} - {0}
    assert sizes, "no page kind loaded the search index"
    assert max(sizes) <= SEARCH_INDEX_BUDGET, f"search index {max(sizes)} > {SEARCH_INDEX_BUDGET}"


def test_repeat_visits_come_from_the_cache(weights):
    for kind, result in weights.items():
        assert result["first"]["bytes"] > 10_000 and result["repeat"]["requests"] > 0, kind
        # Every file is revalidated and none is downloaded twice.
        repeat = result["repeat"]
        assert repeat["not_modified"] == repeat["requests"], (kind, repeat)


def test_weighing_found_no_failed_or_offsite_request(weights):
    assert {kind: r["offsite"] for kind, r in weights.items() if r["offsite"]} == {}
    failed = {kind: r["first"]["failed"] + r["repeat"]["failed"] for kind, r in weights.items()}
    assert {kind: f for kind, f in failed.items() if f} == {}
