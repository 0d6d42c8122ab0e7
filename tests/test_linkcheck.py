"""Link freshness: ``commons check --links`` against a local server, and stale programs.

Every request goes to 127.0.0.1: these tests never touch the internet.
"""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from conftest import REFERENCES, TODAY, base_files
from finding_support import tree
from mentoring_commons.cli import main
from mentoring_commons.core.check.freshness import FreshnessPolicy, check_freshness
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.linkcheck import LinkResult, check_url, check_urls

HANG_SECONDS = 3.0  # how long /hang waits: longer than every timeout used below


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body: bool) -> None:
        path = self.path.split("?")[0]
        if path == "/hang":
            time.sleep(HANG_SECONDS)
        if path in ("/good", "/hang") or (path == "/no-head" and self.command == "GET"):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")
            return
        if path == "/no-head":
            self.send_response(405)
        elif path in ("/redirect", "/temporary"):
            self.send_response(301 if path == "/redirect" else 302)
            self.send_header("Location", "/good")
        elif path == "/loop":
            self.send_response(301)
            self.send_header("Location", "/loop")
        elif path == "/error":
            self.send_response(503)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self._answer(body=True)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A local server; yields its base URL. Proxies are bypassed so nothing leaves the host."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- one address ------------------------------------------------------------------------------


def test_good_address_is_ok(server):
    result = check_url(f"{server}/good", timeout=2)
    assert (result.status, result.code, result.final_url) == ("ok", 200, None)


def test_permanent_redirect_is_moved_with_the_new_address(server):
    result = check_url(f"{server}/redirect", timeout=2)
    assert result.status == "moved"
    assert result.final_url == f"{server}/good"
    assert result.redirect_codes == (301,) and result.permanent


def test_temporary_redirect_is_moved_but_not_permanent(server):
    result = check_url(f"{server}/temporary", timeout=2)
    assert (result.status, result.final_url, result.permanent) == (
        "moved", f"{server}/good", False)


def test_missing_page_is_dead(server):
    result = check_url(f"{server}/missing", timeout=2)
    assert (result.status, result.code, result.detail) == (
        "dead", 404, "the server answered 404 Not Found")


def test_server_error_is_dead(server):
    assert check_url(f"{server}/error", timeout=2).detail == (
        "the server answered 503 Service Unavailable")


def test_head_refused_falls_back_to_get(server):
    assert check_url(f"{server}/no-head", timeout=2).status == "ok"


def test_redirect_loop_is_dead(server):
    result = check_url(f"{server}/loop", timeout=2)
    assert result.status == "dead" and result.code == 301


def test_refused_connection_is_dead():
    result = check_url(f"http://127.0.0.1:{closed_port()}/", timeout=2)
    assert (result.status, result.detail) == ("dead", "the server refused the connection")


def test_hanging_server_times_out_within_the_per_address_limit(server):
    start = time.monotonic()
    result = check_url(f"{server}/hang", timeout=0.5)
    elapsed = time.monotonic() - start
    assert (result.status, result.detail) == ("dead", "no answer within 0.5 s")
    assert elapsed < 0.5 + 0.4  # HEAD timed out; GET was not tried after it


# -- many addresses ---------------------------------------------------------------------------


def test_all_kinds_at_once_in_parallel(server):
    paths = ["/good", "/redirect", "/missing", "/hang", "/no-head"]
    start = time.monotonic()
    results = check_urls([server + p for p in paths], timeout=0.5, budget=10)
    elapsed = time.monotonic() - start
    assert {p: results[server + p].status for p in paths} == {
        "/good": "ok", "/redirect": "moved", "/missing": "dead", "/hang": "dead",
        "/no-head": "ok",
    }
    assert elapsed < 1.5  # one timeout, not the sum of them


