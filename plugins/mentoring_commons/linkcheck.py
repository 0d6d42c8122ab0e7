"""``commons check --links``: are the web addresses of programs and references still alive?

Standard library only. Each address is asked for with HEAD (cheap), then GET if the server
refuses HEAD; redirects are followed and reported as "moved" with the new address. Time is
bounded twice: per address (``timeout``, for the whole HEAD-then-GET exchange as far as sockets
allow) and overall (``budget``): whatever is not answered by then is reported as not checked,
and the function returns without waiting for it. A few addresses are checked at once.

Every finding is a warning located at the ``url`` line of the entry, so it lands on the right
line of a pull request; a dead link never fails a build by itself.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from . import __version__
from .core.load.catalog import Catalog
from .core.source.diagnostics import Report

__all__ = [
    "DEFAULT_BUDGET", "DEFAULT_TIMEOUT", "DEFAULT_WORKERS", "LinkResult", "LinkTarget",
    "check_url", "check_urls", "collect_targets", "report_links", "run_link_check",
]

DEFAULT_TIMEOUT = 10.0
DEFAULT_BUDGET = 120.0
DEFAULT_WORKERS = 8
USER_AGENT = f"MentoringCommons-linkcheck/{__version__} (+link freshness check of a static site)"
PERMANENT = (301, 308)

Status = Literal["ok", "moved", "dead", "unchecked"]


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """An address written in an entry, and where: the entry's file, line and column."""

    url: str
    path: str
    line: int
    col: int
    what: str  # e.g. "program 'we-here'"


@dataclass(frozen=True, slots=True)
class LinkResult:
    url: str
    status: Status
    detail: str = ""  # why it is dead or unchecked, in words
    final_url: str | None = None  # where a moved address now leads
    code: int | None = None  # the last HTTP status seen
    redirect_codes: tuple[int, ...] = field(default=())
    seconds: float = 0.0

    @property
    def permanent(self) -> bool:
        return any(code in PERMANENT for code in self.redirect_codes)


def collect_targets(catalog: Catalog) -> list[LinkTarget]:
    """The ``url`` of every program and reference, in file and line order."""
    targets = []
    for kind, records in (("program", catalog.programs), ("reference", catalog.references)):
        for record in records.values():
            if not record.url:
                continue
            pos = record.origin.at("url")
            targets.append(LinkTarget(record.url, record.origin.path, pos.line, pos.col,
                                      f"{kind} {record.id!r}"))
    return sorted(targets, key=lambda t: (t.path, t.line, t.col))


class _RecordingRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects like urllib does, keeping the method (HEAD stays HEAD) and recording
    each hop's status code."""

    def __init__(self) -> None:
        self.codes: list[int] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            self.codes.append(code)
            new.method = req.get_method()
        return new


def _reason(exc: BaseException, timeout: float) -> str:
    """A contributor-readable reason for a failed request."""
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        exc = exc.reason if isinstance(exc.reason, BaseException) else exc
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} s"
    if isinstance(exc, socket.gaierror):
        return "the server's name could not be found (the site may be gone)"
    if isinstance(exc, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"its security certificate is not valid ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return "a secure connection could not be made"
    if isinstance(exc, (ConnectionError, http.client.HTTPException)):
        return "the connection was closed before an answer"
    if isinstance(exc, urllib.error.URLError):
        return f"it could not be reached ({exc.reason})"
    return f"it could not be reached ({type(exc).__name__})"


def _attempt(url: str, method: str, timeout: float) -> tuple[int, str, tuple[int, ...]]:
    """One request, redirects followed. Returns (status, final address, redirect codes);
    raises HTTPError for 4xx/5xx and URLError/OSError when there is no answer."""
    redirects = _RecordingRedirects()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, method=method, headers={
        "User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
    })
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.geturl(), tuple(redirects.codes)
    except urllib.error.HTTPError as exc:
        exc.redirect_codes = tuple(redirects.codes)  # type: ignore[attr-defined]
        exc.close()
        raise


