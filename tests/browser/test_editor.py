"""The web editor at /admin/ (issue 18), driven in Chromium against Decap's own local proxy.

decap-server (npm, installed beside axe-core in tests/browser/vendor) runs in git mode on a
temporary git repository holding the shipped content, so the editorial workflow is the real
one: a draft is a branch ``cms/<collection>/<slug>``, "ready" is recorded on that branch. The
site is built from that repository with the editor in local mode (what ``commons edit`` does)
and served on 127.0.0.1; every request to any other host is aborted and recorded.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPO, _skip_or_fail, serve_folder

VENDOR = REPO / "tests" / "browser" / "vendor" / "node_modules"
DECAP_SERVER = VENDOR / "decap-server" / "dist" / "index.js"
AXE = VENDOR / "axe-core" / "axe.min.js"
GIT = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
TITLE = "Finding my feet in a peer group"
SLUG = "finding-my-feet-in-a-peer-group"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class EditorSession:
    repo: Path  # the temporary git repository decap-server writes to
    url: str  # the built site, served on 127.0.0.1


def make_repository(root: Path) -> Path:
    repo = root / "repo"
    repo.mkdir()
    for name in ("content", "theme"):
        shutil.copytree(REPO / name, repo / name)
    shutil.copyfile(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True)
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "Shipped content"], cwd=repo, check=True)
    return repo


def build(repo: Path, site_dir: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``repo`` in a separate process (the plugin reads its
    environment), writing outside the repository so its working tree stays clean."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=repo, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}, text=True,
        capture_output=True, timeout=600)


@contextlib.contextmanager
def decap_server(repo: Path, port: int, log: Path) -> Iterator[None]:
    env = {**os.environ, "MODE": "git", "GIT_REPO_DIRECTORY": str(repo), "PORT": str(port),
           "BIND_HOST": "127.0.0.1", "LOG_LEVEL": "info"}
    with log.open("w") as out:
        process = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1", data=b'{"action":"info"}',
                    headers={"Content-Type": "application/json"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert json.load(response)["type"] == "local_git"
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"decap-server did not start: {log.read_text()}") from None
                time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def editor_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EditorSession]:
    if not DECAP_SERVER.is_file() or shutil.which("node") is None:
        _skip_or_fail("decap-server is not installed (npm install --prefix tests/browser/vendor "
                      "--no-audit --no-fund decap-server@3)")
    root = tmp_path_factory.mktemp("editor")
    repo = make_repository(root)
    port = free_port()
    built = build(repo, root / "site",
                  {"COMMONS_EDITOR_LOCAL_PROXY": f"http://localhost:{port}/api/v1"})
    assert built.returncode == 0, built.stdout + built.stderr
    with decap_server(repo, port, root / "decap-server.log"), \
            serve_folder(root / "site") as url:
        yield EditorSession(repo, url)


def git(repo: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=repo, check=True, text=True,
                          capture_output=True).stdout


def open_form(page: object, session: EditorSession, collection: str) -> None:
    page.goto(session.url + "admin/")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Login").click()  # type: ignore[attr-defined]
    page.goto(session.url + f"admin/#/collections/{collection}/new")  # type: ignore[attr-defined]
    page.get_by_label("Naming", exact=True).wait_for()  # type: ignore[attr-defined]


def choose(page: object, label: str, text: str) -> None:
    """Pick ``text`` in one of Decap's select or relation widgets (react-select)."""
    field = page.get_by_label(label, exact=True)  # type: ignore[attr-defined]
    field.fill(text)
    page.get_by_role("option", name=text, exact=True).first.click()  # type: ignore[attr-defined]


def choose_naming(page: object, level: str) -> None:
    """The naming level: a plain select (admin.js, commons-naming)."""
    page.get_by_label("Naming", exact=True).select_option(level)  # type: ignore[attr-defined]


def save(page: object) -> None:
    page.get_by_role("button", name="Save", exact=True).click()  # type: ignore[attr-defined]


