"""Measurements for the scale benchmark: timed subprocesses with their peak memory, output
sizes, search download sizes, and the rebuild time under ``mkdocs serve``."""

from __future__ import annotations

import gzip
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

VENV_BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
PAGE_LIMIT = 100 * 1024


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.pop("COMMONS_EDITION", None)
    return env


@dataclass
class Run:
    seconds: float  # wall time
    cpu_seconds: float  # user + system time of the process: steadier on a busy machine
    peak_mb: float
    returncode: int
    output: str


def timed(cmd: list[str], cwd: Path, timeout: float = 3600) -> Run:
    """Run ``cmd``; wall time and the peak resident memory of that process (os.wait4)."""
    log = cwd / f".bench-{Path(cmd[0]).name}.log"
    with open(log, "w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=_env(), stdout=out, stderr=subprocess.STDOUT)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log.read_text("utf-8", errors="replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, text)


def bare_parse(content: Path) -> tuple[float, int]:
    """Read every YAML file and Markdown front matter and compose it with libyaml: the floor
    under ``commons check``. Returns (seconds, files)."""
    start = time.perf_counter()
    count = 0
    for file in sorted(content.rglob("*")):
        if file.suffix not in (".md", ".yml") or "pages" in file.relative_to(content).parts:
            continue
        text = file.read_text("utf-8")
        if file.suffix == ".md":
            text = text.split("---\n", 2)[1]
        yaml.compose(text, Loader=yaml.CSafeLoader)
        count += 1
    return time.perf_counter() - start, count


def output_stats(site_dir: Path) -> dict[str, object]:
    total = 0
    html: list[tuple[int, str]] = []
    for root, _, names in os.walk(site_dir):
        for name in names:
            path = Path(root, name)
            size = path.stat().st_size
            total += size
            if name.endswith(".html"):
                html.append((size, path.relative_to(site_dir).as_posix()))
    html.sort()
    narrative_pages = [s for s, p in html if re.fullmatch(r"narratives/[^/]+/index\.html", p)
                       and not p.startswith("narratives/page/")]
    largest = html[-1] if html else (0, "")
    return {
        "output_bytes": total,
        "html_pages": len(html),
        "typical_narrative_bytes": int(statistics.median(narrative_pages or [0])),
        "largest_page_bytes": largest[0],
        "largest_page": largest[1],
        "pages_over_100k": sum(1 for s, _ in html if s > PAGE_LIMIT),
        # The five largest pages, so a page that grows with the site is easy to find.
        "largest_pages": [[p, s] for s, p in html[-5:][::-1]],
    }


def _gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def material_search(site_dir: Path) -> dict[str, int]:
    """Material's search downloads the whole index (and its worker) on the first query."""
    index = site_dir / "search/search_index.json"
    if not index.is_file():
        return {}
    worker = next((site_dir / "assets/javascripts/workers").glob("search.*.min.js"), None)
    return {
        "material_index_bytes": index.stat().st_size,
        "material_index_gzip_bytes": _gz(index),
        "material_query_bytes": index.stat().st_size + (worker.stat().st_size if worker else 0),
        "material_query_gzip_bytes": _gz(index) + (_gz(worker) if worker else 0),
    }


