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
# Anything but printable ASCII, tab and line end; or an entity (numeric, or named: &lrm;).
_SUSPECT = re.compile(
    r"[^\t\n\x20-\x7e]|&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});?")
_ASCII_SUSPECT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|&[#A-Za-z]")


def invisible_characters(text: str) -> Iterator[tuple[int, int, str]]:
    """(line offset, 1-based column, character) of each refused character in ``text``, one per
    place: a character itself, or the entity that writes it."""
    if text.isascii() and _ASCII_SUSPECT.search(text) is None:
        return  # most bodies: one pass in C settles it
    for offset, line in enumerate(text.split("\n")):
        for match in _SUSPECT.finditer(line):
            found = match.group()
            decoded = _decode(found) if found.startswith("&") else found
            odd = next((ch for ch in decoded
                        if invisible_character(ch, BODY_ALLOWED_CONTROLS)), None)
            if odd is not None:
                yield offset, match.start() + 1, odd


def _decode(entity: str) -> str:
    decoded = html.unescape(entity)
    if decoded == "" and entity.startswith("&#"):
        # Python drops references to controls ("&#x1b;"); browsers keep the character.
        number = entity[2:].rstrip(";")
        code = int(number[1:], 16) if number[:1] in "xX" else int(number)
        return chr(code) if code <= 0x10FFFF else ""
    return decoded


_NOT_ASCII_OR_CONTROL = re.compile(r"[^\t\n\r\x20-\x7e]")


def strip_invisible(fragment: str) -> str:
    """``fragment`` without refused characters. For sanitised HTML, whose text the sanitiser
    has already decoded (it writes ``&#x202E;`` as the character itself)."""
    if fragment.isascii() and _NOT_ASCII_OR_CONTROL.search(fragment) is None:
        return fragment
    return _NOT_ASCII_OR_CONTROL.sub(
        lambda m: "" if invisible_character(m.group(), "\t\n\r") else m.group(), fragment)
