"""Pagefind: an optional, chunked search index written after the build.

Material's built-in search puts every word of the site into one ``search/search_index.json``
that a reader downloads whole on their first search: 11 MB at 1,000 narratives, over 100 MB at
10,000. Pagefind (https://pagefind.app; ``pip install 'pagefind[bin]'``) indexes the built
HTML into small compressed chunks; a search fetches its runtime, the index chunks for the words
typed and the excerpts of the results it shows, a few hundred KB whatever the size of the site
(``benchmarks/run.py`` measures both). Its files are static: they work from any plain web
server, with no network beyond it. Like Material's search, it needs a server: browsers refuse
``fetch`` from ``file://`` pages.

Pagefind reads only the HTML of pages that are already built, so its index cannot hold
anything the pages do not; a failed leak scan removes the site folder, index and all.

Pagefind holds all it indexes in memory until it writes the index, so its memory grows with
the site: about 3.1 GB at peak for the 12,169 pages indexed at 10,000 narratives, whatever its
threads, its allocator or the HTML it is given (issue #7). A large site is
therefore indexed in parts of at most PAGES_PER_INDEX pages, one Pagefind run after the other,
each on a folder of links to its pages, and pagefind_merge.py joins their files into the one
index a single run would have written.
The first parts are indexed while MkDocs is still writing pages (EarlyParts), on the core its
page loop leaves idle; the rest after it.
"""

from __future__ import annotations

import itertools
import json
import logging
import math
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from .pagefind_merge import MergeError, merge_bundles

try:  # POSIX only: without it (Windows) the build just does not report memory
    import resource
except ImportError:  # pragma: no cover - not on the Linux CI
    resource = None  # type: ignore[assignment]

__all__ = ["MODES", "EarlyParts", "PagefindRun", "index_site", "indexed_pages", "pagefind_command",
           "run_pagefind", "split_pages"]

log = logging.getLogger("mkdocs.plugins.mentoring_commons")

MODES = ("off", "auto", "required")
OUTPUT_SUBDIR = "pagefind"
# About 0.27 MB of Pagefind's memory per page at peak for the benchmark's stories (4.6 KB of text
# each): a part of 5,000 such pages needs about 1.5 GB, under the 2 GB a build may use, with room
# for longer pages. A site under 5,000 indexed pages (~3,500 narratives) is indexed in one run.
PAGES_PER_INDEX = 5000
BODY_MARKER_TEXT = "data-pagefind-body"  # theme/main.html marks every page but the listings
BODY_MARKER = BODY_MARKER_TEXT.encode()
# Index the article only (not the navigation, header or footer that every page repeats) and
# leave out what is not this page's own content: heading permalinks, the browse and page links
# of listings, and the cards, related stories and matches that repeat other entries' titles
# and summaries (each entry is indexed on its own page). A search then finds the story itself
# rather than every page that lists it, and the index stays smaller.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDE_SELECTORS = (".headerlink", ".mc-facets", ".mc-pagination", ".mc-finder__status",
                     ".mc-cards", ".mc-related", ".mc-matches")


@dataclass(frozen=True)
class PagefindRun:
    bundle: Path  # the folder Pagefind wrote, inside the site
    seconds: float
    output: str
    peak_mb: float = 0.0  # the largest resident size of any child process so far (Pagefind's)
    parts: int = 1  # how many Pagefind runs indexed it, joined into one index