def pagefind(site_dir: Path, query: str) -> dict[str, object]:
    """Index ``site_dir`` with Pagefind (into ``site_dir/pagefind``) unless its build did, then
    run one real query in Node with Pagefind's own JavaScript, counting every byte it fetches.
    The search page's own script (assets/search.js) comes on top, once per visit."""
    if shutil.which("node") is None:
        return {"pagefind_error": "node not found"}
    from mentoring_commons.mkdocs.search.pagefind import run_pagefind  # what a build would run

    bundle = site_dir / "pagefind"
    seconds: float | None = None
    if not bundle.is_dir():  # the build did not index the site (pagefind: off)
        try:
            run = run_pagefind(site_dir, "required")
        except Exception as exc:  # PluginError, with Pagefind's own message
            return {"pagefind_error": str(exc)[-400:]}
        assert run is not None
        seconds = run.seconds
    total = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file())
    probe = subprocess.run(["node", str(HERE / "pagefind_query.mjs"), str(bundle), query],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        return {"pagefind_error": probe.stderr[-400:]}
    stats = dict(yaml.safe_load(probe.stdout))
    # The search page's script (ours, not pagefind-ui.js) comes on top, once per visit.
    ui = sum(path.stat().st_size for path in (site_dir / "assets/search.js",) if path.is_file())
    timing = {} if seconds is None else {"pagefind_index_seconds": round(seconds, 2)}
    return {**timing, "pagefind_bundle_bytes": total,
            **{f"pagefind_{k}": v for k, v in stats.items()},
            "pagefind_ui_bytes": ui, "pagefind_query_with_ui_bytes": stats["query_bytes"] + ui}


# -- mkdocs serve ------------------------------------------------------------------------------

class _AnyTags(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python/name tags are irrelevant here."""


_AnyTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str, timeout: float = 600) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode("utf-8", errors="replace")
    finally:
        conn.close()


def serve_rebuild(root: Path, narrative: str, *, dirty: bool, timeout: float = 1800,
                  mkdocs: list[str] | None = None, source: str | None = None,
                  edits: int = 1) -> dict:
    """Start ``mkdocs serve``, wait for it, append a sentence to one narrative and time until
    the served page shows it; ``edits`` times, a few seconds apart, in the same session
    (``rebuild_seconds`` is their median, ``rebuild_seconds_each`` all of them: one edit lands
    anywhere in the watcher's polling cycle, so single timings scatter by about half a second).
    ``--watch content``: the content folder is outside docs_dir. ``mkdocs``: the command that
    runs MkDocs (default: the venv's ``mkdocs``). ``source``: the file to edit, relative to
    ``root`` (default: the narrative's entry; for the plain site, its page in docs/, which
    MkDocs watches itself)."""
    port = _free_port()
    cmd = [*(mkdocs or [str(VENV_BIN / "mkdocs")]), "serve", "-a", f"127.0.0.1:{port}"]
    if source is None:
        cmd += ["--watch", "content"]
    if dirty:
        # MkDocs warns on every dirty build; strict mode would turn that warning into a failure.
        cmd += ["--dirty", "--no-strict"]
    log = open(root / f".bench-serve{'-dirty' if dirty else ''}.log", "w")  # noqa: SIM115
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=root, env=_env(), stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)
    file = root / (source or f"content/narratives/{narrative}.md")
    original = file.read_text("utf-8")
    result: dict[str, object] = {}
    try:
        site_url = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=_AnyTags)
        mount = urlsplit(site_url.get("site_url") or "/").path.rstrip("/")
        url = f"{mount}/narratives/{narrative}/"
        while True:
            if proc.poll() is not None:
                return {"error": f"mkdocs serve exited with {proc.returncode}"}
            if time.perf_counter() - start > timeout:
                return {"error": "serve did not start in time"}
            try:
                status, _ = _get(port, url, timeout=5)
                if status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.5)
        result["initial_build_seconds"] = round(time.perf_counter() - start, 2)
        each: list[float] = []
        for _ in range(edits):
            # Let the watcher take its snapshot and the last rebuild's garbage be collected
            # (idlegc.py), as between two edits by hand.
            time.sleep(4)
            # Letters only: a long run of digits would be refused as a phone number.
            marker = "Benchmark edit " + "".join(chr(97 + int(d)) for d in str(time.time_ns()))
            edited = time.perf_counter()
            file.write_text(original.rstrip("\n") + f"\n\n{marker}.\n", "utf-8")
            while True:
                if time.perf_counter() - edited > timeout:
                    result["error"] = "the edit did not appear in time"
                    return result
                try:
                    status, body = _get(port, url)
                    if marker in body:
                        each.append(round(time.perf_counter() - edited, 2))
                        break
                except OSError:
                    pass
                time.sleep(0.1)
        result["rebuild_seconds"] = statistics.median(each)
        result["rebuild_seconds_each"] = each
    finally:
        file.write_text(original, "utf-8")
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
    return result
