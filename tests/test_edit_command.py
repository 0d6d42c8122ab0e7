"""``commons edit``: decap-server in git mode on the working tree plus ``mkdocs serve`` with the
editor in local mode; refused on a tree with uncommitted changes or without decap-server."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DECAP_SERVER = REPO / "tests/browser/vendor/node_modules/decap-server/dist/index.js"
COMMONS = str(Path(sys.executable).with_name("commons"))
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copyfile(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Shipped content"], cwd=repo, check=True)
    return repo


def edit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([COMMONS, "edit", *args], cwd=repo, text=True, capture_output=True,
                          timeout=60, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_refuses_a_working_tree_with_uncommitted_changes(repository: Path) -> None:
    (repository / "content" / "people" / "ruth.yml").write_text("name: Ruth\n")
    done = edit(repository, "--decap-server", str(DECAP_SERVER))
    assert done.returncode == 2
    assert "1 uncommitted change(s) (first: content/people/ruth.yml)" in done.stderr
    assert "commit or stash them first" in done.stderr


def test_says_how_to_install_decap_server(repository: Path) -> None:
    done = edit(repository, "--decap-server", str(repository / "nowhere.js"))
    assert done.returncode == 2
    assert "npm install --no-save --no-audit --no-fund decap-server@" in done.stderr


def test_serves_the_editor_against_the_local_proxy(repository: Path, tmp_path: Path) -> None:
    if not DECAP_SERVER.is_file() or shutil.which("node") is None:
        pytest.skip("decap-server is not installed (see .ci/run)")
    port, proxy_port = free_port(), free_port()
    log = tmp_path / "edit.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [COMMONS, "edit", "--port", str(port), "--proxy-port", str(proxy_port),
             "--decap-server", str(DECAP_SERVER)],
            cwd=repository, text=True, stdout=out, stderr=subprocess.STDOUT,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while ("The web editor: http://127.0.0.1:" not in log.read_text()
               and time.monotonic() < deadline and process.poll() is None):
            time.sleep(0.5)
        assert f"The web editor: http://127.0.0.1:{port}/mentoring-commons/admin/" in (
            log.read_text())
        url = f"http://127.0.0.1:{port}/mentoring-commons/admin/editor.json"
        with urllib.request.urlopen(url, timeout=10) as response:
            setup = json.load(response)
        assert setup["config"]["local_backend"] == {
            "url": f"http://localhost:{proxy_port}/api/v1"}
        info = urllib.request.Request(f"http://127.0.0.1:{proxy_port}/api/v1",
                                      data=b'{"action":"info"}',
                                      headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(info, timeout=5) as response:
            answer = json.load(response)
        assert answer["type"] == "local_git" and "editorial_workflow" in answer["publish_modes"]
    finally:
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
        process.wait(timeout=30)
    output = log.read_text()
    assert process.returncode == 0, output
    assert "commons edit: stopped." in output
    assert "Traceback" not in output