def pagefind_command() -> list[str] | None:
    """How to run Pagefind here: the binary of the ``pagefind[bin]`` package, else one named
    ``pagefind_extended`` or ``pagefind`` on the PATH, else None."""
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]

        return [str(get_executable())]
    except (ImportError, FileNotFoundError):
        pass
    for name in ("pagefind_extended", "pagefind"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def _max_rss_mb(*, children: bool) -> float:
    """The largest resident size in MB (Linux reports KiB) of this process, or with
    ``children`` of the largest child it has waited for; 0 where that is not known."""
    if resource is None:
        return 0.0
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024


def _indexer_report(stdout: str, stderr: str) -> dict[str, Any]:
    """The JSON line an indexer process (this module's __main__) printed last."""
    try:
        return json.loads(stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]
    except (IndexError, ValueError):
        return {"error": f"Pagefind did not run: {stderr[-2000:]}"}


def _part_paths(bundle: Path, number: int) -> tuple[Path, Path]:
    """Part ``number``'s folder of links to its pages, and where its index is written: the
    first where the joined index goes, the others beside it."""
    return (bundle / f"pages-{number}",
            bundle if number == 1 else bundle / f"part-{number}")


def run_pagefind(
    site_dir: Path,
    mode: str = "auto",
    *,
    command: list[str] | None = None,
    timeout: float = 1800,
    early: EarlyParts | None = None,
) -> PagefindRun | None:
    """Index ``site_dir`` into ``site_dir/pagefind``. ``mode``: ``off`` does nothing; ``auto``
    runs Pagefind when it is installed and says so (at INFO level) when it is not;
    ``required`` fails the build without it. Fails the build if Pagefind fails. ``early``:
    the parts indexed while MkDocs wrote the pages, joined with the rest."""
    if mode not in MODES:
        raise PluginError(f"commons: search_pagefind must be one of {', '.join(MODES)}")
    if mode == "off":
        return None
    command = command or pagefind_command()
    if command is None:
        message = ("Pagefind is not installed, so the site has no Pagefind search index: "
                   "install it with pip install 'pagefind[bin]'.")
        if mode == "required":
            raise PluginError(f"commons: {message}")
        log.info(message)
        return None
    start = time.perf_counter()
    done: dict[str, Any] = {"pages": [], "parts": 0, "peak_mb": 0.0}
    if early is not None:
        done = early.finish()
    # The indexing runs in its own Python process (index_site, below), alongside the leak scan
    # in this one, so that joining parts does not wait on the scan for this interpreter; and
    # Pagefind, started from that small process, reports its own memory: on Linux a process
    # started from this one counts this one's (1.8 GB at 10,000 narratives) as its own.
    args = [sys.executable, "-m", __name__, str(site_dir), str(PAGES_PER_INDEX), str(timeout),
            *command]
    try:  # Pagefind is stopped at ``timeout`` by the indexer; this is in case it hangs itself
        indexer = subprocess.run(args, capture_output=True, text=True, timeout=timeout + 300,
                                 check=False, input=json.dumps(done))
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"commons: Pagefind did not run: {exc}") from None
    report = _indexer_report(indexer.stdout, indexer.stderr)
    if "error" in report:
        raise PluginError(f"commons: {report['error']}")
    seconds = time.perf_counter() - start
    own_mb = _max_rss_mb(children=False)
    parts = report["parts"]
    report["peak_mb"] = max(report["peak_mb"], done["peak_mb"])
    early_note = f", {done['parts']} of them while the pages were written" if done["parts"] else ""
    # benchmarks/run.py reads this line up to "MB)".
    log.info(f"Pagefind search index written to {OUTPUT_SUBDIR}/ in {seconds:.1f} seconds "
             f"(Pagefind: {report['peak_mb']:.0f} MB at most; the build so far: {own_mb:.0f} MB): "
             f"{report['pages']} pages" + (f" in {parts} parts{early_note}" if parts > 1 else ""))
    return PagefindRun(site_dir / OUTPUT_SUBDIR, seconds, report["output"], report["peak_mb"],
                       parts)


