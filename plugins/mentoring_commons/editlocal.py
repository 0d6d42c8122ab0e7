"""``commons edit``: the web editor against this working tree, without GitHub.

Starts Decap's own local proxy, decap-server (npm), in git mode, so the editorial workflow
works as it does on GitHub: a draft is a branch ``cms/<collection>/<slug>`` of this repository,
and "Ready" is recorded on it. Then ``mkdocs serve`` previews the site, with /admin/ configured
for the proxy (``local_backend``, only in this mode). Ctrl-C stops both.

decap-server commits *everything* in the working tree to the draft branch it saves (it runs
``git add .``), so ``commons edit`` refuses to start on a tree with uncommitted changes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DECAP_SERVER_VERSION = "3.11.3"
INSTALL = f"npm install --no-save --no-audit --no-fund decap-server@{DECAP_SERVER_VERSION}"
# Where `npm install` puts it: the repository's own node_modules (the command above), or the
# browser tests' vendor folder (.ci/run).
SEARCHED = ("node_modules/decap-server/dist/index.js",
            "tests/browser/vendor/node_modules/decap-server/dist/index.js")


def add_edit_parser(sub: Any) -> None:
    edit = sub.add_parser("edit", help="open the web editor on this working tree (no GitHub)")
    edit.add_argument("--port", type=int, default=8000,
                      help="where mkdocs serve shows the site and /admin/ (default: 8000)")
    edit.add_argument("--proxy-port", type=int, default=8081,
                      help="where decap-server listens (default: 8081)")
    edit.add_argument("--decap-server", type=Path, default=None, metavar="PATH",
                      help="decap-server's dist/index.js (default: found in node_modules)")
    edit.add_argument("-f", "--config-file", default="mkdocs.yml",
                      help="the site's mkdocs.yml (default: mkdocs.yml)")


def fail(message: str) -> int:
    print(f"commons edit: error: {message}", file=sys.stderr)
    return 2


def find_decap_server(root: Path, given: Path | None) -> Path | None:
    if given is not None:
        return given if given.is_file() else None
    for relative in SEARCHED:
        if (root / relative).is_file():
            return root / relative
    return None


def git_root(folder: Path) -> Path | None:
    done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, text=True,
                          capture_output=True)
    return Path(done.stdout.strip()) if done.returncode == 0 else None


def uncommitted(root: Path) -> list[str]:
    done = subprocess.run(["git", "status", "--porcelain"], cwd=root, text=True,
                          capture_output=True, check=True)
    return [line[3:] for line in done.stdout.splitlines()]


def site_path(config_file: Path) -> str:
    """The path prefix mkdocs serve shows the site under (from site_url)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file))
    return urlsplit(config.site_url or "/").path.rstrip("/") + "/"


def wait_until_up(url: str, process: subprocess.Popen[Any], seconds: float,
                  data: bytes | None = None) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            request = urllib.request.Request(url, data=data,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=2):
                return True
        except OSError:
            time.sleep(0.3)
    return False


def run_edit(args: argparse.Namespace) -> int:
    config_file = Path(args.config_file).resolve()
    if not config_file.is_file():
        return fail(f"{args.config_file}: no such file; run commons edit in the site's folder.")
    root = git_root(config_file.parent)
    if root is None:
        return fail(f"{config_file.parent} is not in a git repository: the editor saves drafts "
                    "as git branches.")
    dirty = uncommitted(root)
    if dirty:
        return fail(f"{len(dirty)} uncommitted change(s) (first: {dirty[0]}): decap-server "
                    "commits everything in the working tree to each draft it saves; commit "
                    "or stash them first.")
    server = find_decap_server(root, args.decap_server)
    node = shutil.which("node")
    if server is None or node is None:
        missing = "node (Node.js 20 or later)" if node is None else "decap-server"
        return fail(f"{missing} is not installed: run `{INSTALL}` in {root} "
                    "(and apt-get install nodejs npm if node is missing).")
    proxy = f"http://localhost:{args.proxy_port}/api/v1"
    proxy_env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(root),
                 "PORT": str(args.proxy_port), "BIND_HOST": "127.0.0.1"}
    serve_env = {**os.environ, "COMMONS_EDITOR_LOCAL_PROXY": proxy}
    address = f"127.0.0.1:{args.port}"
    processes: list[subprocess.Popen[Any]] = []
    try:
        processes.append(subprocess.Popen([node, str(server)], env=proxy_env))
        if not wait_until_up(f"http://127.0.0.1:{args.proxy_port}/api/v1", processes[0], 30,
                             data=b'{"action":"info"}'):
            return fail(f"decap-server did not start on port {args.proxy_port} (in use?).")
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "-a", address],
            env=serve_env))
        admin = f"http://{address}{site_path(config_file)}admin/"
        if not wait_until_up(admin, processes[1], 600):
            return fail(f"mkdocs serve did not start on {address} (see its messages above).")
        print(f"\nThe web editor: {admin}\nDrafts are saved as branches cms/<kind>/<id> of "
              f"{root}; 'Ready' marks one for review. Ctrl-C stops the editor.\n", flush=True)
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
        return fail("decap-server or mkdocs serve stopped (see its messages above).")
    except KeyboardInterrupt:
        print("\ncommons edit: stopped.", file=sys.stderr)
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