def check_url(url: str, timeout: float = DEFAULT_TIMEOUT) -> LinkResult:
    """Check one address: HEAD, then GET if HEAD fails, within ``timeout`` seconds in all."""
    start = time.monotonic()
    deadline = start + timeout
    last_error: BaseException | None = None
    for method in ("HEAD", "GET"):
        remaining = deadline - time.monotonic()
        if remaining <= 0.05:
            break
        try:
            status, final, codes = _attempt(url, method, remaining)
        except urllib.error.HTTPError as exc:
            last_error = exc
            continue  # many servers answer HEAD wrongly (403, 404, 405, 501): try GET
        except (OSError, http.client.HTTPException, ValueError) as exc:
            last_error = exc
            if isinstance(exc, (TimeoutError, socket.timeout)) or isinstance(
                getattr(exc, "reason", None), (TimeoutError, socket.timeout)
            ):
                break  # a server that does not answer HEAD will not answer GET in time
            continue
        seconds = time.monotonic() - start
        if codes and final != url:
            return LinkResult(url, "moved", final_url=final, code=status,
                              redirect_codes=codes, seconds=seconds)
        return LinkResult(url, "ok", code=status, seconds=seconds)
    seconds = time.monotonic() - start
    if isinstance(last_error, urllib.error.HTTPError):
        code = last_error.code
        phrase = http.client.responses.get(code, "error")
        if code == 429:
            return LinkResult(url, "unchecked", "the server asked us to slow down (429 Too "
                              "Many Requests); check it in a browser", code=code, seconds=seconds)
        return LinkResult(url, "dead", f"the server answered {code} {phrase}", code=code,
                          redirect_codes=getattr(last_error, "redirect_codes", ()),
                          seconds=seconds)
    if last_error is None:
        return LinkResult(url, "dead", f"no answer within {timeout:g} s", seconds=seconds)
    return LinkResult(url, "dead", _reason(last_error, timeout), seconds=seconds)


def check_urls(
    urls: Iterable[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float = DEFAULT_BUDGET,
    workers: int = DEFAULT_WORKERS,
    checker: Callable[[str, float], LinkResult] = check_url,
) -> dict[str, LinkResult]:
    """Check each distinct address once, ``workers`` at a time, and return within about
    ``budget`` seconds whatever happens: addresses still waiting then are "unchecked"."""
    unique = list(dict.fromkeys(urls))
    if not unique:
        return {}
    executor = concurrent.futures.ThreadPoolExecutor(
        max_workers=max(1, min(workers, len(unique))), thread_name_prefix="linkcheck"
    )
    try:
        futures = {executor.submit(checker, url, timeout): url for url in unique}
        concurrent.futures.wait(futures, timeout=budget)
        results: dict[str, LinkResult] = {}
        for future, url in futures.items():
            if future.done() and not future.cancelled() and future.exception() is None:
                results[url] = future.result()
            elif future.done() and not future.cancelled():
                exc = future.exception()
                results[url] = LinkResult(url, "dead", f"the check failed ({exc!r})")
            else:
                results[url] = LinkResult(
                    url, "unchecked",
                    f"the overall time limit of {budget:g} s ran out before it was checked; "
                    "run the check again or raise --links-budget",
                )
        return results
    finally:
        # Do not wait for requests still hanging: each ends by itself within ``timeout``.
        executor.shutdown(wait=False, cancel_futures=True)


def report_links(
    targets: Iterable[LinkTarget], results: dict[str, LinkResult], report: Report
) -> None:
    """A warning at the ``url`` line of each entry whose address is dead, moved or unchecked."""
    for target in targets:
        result = results.get(target.url)
        if result is None or result.status == "ok":
            continue
        if result.status == "moved":
            how = "has moved" if result.permanent else "redirects"
            codes = ", ".join(map(str, result.redirect_codes))
            message = (
                f"link check: {target.url} {how} to {result.final_url} ({codes}): if that is "
                f"the same page, put the new address in the url of {target.what}."
            )
        elif result.status == "dead":
            message = (
                f"link check: {target.url} looks dead: {result.detail}. Search for the new "
                f"address and update the url of {target.what}, or tell a maintainer if it "
                "has ended."
            )
        else:
            message = f"link check: {target.url} was not checked: {result.detail}."
        # A notice: the web can fail for a minute; the build never checks links.
        report.notice(target.path, target.line, target.col, message)


@dataclass(frozen=True, slots=True)
class LinkSummary:
    checked: int
    ok: int
    moved: int
    dead: int
    unchecked: int
    seconds: float

    def __str__(self) -> str:
        return (f"links: {self.checked} address{'es' * (self.checked != 1)} checked in "
                f"{self.seconds:.1f} s: {self.ok} ok, {self.moved} moved, {self.dead} dead, "
                f"{self.unchecked} not checked")


def run_link_check(
    catalog: Catalog,
    report: Report,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    budget: float = DEFAULT_BUDGET,
    workers: int = DEFAULT_WORKERS,
) -> LinkSummary:
    """Check every program and reference address of ``catalog``; add warnings to ``report``."""
    start = time.monotonic()
    targets = collect_targets(catalog)
    results = check_urls((t.url for t in targets), timeout=timeout, budget=budget,
                         workers=workers)
    report_links(targets, results, report)
    statuses = [r.status for r in results.values()]
    return LinkSummary(len(results), statuses.count("ok"), statuses.count("moved"),
                       statuses.count("dead"), statuses.count("unchecked"),
                       time.monotonic() - start)