def test_overall_budget_bounds_the_total_time(server):
    urls = [f"{server}/hang?{i}" for i in range(4)] + [f"{server}/good"]
    start = time.monotonic()
    results = check_urls(urls, timeout=HANG_SECONDS * 2, budget=0.6)
    elapsed = time.monotonic() - start
    assert elapsed < 0.6 + 0.5
    assert results[f"{server}/good"].status == "ok"
    for url in urls[:4]:
        assert results[url].status == "unchecked"
        assert "overall time limit of 0.6 s ran out" in results[url].detail


def test_concurrency_is_bounded_and_each_address_checked_once():
    lock = threading.Lock()
    running, peak, calls = 0, 0, []

    def checker(url: str, timeout: float) -> LinkResult:
        nonlocal running, peak
        with lock:
            running += 1
            peak = max(peak, running)
            calls.append(url)
        time.sleep(0.05)
        with lock:
            running -= 1
        return LinkResult(url, "ok")

    urls = [f"https://example.invalid/{i}" for i in range(12)]
    results = check_urls(urls + urls[:3], workers=3, checker=checker)
    assert len(results) == 12 and sorted(calls) == sorted(urls)
    assert peak <= 3


# -- the command ------------------------------------------------------------------------------


def program_with(url: str, extra: str = "") -> str:
    return base_files()["content/programs/lunch-club.yml"].replace(
        "https://example.org/lunch-club", url) + extra


def test_check_links_reports_each_problem_at_its_url_line(make_site, server, capsys):
    references = REFERENCES + f"  url: {server}/redirect\n"
    make_site({
        "content/programs/lunch-club.yml": program_with(f"{server}/missing"),
        "content/programs/hanging.yml": program_with(f"{server}/hang").replace(
            "Lunch Club", "Hanging Club"),
        "content/programs/fine.yml": program_with(f"{server}/good").replace(
            "Lunch Club", "Fine Club"),
        "content/references.yml": references,
    })
    start = time.monotonic()
    code = main(["check", "--links", "--link-timeout", "0.5", "--links-budget", "10",
                 "--today", TODAY])
    elapsed = time.monotonic() - start
    captured = capsys.readouterr()
    assert code == 0  # link problems are notices: the web can fail for a minute
    assert captured.out.splitlines() == [
        f"content/programs/hanging.yml:2:6: notice: link check: {server}/hang looks dead: "
        "no answer within 0.5 s. Search for the new address and update the url of program "
        "'hanging', or tell a maintainer if it has ended.",
        f"content/programs/lunch-club.yml:2:6: notice: link check: {server}/missing looks "
        "dead: the server answered 404 Not Found. Search for the new address and update the "
        "url of program 'lunch-club', or tell a maintainer if it has ended.",
        f"content/references.yml:8:8: notice: link check: {server}/redirect has moved to "
        f"{server}/good (301): if that is the same page, put the new address in the url of "
        "reference 'smith-2020'.",
    ]
    assert "links: 4 addresses checked" in captured.err
    assert "1 ok, 1 moved, 2 dead, 0 not checked" in captured.err
    assert "0 errors, 0 warnings, 3 notices in content" in captured.err
    assert elapsed < 5


def test_check_without_links_makes_no_request(make_site, monkeypatch, capsys):
    import mentoring_commons.linkcheck as linkcheck

    def refuse(*args, **kwargs):
        raise AssertionError("no request may be made without --links")

    monkeypatch.setattr(linkcheck, "check_url", refuse)
    make_site()
    assert main(["check", "--today", TODAY]) == 0


@pytest.mark.parametrize("argv", [["--link-timeout", "0"], ["--links-budget", "soon"],
                                  ["--stale-after", "-3"]])
def test_link_options_are_checked(make_site, argv):
    make_site()
    with pytest.raises(SystemExit) as exc:
        main(["check", *argv])
    assert exc.value.code == 2


# -- stale programs ---------------------------------------------------------------------------


