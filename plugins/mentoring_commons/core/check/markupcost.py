"""Markdown that would cost Python-Markdown far more than its size, refused before it renders.

A body is at most 32 KB (sourcefiles.py), but some Markdown costs far more than its bytes: 32 KB
of repeated ``<a `` took 14 s to check and 19 s to build. Python-Markdown runs Python's HTML
parser over the whole text, and every start tag left open makes the parser scan to the end of
the text again; a link whose ``(`` is never closed is scanned to the end of its paragraph, one
Python step per character; each abbreviation, content tab, definition and level of quoting
makes the work of the others longer. Measured at 32 KB of one construct, these went from one
second to minutes while everything else stayed under one.

Each of them is costed here in one pass over the text, the way the renderer would spend it, and
a body whose cost passes a budget is a located error at the place that crossed it, so nothing
renders it (the check, which renders bodies, runs this first; the build runs only after a clean
check). The budgets are many times what a story or a page needs. tests/test_inputs.py renders
each construct, and a mixture, at the size limit under the budgets, within about a second.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

__all__ = ["Costly", "costly_markdown"]

# Characters that start-tag scans may read in one body: about 0.1 s of the parser's regex.
HTML_SCAN_BUDGET = 1_000_000
# Characters that link scans may read (a Python step each): about 0.1 s.
LINK_SCAN_BUDGET = 1_000_000
# Abbreviations times the body's length: each one is looked for in all of the text.
ABBREVIATION_BUDGET = 50 * 32 * 1024
MAX_TABS = 300
MAX_DEFINITIONS = 250
MAX_QUOTE_DEPTH = 50

# CPython 3.11's html.parser.locatestarttagend_tolerant, which Python-Markdown's HTML extractor
# uses: copied, so the cost is the same whatever Python runs the check.
_START_TAG = re.compile(r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*
  (?:[\s/]*
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*
      (?:\s*=+\s*
        (?:'[^']*'
          |"[^"]*"
          |(?!['"])[^>\s]*
         )
        \s*
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*
""", re.VERBOSE)
_OPENER = re.compile(r"<[a-zA-Z]")
_INCOMPLETE_AFTER = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_PAREN = re.compile(r"[()]")
_ABBREVIATION = re.compile(r"^\*\[[^\]\n]+\]:", re.MULTILINE)
_TAB = re.compile(r"^[ \t]*===[+!]*[ \t]", re.MULTILINE)
_DEFINITION = re.compile(r"^ {0,3}:[ \t]", re.MULTILINE)
_QUOTES = re.compile(r"^(?:[ \t]*>)+", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Costly:
    offset: int  # where in the text the budget was crossed
    message: str


def _html_scans(text: str) -> int | None:
    """Where the first open start tag is, if the start-tag scans of Python's HTML parser pass
    their budget, walking the text as the parser does: after a whole tag it goes on after it;
    after an open one at the next character, having read to the end of its would-be
    attributes."""
    spent, pos = 0, 0
    first_open: int | None = None
    while (found := _OPENER.search(text, pos)) is not None:
        start = found.start()
        end = _START_TAG.match(text, start).end()  # type: ignore[union-attr]
        spent += end - start
        after = text[end:end + 1]
        if after == "" or after in _INCOMPLETE_AFTER:
            first_open = start if first_open is None else first_open
            pos = start + 1  # an open tag: the parser takes '<' as text and scans on
        else:
            pos = max(end, start + 1)
        if spent > HTML_SCAN_BUDGET:
            return first_open if first_open is not None else start
    return None


def _link_scans(text: str) -> int | None:
    """Where the scans for links' closing parentheses pass their budget: each ``](`` is read to
    its matching ``)``, or to the end of its paragraph."""
    if text.count("](") < 20:  # 20 scans of at most 32 KB each stay far under the budget
        return None
    spent = 0
    first_open: int | None = None
    for start, paragraph in _paragraphs(text):
        if "](" not in paragraph:
            continue
        closing: dict[int, int] = {}
        opened: list[int] = []
        for paren in _PAREN.finditer(paragraph):
            if paren.group() == "(":
                opened.append(paren.start())
            elif opened:
                closing[opened.pop()] = paren.start()
        for link in re.finditer(r"\]\(", paragraph):
            at = link.start() + 1
            if at not in closing and first_open is None:
                first_open = start + link.start()
            spent += closing.get(at, len(paragraph)) - at
            if spent > LINK_SCAN_BUDGET:
                return first_open if first_open is not None else start + link.start()
    return None


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """Each run of text between blank lines, with where it starts: inline Markdown (links) is
    parsed one block at a time, and no block crosses a blank line."""
    start = 0
    for gap in _PARAGRAPH_BREAK.finditer(text):
        yield start, text[start:gap.start()]
        start = gap.end()
    yield start, text[start:]


def _nth(pattern: re.Pattern[str], text: str, limit: int) -> int | None:
    """Where ``pattern``'s match number ``limit + 1`` starts, if there are that many."""
    for count, match in enumerate(pattern.finditer(text), start=1):
        if count > limit:
            return match.start()
    return None


def _abbreviations(text: str) -> int | None:
    limit = ABBREVIATION_BUDGET // max(len(text), 1)
    return _nth(_ABBREVIATION, text, limit) if "*[" in text else None


def _quote_depth(text: str) -> int | None:
    if ">" not in text:
        return None
    for match in _QUOTES.finditer(text):
        if match.group().count(">") > MAX_QUOTE_DEPTH:
            return match.start()
    return None


_RULES: list[tuple[Callable[[str], int | None], str]] = [
    (_html_scans, "HTML tags left open ('<' and a letter, with no '>' to end the tag; the "
                  "first is here) make this text too slow to render: write a '<' that is not "
                  "a tag as '&lt;', or end the tag with '>'"),
    (_link_scans, "links whose '(' is never closed (the first is here) make this text too "
                  "slow to render: end each link's address with ')'"),
    (_abbreviations, "this text defines too many abbreviations ('*[...]:') for its length: "
                     "keep the ones readers need"),
    (lambda text: _nth(_TAB, text, MAX_TABS) if "===" in text else None,
     f"more than {MAX_TABS} content tabs ('===') make this text too slow to render: split it"),
    (lambda text: _nth(_DEFINITION, text, MAX_DEFINITIONS) if ":" in text else None,
     f"more than {MAX_DEFINITIONS} definitions (lines starting ': ') make this text too slow "
     "to render: split it"),
    (_quote_depth, f"quotes nested more than {MAX_QUOTE_DEPTH} deep ('> > >...') make this "
                   "text too slow to render: quote less deeply"),
]


def costly_markdown(text: str) -> Costly | None:
    """The first construct of ``text`` over its budget, and where, or None."""
    for measure, message in _RULES:
        offset = measure(text)
        if offset is not None:
            return Costly(offset, message + ".")
    return None
