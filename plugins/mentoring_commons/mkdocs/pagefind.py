"""Pagefind: an optional, chunked search index written after the build.

Material's built-in search puts every word of the site into one ``search/search_index.json``
that a reader downloads whole on their first search: 11 MB at 1,000 narratives, over 100 MB at
10,000. Pagefind (https://pagefind.app; ``pip install 'pagefind[bin]'``) indexes the built
HTML into small compressed chunks; a search fetches its runtime, the index chunks for the words
typed and the excerpts of the results it shows, a few hundred KB whatever the size of the site
(``benchmarks/run.py`` measures both). Its files are static: they work from any plain web
server, with no network beyond it. Like Material's search, it needs a server: browsers refuse
``fetch`` from ``file://`` pages.

Pagefind reads only the HTML of pages that are already built, so it runs after the leak scan
has passed: its index cannot hold anything the pages do not.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

try:  # POSIX only: without it (Windows) the build just does not report memory
    import resource
except ImportError:  # pragma: no cover - not on the Linux CI
    resource = None  # type: ignore[assignment]

__all__ = ["MODES", "PagefindRun", "pagefind_command", "run_pagefind"]

log = logging.getLogger("mkdocs.plugins.mentoring_commons")

MODES = ("off", "auto", "required")
OUTPUT_SUBDIR = "pagefind"
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


def run_pagefind(
    site_dir: Path,
    mode: str = "auto",
    *,
    command: list[str] | None = None,
    timeout: float = 1800,
) -> PagefindRun | None:
    """Index ``site_dir`` into ``site_dir/pagefind``. ``mode``: ``off`` does nothing; ``auto``
    runs Pagefind when it is installed and says so (at INFO level) when it is not;
    ``required`` fails the build without it. Fails the build if Pagefind fails."""
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
    args = [*command, "--site", str(site_dir), "--output-subdir", OUTPUT_SUBDIR,
            "--root-selector", ROOT_SELECTOR, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        args += ["--exclude-selectors", selector]
    start = time.perf_counter()
    try:
        result = subprocess.run(args, capture_output=True, text=True, timeout=timeout,
                                check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PluginError(f"commons: Pagefind did not run: {exc}") from None
    output = (result.stdout + result.stderr).strip()
    if result.returncode != 0:
        raise PluginError(f"commons: Pagefind failed (exit {result.returncode}): "
                          f"{output[-2000:]}")
    seconds = time.perf_counter() - start
    peak_mb = own_mb = 0.0
    if resource is not None:
        # Linux reports ru_maxrss in KiB: the largest child this process has waited for.
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        own_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    log.info(f"Pagefind search index written to {OUTPUT_SUBDIR}/ in {seconds:.1f} seconds "
             f"(Pagefind: {peak_mb:.0f} MB at most; the build so far: {own_mb:.0f} MB)")
    return PagefindRun(site_dir / OUTPUT_SUBDIR, seconds, output, peak_mb)
