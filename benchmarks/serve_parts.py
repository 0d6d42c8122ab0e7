"""Where an in-process ``mkdocs serve --dirty`` rebuild spends its time, part by part:

    python benchmarks/serve_parts.py 10000 [--edits 5] [--site DIR]

Writes the seeded corpus of that size to a temporary folder (or uses the site folder ``--site``
names), builds it once in this process as ``mkdocs serve --dirty`` does, then appends a sentence
to a published narrative and rebuilds, ``--edits`` times. Prints, as JSON, the median seconds of
the whole rebuild and of its parts: the plugin's hooks (``on_config``, ``on_files``) and what
they call, and MkDocs' own navigation. Without ``mkdocs serve`` around it, so its polling
watcher and HTTP server are left out (serve_dirty.py times those too).
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mentoring_commons.mkdocs import plugin  # noqa: E402
from mentoring_commons.mkdocs.serve import dirtystubs  # noqa: E402
from mkdocs.commands import build as mkdocs_build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.plugins import PluginCollection  # noqa: E402

PARTS = {  # module, function, shown as
    "check_content": (plugin, "check_content", "  check_content (load, check)"),
    "select": (plugin, "select", "  select (publishing boundary)"),
    "build_site_data": (plugin, "build_site_data", "  build_site_data (backlinks)"),
    "listing_key": (plugin, "listing_key", "  listing_key"),
    "plan_site": (plugin, "plan_site", "  plan_site"),
    "plan_digest": (dirtystubs, "plan_digest", "  stub digests"),
    "build_exports": (plugin, "build_exports", "  build_exports"),
    "get_navigation": (mkdocs_build, "get_navigation", "MkDocs: get_navigation"),
}


def _timed(seconds: collections.Counter, name: str, function: Callable[..., Any]
           ) -> Callable[..., Any]:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - start
    return timed


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of narratives (ignored with --site)")
    parser.add_argument("--edits", type=int, default=5, help="rebuilds to time (default: 5)")
    parser.add_argument("--site", type=Path, help="an existing site folder to use")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # MkDocs warns on every dirty build

    work = Path(tempfile.mkdtemp(prefix="commons-parts-"))
    try:
        if args.site:
            root, narrative = args.site.resolve(), None
        else:
            written = corpus.write_corpus(work / "site", args.size)
            root, narrative = work / "site", written.published_narrative()
        if narrative is None:
            narrative = sorted(corpus.published_ids(root / "content")["narratives"])[0]
        source = root / "content" / "narratives" / f"{narrative}.md"
        original = source.read_text("utf-8")
        os.chdir(root)

        seconds: collections.Counter = collections.Counter()
        for name, (module, attribute, _) in PARTS.items():
            setattr(module, attribute, _timed(seconds, name, getattr(module, attribute)))
        run_event = PluginCollection.run_event

        def timed_event(self: PluginCollection, name: str, *a: Any, **k: Any) -> Any:
            if name not in ("config", "files"):
                return run_event(self, name, *a, **k)
            return _timed(seconds, f"on_{name}", run_event)(self, name, *a, **k)

        PluginCollection.run_event = timed_event  # type: ignore[method-assign]
        site_dir = work / "built"
        first = True

        def dirty_build() -> float:
            nonlocal first
            config = load_config("mkdocs.yml", site_dir=str(site_dir), strict=False)
            if first:  # once: the plugin then lives for the session, as under serve
                config.plugins.on_startup(command="serve", dirty=True)
                first = False
            start = time.perf_counter()
            mkdocs_build.build(config, dirty=True, serve_url="http://127.0.0.1:8000/")
            return time.perf_counter() - start

        initial = dirty_build()
        rows: dict[str, list[float]] = collections.defaultdict(list)
        try:
            for edit in range(args.edits):
                time.sleep(3)  # as between two edits by hand: the idle collection runs
                source.write_text(f"{original.rstrip()}\n\nEdit number {edit + 1}.\n", "utf-8")
                seconds.clear()
                rows["rebuild"].append(dirty_build())
                for name in ("on_config", "on_files", *PARTS):
                    rows[name].append(seconds[name])
        finally:
            source.write_text(original, "utf-8")
        shown = {"rebuild": "whole dirty rebuild", "on_config": "on_config (ours)",
                 "on_files": "on_files (ours)",
                 **{name: label for name, (_, _, label) in PARTS.items()}}
        print(json.dumps({
            "initial_build_seconds": round(initial, 1),
            "edits": args.edits,
            "median_seconds": {shown[name]: round(statistics.median(values), 3)
                               for name, values in rows.items()},
        }, indent=2))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
