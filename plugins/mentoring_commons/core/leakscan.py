"""Defence in depth: after a build, search every output file for what was withheld.

The publishing boundary should make this find nothing. If it ever does, something downstream
bypassed the boundary, and the build must fail rather than publish it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .publish import Withheld

_TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".js", ".css", ".ics", ".atom",
                  ".rss", ".svg", ".md", ".yml", ".yaml", ".csv"}


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    entry: Withheld
    found: str


def _normalise(text: str) -> str:
    return " ".join(html.unescape(text).split())


def _readable(file: Path) -> str:
    raw = file.read_text(encoding="utf-8", errors="replace")
    if file.suffix == ".json":
        # JSON may spell characters as \\u escapes; compare against the decoded text too.
        try:
            raw = raw + "\n" + json.dumps(json.loads(raw), ensure_ascii=False)
        except ValueError:
            pass
    return _normalise(raw)


def needles(entry: Withheld) -> list[str]:
    found = [f"{entry.collection}/{entry.id}/", f"{entry.collection}/{entry.id}.",
             f'"{entry.id}"']
    # A single short word ("Ruth") is too common to scan for; a full name or title is not.
    if len(entry.label.split()) >= 2:
        found.append(" ".join(entry.label.split()))
    if entry.phrase:
        found.append(entry.phrase)
    return found


def _words(text: str) -> str:
    """The text's words only, tags removed, so markup inside a phrase cannot hide it."""
    return " ".join(re.findall(r"[^\W_]+(?:'[^\W_]+)?", re.sub(r"<[^>]*>", " ", text)))


def scan(
    site_dir: Path, withheld: Iterable[Withheld], skip: frozenset[str] = frozenset()
) -> list[Leak]:
    """Search every text file of ``site_dir`` except ``skip`` (paths relative to it: the
    theme's own files, which content never reaches and which hold words like any others)."""
    entries = list(withheld)
    if not entries:
        return []
    leaks: list[Leak] = []
    for file in sorted(site_dir.rglob("*")):
        if not file.is_file() or file.suffix.lower() not in _TEXT_SUFFIXES:
            continue
        if file.relative_to(site_dir).as_posix() in skip:
            continue
        text = _readable(file)
        words = _words(text)
        rel = file.relative_to(site_dir).as_posix()
        for entry in entries:
            for needle in needles(entry):
                haystack = words if needle == entry.phrase else text
                if needle in haystack:
                    leaks.append(Leak(rel, entry, needle))
                    break
    return leaks
