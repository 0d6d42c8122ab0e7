"""Invisible characters in Markdown bodies: found with their place, and removed from HTML.

Front-matter fields refuse bidi controls, zero-width and other format characters (fields.py);
a body is text too, and what it holds reaches the page, the exports and the feeds. So a body is
held to the same rule (tabs allowed: they are Markdown), written as a character or as an HTML
entity (``&#x202E;``, ``&rlm;``), which the browser turns into the same character.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from ..model.fields import invisible_character

__all__ = ["invisible_characters", "strip_invisible"]

BODY_ALLOWED_CONTROLS = "\t\n"
# Places worth a look, found in one pass in C: every control and format character (Unicode
# categories Cc and Cf) but tab and line ends, and any character beyond the BMP (the few format
# ones there, among emoji); tests/test_inputs.py checks the class covers them all. A body of
# accented or non-Latin text then costs no look-up per character, and an ASCII one only the
# ASCII controls and '&' (most bodies: at 10,000 narratives a tenth of a second in all).
_CANDIDATE_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891"
    "\u08e2\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U00010000-\U0010ffff"
)
_CANDIDATE = re.compile(f"[{_CANDIDATE_CLASS}]")
_ASCII_CANDIDATE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# A candidate, or an entity that may write one (numeric, or named: &lrm;).
_SUSPECT = re.compile(
    f"[{_CANDIDATE_CLASS}]"
    r"|&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?")


def _may_hold(text: str) -> bool:
    candidate = _ASCII_CANDIDATE if text.isascii() else _CANDIDATE
    return candidate.search(text) is not None


def invisible_characters(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, 1-based column, character) of each refused character in ``text``, one per
    place: a character itself, or the entity that writes it."""
    if "&" not in text and not _may_hold(text):
        return
    for match in _SUSPECT.finditer(text):
        found = match.group()
        decoded = _decode(found) if found.startswith("&") else found
        odd = next((ch for ch in decoded if invisible_character(ch, BODY_ALLOWED_CONTROLS)),
                   None)
        if odd is not None:  # rare: an error; only then is its line counted
            start = match.start()
            yield text.count("\n", 0, start), start - (text.rfind("\n", 0, start) + 1) + 1, odd


def _decode(entity: str) -> str:
    decoded = html.unescape(entity)
    if decoded == "" and entity.startswith("&#"):
        # Python drops references to controls ("&#x1b;"); browsers keep the character.
        number = entity[2:].rstrip(";")
        code = int(number[1:], 16) if number[:1] in "xX" else int(number)
        return chr(code) if code <= 0x10FFFF else ""
    return decoded


def strip_invisible(fragment: str) -> str:
    """``fragment`` without refused characters. For sanitised HTML, whose text the sanitiser
    has already decoded (it writes ``&#x202E;`` as the character itself)."""
    if not _may_hold(fragment):
        return fragment
    return _CANDIDATE.sub(
        lambda m: "" if invisible_character(m.group(), "\t\n\r") else m.group(), fragment)


def candidate_class() -> str:
    """The character class both passes start from (for the test that it covers them all)."""
    return _CANDIDATE_CLASS