class EarlyParts:
    """Parts of a large site's index made while MkDocs is still writing the pages.

    MkDocs writes pages one after the other on one core; given a part as soon as its pages are
    written, Pagefind indexes it on the other. At 10,000 narratives, indexing all of it after
    the pages took 55 to 64 s of a 199 s build (issue #7). One part runs at a time, as after
    the build, so Pagefind's memory stays that of one part. run_pagefind indexes the pages
    left (those written last, and pages built outside MkDocs' page loop, such as 404.html)
    and joins them all.
    """

    def __init__(self, command: list[str], site_dir: Path, timeout: float) -> None:
        # Parts of half the size of those made after the pages: the first starts sooner, and
        # more of them are done by the time the last page is written (with full-size parts,
        # 48 s of indexing was left after the pages at 10,000 narratives; with these, 21 s).
        self.size = max(1, PAGES_PER_INDEX // 2)
        self.command, self.site_dir = command, site_dir
        self.deadline = time.monotonic() + timeout
        self.bundle = site_dir / OUTPUT_SUBDIR
        self._being_written: str | None = None  # the page MkDocs writes after on_post_page
        self._written: list[str] = []  # written, marked for Pagefind, in no part yet
        self._parts: list[list[str]] = []
        self._running: subprocess.Popen[str] | None = None
        self._peak_mb = 0.0
        self._error: str | None = None

    def page(self, dest_uri: str, indexed: bool) -> None:
        """From on_post_page: MkDocs is about to write ``dest_uri``, so the page before it is
        written. ``indexed``: the page is marked for Pagefind."""
        if self._being_written is not None:
            self._written.append(self._being_written)
        self._being_written = dest_uri if indexed else None
        self._collect(wait=False)
        if self._running is None and self._error is None and len(self._written) >= self.size:
            part, self._written = self._written[:self.size], self._written[self.size:]
            self._start(part)

    def _start(self, part: list[str]) -> None:
        self._parts.append(part)
        number = len(self._parts)
        folder, output = _part_paths(self.bundle, number)
        _link_pages(self.site_dir, part, folder)
        args = [sys.executable, "-m", __name__, "--part", str(folder), str(output),
                str(max(1.0, self.deadline - time.monotonic())), *self.command]
        self._running = subprocess.Popen(args, stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)

    def _collect(self, *, wait: bool) -> None:
        running = self._running
        if running is None or (not wait and running.poll() is None):
            return
        try:
            stdout, stderr = running.communicate(
                timeout=max(1.0, self.deadline - time.monotonic()) + 60)
        except subprocess.TimeoutExpired:
            running.kill()
            stdout, stderr = running.communicate()
        self._running = None
        shutil.rmtree(_part_paths(self.bundle, len(self._parts))[0], ignore_errors=True)
        report = _indexer_report(stdout, stderr)
        if "error" in report:
            self._error = self._error or report["error"]
        else:
            self._peak_mb = max(self._peak_mb, report["peak_mb"])

    def finish(self) -> dict[str, Any]:
        """Wait for the part under way: the pages and parts indexed, and Pagefind's peak."""
        self._collect(wait=True)
        if self._error is not None:
            raise PluginError(f"commons: {self._error}")
        return {"pages": [page for part in self._parts for page in part],
                "parts": len(self._parts), "peak_mb": self._peak_mb}

    def abort(self) -> None:
        """The build failed: stop the part under way and remove what the parts wrote."""
        if self._running is not None:
            self._running.kill()
            self._running.communicate()
            self._running = None
        shutil.rmtree(self.bundle, ignore_errors=True)


def _pagefind(command: list[str], site: Path, output: list[str],
              timeout: float) -> dict[str, Any] | str:
    """One Pagefind run over ``site``: its output, or what run_pagefind reports if it failed."""
    args = [*command, "--site", str(site), *output, "--root-selector", ROOT_SELECTOR, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": f"Pagefind did not run: {exc}"}
    output_text = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        return {"error": f"Pagefind failed (exit {result.returncode}): {output_text[-2000:]}"}
    return output_text


def _link_pages(site_dir: Path, pages: list[str], folder: Path) -> None:
    """``folder`` with the same paths as ``site_dir`` for ``pages`` only, so Pagefind gives them
    the same URLs: hard links (instant, no space), copies where links are not possible."""
    for page in pages:
        target = folder / page
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(site_dir / page, target)
        except OSError:
            shutil.copyfile(site_dir / page, target)


def index_site(command: list[str], site_dir: Path, pages_per_index: int,
               timeout: float, done_pages: Iterable[str] = (), done_parts: int = 0
               ) -> dict[str, Any]:
    """Index ``site_dir`` into ``site_dir/pagefind``: in one Pagefind run, or in parts of at
    most ``pages_per_index`` pages joined into one index, all within ``timeout`` seconds.
    ``done_parts`` parts (``done_pages``) were indexed already, by EarlyParts.
    Returns what run_pagefind reports, or {"error": ...}."""
    deadline = time.monotonic() + timeout
    bundle = site_dir / OUTPUT_SUBDIR
    done = set(done_pages)
    pages = [page for page in indexed_pages(site_dir) if page not in done]
    parts = split_pages(pages, pages_per_index) if pages or not done_parts else []
    outputs = []
    if len(parts) == 1 and not done_parts:
        ran = _pagefind(command, site_dir, ["--output-subdir", OUTPUT_SUBDIR], timeout)
        if isinstance(ran, dict):
            return ran
        outputs.append(ran)
    else:
        for number, part in enumerate(parts, start=done_parts + 1):
            folder, output = _part_paths(bundle, number)
            _link_pages(site_dir, part, folder)
            ran = _pagefind(command, folder, ["--output-path", str(output)],
                            deadline - time.monotonic())
            shutil.rmtree(folder)
            if isinstance(ran, dict):
                return ran
            outputs.append(ran)
        try:
            if done_parts + len(parts) > 1:
                merge_bundles(bundle, [bundle / f"part-{n}"
                                       for n in range(2, done_parts + len(parts) + 1)])
        except ImportError:
            return {"error": "a site this large is indexed in parts, joined with cbor2: "
                             "pip install cbor2"}
        except MergeError as exc:
            return {"error": f"the parts of the Pagefind index were not joined: {exc}"}
    peak_mb = _max_rss_mb(children=True)
    pages_indexed = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    count = sum(language["page_count"] for language in pages_indexed["languages"].values())
    return {"pages": count, "parts": done_parts + len(parts), "peak_mb": peak_mb,
            "output": "\n".join(filter(None, outputs))}


def indexed_pages(site_dir: Path) -> list[str]:
    """The built pages Pagefind indexes, as sorted paths relative to ``site_dir``: those marked
    data-pagefind-body, or all of them if none is, which is how Pagefind itself chooses."""
    pages, marked = [], []
    for path in site_dir.rglob("*.html"):  # Pagefind's own default glob
        page = path.relative_to(site_dir).as_posix()
        if page.startswith(f"{OUTPUT_SUBDIR}/"):
            continue
        pages.append(page)
        if BODY_MARKER in path.read_bytes():
            marked.append(page)
    return sorted(marked or pages)


def split_pages(pages: list[str], size: int) -> list[list[str]]:
    """``pages`` cut, in their order, into as few parts of at most ``size`` pages as it takes,
    of even sizes."""
    count = max(1, math.ceil(len(pages) / size))
    bounds = [len(pages) * n // count for n in range(count + 1)]
    return [pages[start:end] for start, end in itertools.pairwise(bounds)]


def _index_part(command: list[str], folder: Path, output: Path, timeout: float
                ) -> dict[str, Any]:
    """One part for EarlyParts, in its own process like index_site (for the same reasons)."""
    ran = _pagefind(command, folder, ["--output-path", str(output)], timeout)
    if isinstance(ran, dict):
        return ran
    peak_mb = _max_rss_mb(children=True)
    return {"peak_mb": peak_mb, "output": ran}


if __name__ == "__main__":
    if sys.argv[1] == "--part":  # EarlyParts: --part FOLDER OUTPUT TIMEOUT COMMAND...
        folder, output, limit, *pagefind = sys.argv[2:]
        print(json.dumps(_index_part(pagefind, Path(folder), Path(output), float(limit))))
    else:  # run_pagefind: SITE PAGES_PER_INDEX TIMEOUT COMMAND..., what is done on stdin
        site, size, limit, *pagefind = sys.argv[1:]
        early = json.loads(sys.stdin.read() or "{}")
        print(json.dumps(index_site(pagefind, Path(site), int(size), float(limit),
                                    early.get("pages", ()), early.get("parts", 0))))
