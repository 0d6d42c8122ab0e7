"""Scale benchmark: generate a synthetic corpus at each size, build it, and compare with plain
MkDocs + Material building the same number of Markdown pages.

    /work/venv/bin/python benchmarks/run.py --sizes 1000 5000 10000 --json out.json

Not part of the test suite: at 10,000 narratives one size takes several minutes on two cores.
See benchmarks/README.md for what each row means and the targets.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as corpus_mod  # noqa: E402
import measure  # noqa: E402

MB = 1024 * 1024

# (key, label, format, target): target is a function of the row's results, or None.
ROWS: list[tuple[str, str, str]] = [
    ("narratives", "narratives / people / programs / recommendations", "counts"),
    ("yaml_parse_s", "bare libyaml parse of all front matter (s)", "{:.2f}"),
    ("check_s", "commons check (s, whole process)", "{:.2f}"),
    ("check_vs_parse", "check / bare parse", "{:.2f}x"),
    ("build_s", "mkdocs build, our site (s)", "{:.1f}"),
    ("plain_s", "mkdocs build, plain pages (s)", "{:.1f}"),
    ("build_ratio", "build / plain (wall time)", "{:.3f}x"),
    ("floor_s", "mkdocs build, entry pages alone: the floor (s)", "{:.1f}"),
    ("floor_ratio", "build / floor (wall time)", "{:.3f}x"),
    ("build_cpu_s", "build CPU time, ours / plain (s)", "pair"),
    ("build_cpu_ratio", "build / plain (CPU time)", "{:.3f}x"),
    ("build_peak_mb", "peak memory, our build with Pagefind (MB)", "{:.0f}"),
    ("build_own_peak_mb", "  of which MkDocs' process alone (MB)", "{:.0f}"),
    ("pagefind_peak_mb", "  of which Pagefind's indexer (MB)", "{:.0f}"),
    ("plain_peak_mb", "peak memory, plain build (MB)", "{:.0f}"),
    ("stage:load", "  core, CPU s: load and convert every file", "{:.2f}"),
    ("stage:checks", "  core, CPU s: links, contact details, bodies", "{:.2f}"),
    ("stage:site", "  core, CPU s: publish, backlinks, plan every page", "{:.2f}"),
    ("stage:render_bodies", "  core, CPU s: render every body once", "{:.2f}"),
    ("stage:exports", "  core, CPU s: every exporter (feeds, exports...)", "{:.2f}"),
    ("stage:leak_scan", "  core, CPU s: leak scan of the built site", "{:.2f}"),
    ("html_pages", "HTML pages (ours / plain)", "pair"),
    ("output_mb", "output size (MB, ours / plain)", "pair"),
    ("typical_narrative_kb", "typical narrative page (KB)", "{:.1f}"),
    ("largest_page_kb", "largest page (KB)", "{:.1f}"),
    ("pages_over_100k", "pages over 100 KB", "{}"),
    ("material_query_kb", "search download, Material (KB; gzip)", "pair"),
    ("pagefind_query_kb", "search download, Pagefind (KB; with the page's script)", "pair"),
    ("pagefind_index_s", "Pagefind indexing, part of our build (s)", "{:.1f}"),
    ("serve_full_s", "serve: edit -> page shows it (s)", "{:.1f}"),
    ("serve_dirty_s", "serve --dirty: edit -> page shows it (s)", "{:.1f}"),
    ("plain_serve_full_s", "  the same, plain pages: serve (s)", "{:.1f}"),
    ("plain_serve_dirty_s", "  the same, plain pages: serve --dirty (s)", "{:.1f}"),
]


def bench_size(size: int, work: Path, args: argparse.Namespace) -> dict:
    result: dict = {"size": size}
    site_root, plain_root = work / "site", work / "plain"
    t = time.perf_counter()
    corpus = corpus_mod.write_corpus(site_root, size, seed=args.seed)
    result["generate_s"] = round(time.perf_counter() - t, 1)
    result["counts"] = {"narratives": len(list((site_root / "content/narratives").iterdir())),
                        "people": len(list((site_root / "content/people").iterdir())),
                        "programs": len(list((site_root / "content/programs").iterdir())),
                        "recommendations": len(list(
                            (site_root / "content/recommendations").iterdir()))}
    log(f"[{size}] corpus written in {result['generate_s']} s: {result['counts']}")

    parse_s, files = measure.bare_parse(site_root / "content")
    result["yaml_parse_s"], result["yaml_files"] = round(parse_s, 3), files
    check = measure.timed([str(measure.VENV_BIN / "commons"), "check", "content", "--today",
                           corpus_mod.TODAY], site_root)
    result["check_s"], result["check_peak_mb"] = round(check.seconds, 3), round(check.peak_mb)
    result["check_exit"] = check.returncode
    result["check_vs_parse"] = round(check.seconds / parse_s, 2)
    log(f"[{size}] parse {parse_s:.2f} s, check {check.seconds:.2f} s (exit {check.returncode})")

    build = measure.timed([str(measure.VENV_BIN / "mkdocs"), "build"], site_root)
    if build.returncode != 0:
        raise SystemExit(f"our build failed at {size}:\n{build.output[-3000:]}")
    result["build_s"], result["build_peak_mb"] = round(build.seconds, 2), round(build.peak_mb)
    result["build_cpu_s"] = round(build.cpu_seconds, 2)
    log(f"[{size}] build {build.seconds:.1f} s ({build.cpu_seconds:.1f} s CPU), "
        f"{build.peak_mb:.0f} MB")

    # The floor: one plain page per published entry, Material search, no listings.
    floor_root = work / "floor"
    result["floor_pages"] = corpus_mod.write_floor(floor_root, corpus)
    floor = measure.timed([str(measure.VENV_BIN / "mkdocs"), "build"], floor_root)
    if floor.returncode != 0:
        raise SystemExit(f"floor build failed at {size}:\n{floor.output[-3000:]}")
    result["floor_s"], result["floor_cpu_s"] = round(floor.seconds, 2), round(floor.cpu_seconds, 2)
    result["floor_ratio"] = round(build.seconds / floor.seconds, 3)
    log(f"[{size}] floor {floor.seconds:.1f} s ({floor.cpu_seconds:.1f} s CPU), "
        f"{result['floor_pages']} pages")

    # The baseline: every page our site published, as plain Markdown with the same text.
    corpus_mod.write_plain(plain_root, corpus)
    result["plain_mirrored_pages"] = corpus_mod.mirror_missing_pages(plain_root,
                                                                     site_root / "site")
    plain = measure.timed([str(measure.VENV_BIN / "mkdocs"), "build"], plain_root)
    if plain.returncode != 0:
        raise SystemExit(f"plain build failed at {size}:\n{plain.output[-3000:]}")
    result["plain_s"], result["plain_peak_mb"] = round(plain.seconds, 2), round(plain.peak_mb)
    result["plain_cpu_s"] = round(plain.cpu_seconds, 2)
    result["build_ratio"] = round(build.seconds / plain.seconds, 3)
    result["build_cpu_ratio"] = round(build.cpu_seconds / plain.cpu_seconds, 3)
    log(f"[{size}] plain {plain.seconds:.1f} s ({plain.cpu_seconds:.1f} s CPU), "
        f"{plain.peak_mb:.0f} MB")

    stages = subprocess.run([sys.executable, str(HERE / "stages.py"), str(site_root),
                             corpus_mod.TODAY], capture_output=True, text=True)
    result["stages_cpu_s"] = (json.loads(stages.stdout) if stages.returncode == 0
                              else {"error": stages.stderr[-400:]})
    log(f"[{size}] stages (CPU s): {result['stages_cpu_s']}")

    ours = measure.output_stats(site_root / "site")
    theirs = measure.output_stats(plain_root / "site")
    result["output"], result["plain_output"] = ours, theirs
    # Our site searches with Pagefind (indexed by its build); Material's index is measured on
    # the plain site, which has the same text.
    result["search"] = measure.material_search(plain_root / "site")
    indexed = re.search(r"Pagefind search index written to \S+ in ([\d.]+) seconds "
                        r"\(Pagefind: (\d+) MB at most; the build so far: (\d+) MB\)",
                        build.output)
    if indexed:
        result["search"]["pagefind_index_seconds"] = float(indexed.group(1))
        # The process's peak above is the larger of MkDocs' own and Pagefind's.
        result["pagefind_peak_mb"] = int(indexed.group(2))
        result["build_own_peak_mb"] = int(indexed.group(3))
    if not args.no_pagefind:
        result["search"].update(measure.pagefind(site_root / "site", args.query))
    log(f"[{size}] output {ours} search {result['search']}")

    for mode in args.serve:
        narrative = corpus.published_narrative()
        # A full rebuild takes minutes at scale: one edit. A dirty one, the median of several.
        edits = args.serve_edits if mode == "dirty" else 1
        outcome = measure.serve_rebuild(site_root, narrative, dirty=(mode == "dirty"),
                                        edits=edits)
        result[f"serve_{mode}"] = outcome
        log(f"[{size}] serve {mode}: {outcome}")
        # The floor: MkDocs serving the plain pages, the same narrative's page edited.
        plain_page = f"docs/narratives/{narrative}.md"
        if (plain_root / plain_page).is_file():
            outcome = measure.serve_rebuild(plain_root, narrative, dirty=(mode == "dirty"),
                                            source=plain_page, edits=edits)
            result[f"plain_serve_{mode}"] = outcome
            log(f"[{size}] plain serve {mode}: {outcome}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _cell(result: dict, key: str, fmt: str) -> str:
    out, plain, search = result.get("output", {}), result.get("plain_output", {}), \
        result.get("search", {})
    if key == "narratives":
        c = result["counts"]
        return f"{c['narratives']}/{c['people']}/{c['programs']}/{c['recommendations']}"
    if key == "html_pages":
        return f"{out.get('html_pages')} / {plain.get('html_pages')}"
    if key == "build_cpu_s":
        return f"{result.get('build_cpu_s', 0):.1f} / {result.get('plain_cpu_s', 0):.1f}"
    if key == "output_mb":
        return f"{out.get('output_bytes', 0) / MB:.0f} / {plain.get('output_bytes', 0) / MB:.0f}"
    if key == "pagefind_query_kb":
        if "pagefind_query_bytes" not in search:
            return "-"
        return (f"{search['pagefind_query_bytes'] / 1024:.0f}; "
                f"{search['pagefind_query_with_ui_bytes'] / 1024:.0f}")
    if key == "material_query_kb":
        if "material_query_bytes" not in search:
            return "-"
        return (f"{search['material_query_bytes'] / 1024:.0f}; "
                f"{search['material_query_gzip_bytes'] / 1024:.0f}")
    stages = result.get("stages_cpu_s", {})
    if key.startswith("stage:") and "load" in stages:
        name = key.removeprefix("stage:")
        groups = {"checks": ("check_links", "check_contact_details", "check_bodies"),
                  "site": ("select", "site_data", *(k for k in stages if k.startswith("plan:"))),
                  "exports": tuple(k for k in stages if k.startswith("export:"))}
        return fmt.format(sum(stages.get(k, 0) for k in groups.get(name, (name,))))
    value = {
        "typical_narrative_kb": out.get("typical_narrative_bytes", 0) / 1024,
        "largest_page_kb": out.get("largest_page_bytes", 0) / 1024,
        "pages_over_100k": out.get("pages_over_100k"),
        "pagefind_index_s": search.get("pagefind_index_seconds"),
        "serve_full_s": result.get("serve_full", {}).get("rebuild_seconds"),
        "serve_dirty_s": result.get("serve_dirty", {}).get("rebuild_seconds"),
        "plain_serve_full_s": result.get("plain_serve_full", {}).get("rebuild_seconds"),
        "plain_serve_dirty_s": result.get("plain_serve_dirty", {}).get("rebuild_seconds"),
    }.get(key, result.get(key))
    return "-" if value is None else fmt.format(value)


def table(results: list[dict]) -> str:
    headers = ["measure"] + [f"{r['size']:,}" for r in results]
    rows = [[label] + [_cell(r, key, fmt) for r in results] for key, label, fmt in ROWS]
    widths = [max(len(row[i]) for row in [headers, *rows]) for i in range(len(headers))]
    lines = [" | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(row, widths, strict=True)))
              for row in rows]
    return "\n".join(lines)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000],
                        help="numbers of narratives (default: 1000)")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--seed", type=int, default=corpus_mod.SEED)
    parser.add_argument("--serve", nargs="*", choices=("full", "dirty"), default=["full", "dirty"],
                        help="which mkdocs serve rebuilds to time (default: full dirty)")
    parser.add_argument("--serve-edits", type=int, default=3, metavar="N",
                        help="edits timed under serve --dirty, the median shown (default: 3)")
    parser.add_argument("--no-pagefind", action="store_true", help="skip the Pagefind index")
    parser.add_argument("--query", default="peer mentoring", help="the search to measure")
    parser.add_argument("--workdir", type=Path, help="where to generate (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated sites")
    args = parser.parse_args(argv)
    # On kill, unwind normally so a running `mkdocs serve` is stopped and the edit undone.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    base = args.workdir or Path(tempfile.mkdtemp(prefix="commons-bench-"))
    results = []
    for size in args.sizes:
        results.append(bench_size(size, base / f"n{size}", args))
        if args.json:  # after each size, so a long run leaves partial results behind
            args.json.write_text(json.dumps(
                {"machine": {"python": platform.python_version(), "cpus": _cpus(),
                             "platform": platform.platform()},
                 "results": results}, indent=2) + "\n", "utf-8")
    print(table(results))
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


if __name__ == "__main__":
    sys.exit(main())