def test_policy_decides_staleness():
    policy, today = FreshnessPolicy(365), dt.date(2026, 6, 1)
    assert policy.staleness(dt.date(2025, 6, 1), today) is None  # exactly 365 days
    stale = policy.staleness(dt.date(2025, 5, 31), today)
    assert stale is not None and stale.age_days == 366 and not stale.never_checked
    assert policy.staleness(None, today).never_checked
    assert FreshnessPolicy(0).staleness(None, today) is None  # turned off


def test_check_notes_an_old_last_checked_at_its_line(make_site, capsys):
    make_site({"content/programs/lunch-club.yml": program_with(
        "https://example.org/lunch-club", "last_checked: 2024-01-15\n")})
    assert main(["check", "--today", TODAY]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "content/programs/lunch-club.yml:11:15: notice: program 'lunch-club' may be out of "
        "date: it was last checked on 2024-01-15, 868 days ago (more than 365). Visit its web "
        "page, confirm the details, and set last_checked to the date you checked."
    ]
    assert main(["check", "--today", TODAY, "--stale-after", "1000"]) == 0
    assert main(["check", "--today", TODAY, "--stale-after", "0"]) == 0
    assert capsys.readouterr().out == ""


def test_never_checked_programs_are_not_warned_about_by_the_check(make_site):
    make_site()
    catalog, report = check_content("content", today=dt.date(2026, 6, 1))
    check_freshness(catalog, report, dt.date(2026, 6, 1))
    assert report.items == []


def stale_note(site, program_id: str) -> str | None:
    html = site.html(f"programs/{program_id}/index.html")
    if "mc-stale" not in html:
        return None
    start = html.index('<div class="admonition warning mc-stale"')
    return " ".join(html[start:html.index("</div>", start)].split())


def freshness_note(site, program_id: str) -> str | None:
    """The quiet line a never-checked program drawn from a source shows, as text."""
    notes = tree(site.html(f"programs/{program_id}/index.html")).select(".mc-freshness")
    return notes[0].text if notes else None


def test_program_page_says_may_be_out_of_date(make_site):
    site = make_site({
        "content/programs/old.yml": program_with("https://example.org/old",
                                                 "last_checked: 2025-05-01\n")
        .replace("Lunch Club", "Old Club"),
        "content/programs/fresh.yml": program_with("https://example.org/fresh",
                                                   "last_checked: 2026-05-01\n")
        .replace("Lunch Club", "Fresh Club"),
        "content/programs/unsourced.yml": program_with("https://example.org/unsourced")
        .replace("Lunch Club", "Unsourced Club").replace("source: smith-2020\n", ""),
    })
    site.build()
    # Never checked, but drawn from a source: a quiet line, no warning box.
    assert stale_note(site, "lunch-club") is None
    assert freshness_note(site, "lunch-club") == (
        "As described in Smith (2020); link not yet checked.")
    link = tree(site.html("programs/lunch-club/index.html")).one(".mc-freshness a")
    assert link.attrs["href"] == "../../references/#smith-2020"
    # Never checked and nothing vouches for it: the box stays.
    never = stale_note(site, "unsourced")
    assert never is not None and "May be out of date" in never
    assert "Nobody has confirmed this entry's link and details yet" in never
    # Checked too long ago: the box, even with a source.
    old = stale_note(site, "old")
    assert old is not None and freshness_note(site, "old") is None
    assert '<time datetime="2025-05-01">1 May 2025</time>, more than 365 days ago' in old
    assert stale_note(site, "fresh") is None and freshness_note(site, "fresh") is None


def test_program_page_leaves_out_empty_sections(make_site):
    site = make_site({
        "content/programs/quiet.yml": program_with("https://example.org/quiet")
        .replace("Lunch Club", "Quiet Club"),
    })
    site.build()
    quiet = tree(site.html("programs/quiet/index.html"))
    assert quiet.select("#mentioned-in") == []
    assert "No narrative mentions" not in quiet.text
    # A program a story mentions keeps the section, with the story in it.
    mentioned = tree(site.html("programs/lunch-club/index.html"))
    assert mentioned.one("section[aria-labelledby=mentioned-in]").select("li.mc-card")