def test_create_a_narrative_save_as_draft_mark_ready_and_publish_it(
        editor_session: EditorSession, new_page: object, offsite: object,
        tmp_path: Path, screenshots: Path) -> None:
    shots = screenshots
    page = new_page()  # type: ignore[operator]
    open_form(page, editor_session, "narratives")
    # Consent first: the naming level, then the date (empty until chosen).
    choose_naming(page, "first-name")
    given = page.get_by_label("Given", exact=True)
    assert given.input_value() == ""
    given.fill("2025-05-02")
    page.get_by_label("Title", exact=True).fill(TITLE)
    choose(page, "Authors", "Ruth")  # an existing person, picked from the people collection
    page.get_by_label("Summary", exact=True).fill(
        "A new librarian joins a monthly peer group and finds people to ask.")
    page.get_by_label("Date", exact=True).fill("2025-06-01")
    choose(page, "Forms", "Peer mentoring")
    choose(page, "Visibility", "public")
    body = page.locator("[data-slate-editor='true']")
    body.click()
    page.keyboard.type("In my first year I joined a peer group that met once a month.")
    save(page)
    try:
        page.get_by_text("Status: Draft").wait_for(timeout=60000)
    finally:
        page.screenshot(path=str(shots / "editor-narrative-saved.png"), full_page=True)
    branch = f"cms/narratives/{SLUG}"
    assert branch in git(editor_session.repo, "branch", "--list", "cms/*")
    status = git(editor_session.repo, "config", f"branch.{branch}.description").strip()
    assert status == "decap-cms/draft"
    # Decap re-renders the toolbar while it reloads the saved entry, so a first click on the
    # status menu can land on a control that is being replaced: try again until it shows.
    for _attempt in range(3):
        page.get_by_text("Status: Draft").click()
        page.get_by_text("Ready", exact=True).click()
        try:
            page.get_by_text("Status: Ready").wait_for(timeout=20000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; retried
            page.keyboard.press("Escape")
    deadline = time.monotonic() + 60
    while status != "decap-cms/pending_publish" and time.monotonic() < deadline:
        time.sleep(0.3)
        status = git(editor_session.repo, "config", f"branch.{branch}.description").strip()
    page.screenshot(path=str(shots / "editor-narrative-ready.png"), full_page=True)
    assert status == "decap-cms/pending_publish"  # "Ready": what opens the pull request

    # The draft branch holds a file that `commons check` passes and a build publishes.
    work = tmp_path / "draft"
    git(editor_session.repo, "worktree", "add", "-q", str(work), branch)
    entry = work / "content" / "narratives" / f"{SLUG}.md"
    text = entry.read_text("utf-8")
    assert "naming: first-name" in text and "given: 2025-05-02" in text, text
    commons = Path(sys.executable).with_name("commons")
    check = subprocess.run([str(commons), "check", "content"], cwd=work, text=True,
                           capture_output=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    built = build(work, tmp_path / "site", {})
    assert built.returncode == 0, built.stdout + built.stderr
    html = (tmp_path / "site" / "narratives" / SLUG / "index.html").read_text("utf-8")
    assert TITLE in html
    assert offsite.urls == []  # type: ignore[attr-defined]


def test_the_form_refuses_a_fuller_name_than_consented_and_an_overlong_title(
        editor_session: EditorSession, new_page: object, offsite: object) -> None:
    from mentoring_commons.core.outputs.editorconfig import NAME_RULES

    page = new_page()  # type: ignore[operator]
    open_form(page, editor_session, "people")
    choose_naming(page, "first-name")
    page.get_by_label("Given", exact=True).fill("2025-05-02")
    # Optional in the model (an anonymous person has none): Decap labels it "Name (optional)".
    page.get_by_label(re.compile(r"^Name\b")).fill("Maria Lopez Garcia")
    choose(page, "Roles", "Librarian")
    choose(page, "Career stage", "Early career")
    choose(page, "Visibility", "public")
    before = git(editor_session.repo, "branch", "--list", "cms/*")
    save(page)
    page.get_by_text(NAME_RULES["name"]["first-name"]).wait_for(timeout=10000)
    # A pseudonymous person's name is the pseudonym; an anonymous person has none.
    choose_naming(page, "pseudonym")
    page.get_by_label(re.compile(r"^Pseudonym\b")).fill("Robin")
    save(page)
    page.get_by_text(NAME_RULES["name"]["pseudonym"]).wait_for(timeout=10000)
    choose_naming(page, "anonymous")
    save(page)
    page.get_by_text(NAME_RULES["pseudonym"]["other"]).wait_for(timeout=10000)
    page.get_by_text(NAME_RULES["name"]["anonymous"]).wait_for(timeout=10000)
    choose_naming(page, "first-name")
    page.get_by_label(re.compile(r"^Pseudonym\b")).fill("")
    # A date in the future is refused too, with the model's message.
    page.get_by_label("Given", exact=True).fill("2999-01-01")
    save(page)
    page.get_by_text("a date in the future is not allowed").first.wait_for(timeout=10000)
    assert git(editor_session.repo, "branch", "--list", "cms/*") == before  # nothing saved

    page = new_page()  # type: ignore[operator]
    open_form(page, editor_session, "narratives")
    page.get_by_label("Title", exact=True).fill("x" * 121)
    save(page)
    page.get_by_text("Text, up to 120 characters, no HTML.").wait_for(timeout=10000)
    page.get_by_text("Summary is required.").wait_for()
    assert git(editor_session.repo, "branch", "--list", "cms/*") == before
    assert offsite.urls == []  # type: ignore[attr-defined]


def test_an_anonymous_person_is_saved_with_no_name_and_the_anonymous_id(
        editor_session: EditorSession, new_page: object, offsite: object,
        tmp_path: Path, screenshots: Path) -> None:
    page = new_page()  # type: ignore[operator]
    open_form(page, editor_session, "people")
    choose_naming(page, "anonymous")
    page.get_by_label("Given", exact=True).fill("2025-05-02")
    choose(page, "Roles", "Librarian")
    choose(page, "Career stage", "Early career")
    choose(page, "Visibility", "public")
    save(page)
    try:
        page.get_by_text("Status: Draft").wait_for(timeout=60000)
    finally:
        page.screenshot(path=str(screenshots / "editor-anonymous-saved.png"), full_page=True)
    branch = "cms/people/anonymous-member"
    assert branch in git(editor_session.repo, "branch", "--list", "cms/*")
    work = tmp_path / "draft"
    git(editor_session.repo, "worktree", "add", "-q", str(work), branch)
    text = (work / "content" / "people" / "anonymous-member.yml").read_text("utf-8")
    assert "naming: anonymous" in text and "name:" not in text.replace("naming:", ""), text
    commons = Path(sys.executable).with_name("commons")
    check = subprocess.run([str(commons), "check", "content"], cwd=work, text=True,
                           capture_output=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    assert offsite.urls == []  # type: ignore[attr-defined]


# Rules about the document itself: /admin/index.html is the project's page.
DOCUMENT_RULES = {"html-has-lang", "html-lang-valid", "document-title", "meta-viewport",
                  "meta-refresh", "bypass", "landmark-one-main", "page-has-heading-one",
                  "region"}
OWN_NODE = """(target) => {
  const element = document.querySelector(target[0]);
  return !!(element && element.closest('[data-commons-widget]'));
}"""


def split_violations(page: object, violations: list[dict]) -> tuple[list[str], list[str]]:
    """(the project's, Decap's): a violation is the project's when it is about the document
    (index.html) or one of its nodes is one of admin.js's controls."""
    own, decap = [], []
    for violation in violations:
        mine = [n["target"] for n in violation["nodes"]
                if page.evaluate(OWN_NODE, n["target"])]  # type: ignore[attr-defined]
        line = f"{violation['id']} ({violation['impact']}): {violation['help']}"
        if mine:
            own.append(f"{line}: {mine}")
        elif violation["id"] in DOCUMENT_RULES:
            # Decap renders its app into the page's body; the page itself has no landmarks
            # of its own before Decap starts.
            decap.append(f"{line} [page-level, Decap's app]: {len(violation['nodes'])} nodes")
        else:
            decap.append(f"{line}: {len(violation['nodes'])} nodes, e.g. "
                         f"{violation['nodes'][0]['target']}")
    return own, decap


def test_axe_finds_nothing_in_the_parts_of_admin_the_project_controls(
        editor_session: EditorSession, new_page: object, offsite: object) -> None:
    from .pagekinds import run_axe, write_json

    if not AXE.is_file():
        _skip_or_fail("axe-core is not installed (npm install --prefix tests/browser/vendor "
                      "--no-audit --no-fund axe-core@4)")
    # axe is injected as an inline script, which the page's policy forbids.
    page = new_page(bypass_csp=True)  # type: ignore[operator]
    page.goto(editor_session.url + "admin/")
    page.get_by_role("button", name="Login").wait_for()
    report = {}
    own_all = []
    for view in ("login", "narratives", "people"):
        if view != "login":
            if view == "narratives":
                page.get_by_role("button", name="Login").click()
            page.goto(editor_session.url + f"admin/#/collections/{view}/new")
            page.get_by_label("Naming", exact=True).wait_for()
            choose_naming(page, "first-name")
            # The project's controls are there to be judged (naming, dates, names).
            assert page.locator("[data-commons-widget]").count() >= 4
        own, decap = split_violations(page, run_axe(page))
        report[view] = {"project": own, "decap": decap}
        own_all += [f"{view}: {line}" for line in own]
    write_json(REPO / "test-output" / "editor-axe.json", report)
    assert own_all == [], "\n".join(own_all)
    assert offsite.urls == []  # type: ignore[attr-defined]


def test_the_published_editor_loads_only_from_the_site_and_offers_github_sign_in(
        built_site: Path, site_url: str, new_page: object, offsite: object) -> None:
    """The shipped site's /admin/ (GitHub backend, no local proxy): Decap starts from the
    vendored files and asks to sign in with GitHub; nothing is fetched from anywhere else."""
    assert (built_site / "admin" / "index.html").is_file()
    page = new_page()  # type: ignore[operator]
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "admin/")
    page.get_by_role("button", name="Login with GitHub").wait_for(timeout=20000)
    assert offsite.urls == []  # type: ignore[attr-defined]
    assert requests and all(url.startswith(site_url) for url in requests), requests
