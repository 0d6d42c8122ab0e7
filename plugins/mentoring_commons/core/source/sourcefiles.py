"""Reading content files safely: size limits, encodings, symlinks, front matter."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Report

# Python-Markdown is quadratic on some input (90 KB took 93 s when measured), so a file is
# refused by size before anything parses it.
DEFAULT_MAX_MARKDOWN_BYTES = 32 * 1024
DEFAULT_MAX_YAML_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    max_markdown_bytes: int = DEFAULT_MAX_MARKDOWN_BYTES
    max_yaml_bytes: int = DEFAULT_MAX_YAML_BYTES
    max_asset_bytes: int = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file's text (BOM removed, line ends normalised) and the path shown in messages."""

    path: str
    text: str


# One wording for every symlink refused, whichever pass meets it.
SYMLINK_REFUSED = "symbolic links are not allowed in content: commit a real file or folder."


def read_text(file: Path, shown: str, report: Report, max_bytes: int) -> SourceText | None:
    state = os.lstat(file)  # one call for both questions: a quarter of the calls per file
    if stat.S_ISLNK(state.st_mode):
        report.error(shown, 1, 1, SYMLINK_REFUSED)
        return None
    size = state.st_size
    if size > max_bytes:
        report.error(
            shown,
            1,
            1,
            f"file is {size:,} bytes; the limit is {max_bytes:,}. Split it into smaller "
            "entries, or ask a maintainer to raise the limit.",
        )
        return None
    data = file.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # accepts (and drops) a byte-order mark
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(
            shown,
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}): save it as UTF-8.",
        )
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        report.error(shown, line, 1, "the file contains a NUL byte: is it a binary file?")
        return None
    return SourceText(shown, text)


@dataclass(frozen=True, slots=True)
class FrontMatterSplit:
    yaml_text: str
    yaml_first_line: int  # 1-based line of the first YAML line
    body: str
    body_first_line: int


def split_front_matter(source: SourceText, report: Report) -> FrontMatterSplit | None:
    """Split ``---`` fenced YAML front matter from a Markdown body."""
    lines = source.text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        report.error(
            source.path,
            1,
            1,
            "missing front matter: the file must start with a line '---', then the fields, "
            "then another '---' line, then the story.",
        )
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatterSplit(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_first_line=2,
                body="\n".join(lines[index + 1 :]),
                body_first_line=index + 2,
            )
    report.error(
        source.path,
        1,
        1,
        "front matter is not closed: add a line '---' after the last field.",
    )
    return None


@dataclass(frozen=True, slots=True)
class Found:
    """A file below a folder, as one ``lstat`` saw it while listing."""

    path: str  # the folder joined with the file's path inside it
    parts: tuple[str, ...]  # the file's path inside the folder, part by part
    state: os.stat_result | None  # its lstat (a symlink seen as one); None if it vanished


def scan(root: Path) -> list[Found]:
    """Every file below ``root`` with its ``lstat``, in a stable order (part by part, as
    sorted paths are), without following symlinked folders.

    Why: under ``mkdocs serve`` every rebuild lists the content folder, and for a file that did
    not change the listing is all the work there is. One ``lstat`` per file answers both "is it
    a symlink?" and "did it change?" (cache.py), where two calls and a ``Path`` per file were a
    tenth of a second of each rebuild at 10,000 narratives."""
    found: list[Found] = []

    def visit(folder: str, inside: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            return  # as os.walk does: a folder that cannot be listed holds nothing
        for entry in entries:
            parts = (*inside, entry.name)
            if entry.is_dir(follow_symlinks=False):
                visit(entry.path, parts)
                continue
            # A symlinked folder is listed, not entered, so the loader can refuse it by name.
            try:
                state: os.stat_result | None = entry.stat(follow_symlinks=False)
            except OSError:
                state = None
            found.append(Found(entry.path, parts, state))

    visit(str(root), ())
    found.sort(key=lambda f: f.parts)
    return found
