"""Defence in depth: after a build, search every output file for what was withheld.

The publishing boundary should make this find nothing. If it ever does, something downstream
bypassed the boundary, and the build must fail rather than publish it.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..load import parallel
from .boundary import Withheld

_TEXT_SUFFIXES = {".html", ".htm", ".json", ".xml", ".txt", ".js", ".css", ".ics", ".atom",
                  ".rss", ".svg", ".md", ".yml", ".yaml", ".csv"}


@dataclass(frozen=True, slots=True)
class Leak:
    file: str
    entry: Withheld
    found: str


# Files are read, decoded and searched in pieces of about this many characters, each cut just
# after a space, tab, line or form feed: the site's largest file (export/narratives.json, 54 MB
# at 10,000 narratives) read whole took a full-size copy for every step below, and splitting
# it into words (_normalise) alone a gigabyte, which made the scan the build's peak memory.
PIECE = 1 << 20
# No entity html.unescape decodes holds one of these, and str.split splits at each of them:
# decoding and normalising piece by piece gives the text decoding and normalising it whole does.
_CUT = re.compile(r"[ \t\n\f]")


def _pieces(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        cut = _CUT.search(text, start + PIECE)
        end = cut.end() if cut is not None else len(text)
        yield text[start:end]
        start = end


def _readable(file: Path) -> Iterator[str]:
    """The file's text, entities decoded and runs of whitespace made one space, in pieces whose
    concatenation is that text. JSON may spell characters as \\u escapes: its decoded form
    follows, as if after a line break, so needles are compared against both."""
    raw = file.read_text(encoding="utf-8", errors="replace")
    started = False

    def normalised(text: str) -> Iterator[str]:
        nonlocal started
        for piece in _pieces(text):
            words = " ".join(html.unescape(piece).split())
            if words:
                yield " " + words if started else words
                started = True

    yield from normalised(raw)
    if file.suffix == ".json":
        try:
            data = json.loads(raw)
        except ValueError:
            return
        del raw  # one copy of the file at a time: the text, its parsed data, its decoded form
        decoded = json.dumps(data, ensure_ascii=False)
        del data
        yield from normalised(decoded)


def needles(entry: Withheld) -> list[str]:
    found = [f"{entry.collection}/{entry.id}/", f"{entry.collection}/{entry.id}.",
             f'"{entry.id}"']
    # A single short word ("Ruth") is too common to scan for; a full name or title is not.
    if len(entry.label.split()) >= 2:
        found.append(" ".join(entry.label.split()))
    if entry.phrase:
        found.append(entry.phrase)
    return found


_TAG = re.compile(r"<[^>]*>")


def _words(text: str) -> str:
    """The text with its tags removed, so markup inside a phrase cannot hide it. A body phrase
    (publish.body_phrase) is words separated by single spaces, so this is all it needs; a
    tokenising pass over every byte of the site costs several times more."""
    return _TAG.sub("", text)


class _Untagged:
    """``_words`` of a text given in pieces, handed on in pieces to ``out``. A tag may span two
    pieces: from the first '<' after the last '>' on, text waits for the next piece with a '>'
    (only there can that tag end, and everything before it is as ``_words`` of the whole text
    leaves it, since every tag that starts there ends there too)."""

    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.waiting: list[str] = []  # from a '<' that no '>' has followed yet

    def feed(self, piece: str) -> None:
        if self.waiting:
            if ">" not in piece:
                self.waiting.append(piece)
                return
            piece = "".join(self.waiting) + piece
            self.waiting = []
        open_at = piece.find("<", piece.rfind(">") + 1)
        if open_at < 0:
            self._send(piece)
        else:
            self._send(piece[:open_at])
            self.waiting.append(piece[open_at:])

    def close(self) -> None:
        self._send("".join(self.waiting))  # a '<' never closed is text, as _TAG leaves it
        self.waiting = []

    def _send(self, text: str) -> None:
        untagged = _words(text)
        if untagged:
            self.out(untagged)


class _Finder:
    """Which of many strings occur in a text, in one pass over it, whatever their number.

    Testing each needle with ``in`` costs (needles x text) per file, and withheld entries grow
    with the site: at 10,000 narratives that is minutes. Each needle is cut at its first space,
    '/' or '"' (every needle the scan makes has one): the part from there on goes into a trie,
    one per cutting character, and a regular expression shaped like that trie finds, at C
    speed, each place where one of those parts starts. Only there does Python walk the trie and
    compare the part before the cut, so the answer is exactly ``{n for n in needles if n in
    text}`` (needles without a cutting character are tested with ``in``)."""

    CUTS = (" ", "/", '"')

    def __init__(self, needles: Iterable[str]) -> None:
        self.plain: list[str] = []
        self.longest = 0
        self.heads: dict[str, list[tuple[str, str]]] = {}  # tail -> [(head, needle)]
        tries: dict[str, dict[str, dict]] = {}
        for needle in needles:
            self.longest = max(self.longest, len(needle))
            cut = min((i for i in map(needle.find, self.CUTS) if i >= 0), default=-1)
            if cut < 0:
                self.plain.append(needle)
                continue
            head, tail = needle[:cut], needle[cut:]
            node = tries.setdefault(tail[0], {})
            for ch in tail:
                node = node.setdefault(ch, {})
            node[""] = {}
            self.heads.setdefault(tail, []).append((head, needle))
        self.tries = [(trie, re.compile(self._pattern(trie))) for trie in tries.values()]

    @classmethod
    def _pattern(cls, node: dict[str, dict]) -> str:
        alternatives = [re.escape(ch) + cls._pattern(child)
                        for ch, child in node.items() if ch]
        if "" in node:
            alternatives.append("")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    def found_in(self, text: str) -> set[str]:
        found = {needle for needle in self.plain if needle in text}
        for trie, regex in self.tries:
            match = regex.search(text)
            while match is not None:
                start = match.start()
                node, index = trie, start
                while True:
                    if "" in node:
                        for head, needle in self.heads[text[start:index]]:
                            if start >= len(head) and text.startswith(head, start - len(head)):
                                found.add(needle)
                    if index == len(text) or text[index] not in node:
                        break
                    node = node[text[index]]
                    index += 1
                match = regex.search(text, start + 1)
        return found


class _Search:
    """``found_in`` of a text given in pieces: each piece is searched together with the text's
    last (longest needle - 1) characters before it, so a needle across a cut is found too."""

    def __init__(self, finder: _Finder) -> None:
        self.finder = finder
        self.keep = max(finder.longest - 1, 0)
        self.tail = ""
        self.found: set[str] = set()

    def feed(self, piece: str) -> None:
        window = self.tail + piece
        self.found |= self.finder.found_in(window)
        self.tail = window[-self.keep:] if self.keep else ""


class _Matcher:
    """Every needle of every withheld entry, and which of them a file holds."""

    def __init__(self, entries: list[Withheld]) -> None:
        # A phrase is looked for among the words alone; everything else in the text as written.
        self.wanted = [[(needle, needle == entry.phrase) for needle in needles(entry)]
                       for entry in entries]
        self.in_text = _Finder({n for e in self.wanted for n, in_words in e if not in_words})
        self.in_words = _Finder({n for e in self.wanted for n, in_words in e if in_words})

    def scan_file(self, file: Path) -> list[tuple[int, str]]:
        """(entry index, the first of its needles found) for each entry found in ``file``."""
        in_text, in_words = _Search(self.in_text), _Search(self.in_words)
        untagged = _Untagged(in_words.feed)
        for piece in _readable(file):
            in_text.feed(piece)
            untagged.feed(piece)
        untagged.close()
        found_in_text, found_in_words = in_text.found, in_words.found
        hits = []
        for index, entry_needles in enumerate(self.wanted):
            for needle, among_words in entry_needles:
                if needle in (found_in_words if among_words else found_in_text):
                    hits.append((index, needle))
                    break
        return hits


# Sites with at least this many text files are scanned by several processes, one per core (see
# parallel.py): the scan reads every byte of the site. Each process scans whole files with the
# same code, so the answer is the same.
PARALLEL_FROM_FILES = 2000
_WORKER: _Matcher | None = None


def _start_worker(matcher: _Matcher) -> None:
    global _WORKER
    _WORKER = matcher


def _scan_in_worker(files: list[Path]) -> list[list[tuple[int, str]]]:
    assert _WORKER is not None
    return [_WORKER.scan_file(file) for file in files]


def _text_files(site_dir: Path, skip: frozenset[str], skip_dirs: tuple[str, ...]
                ) -> Iterable[Path]:
    # os.walk, so a skipped folder is never entered (another process may be writing it).
    for folder, dirs, names in os.walk(site_dir):
        rel_folder = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = [d for d in dirs if not (prefix + d + "/").startswith(skip_dirs)]
        for name in names:
            rel = prefix + name
            path = Path(folder, name)
            if (Path(name).suffix.lower() in _TEXT_SUFFIXES and rel not in skip
                    and not rel.startswith(skip_dirs) and path.is_file()):
                yield path


def scan(
    site_dir: Path, withheld: Iterable[Withheld], skip: frozenset[str] = frozenset(),
    *, workers: int | None = None, skip_dirs: tuple[str, ...] = (),
) -> list[Leak]:
    """Search every text file of ``site_dir`` except ``skip`` (paths relative to it: the
    theme's own files, which content never reaches and which hold words like any others).
    ``workers``: processes to use (default: one per core for large sites, else one).
    ``skip_dirs``: folders (``"pagefind/"``) left out whole."""
    entries = list(withheld)
    if not entries:
        return []
    files = sorted(_text_files(site_dir, skip, skip_dirs))
    matcher = _Matcher(entries)
    workers = (parallel.worker_count(len(files), PARALLEL_FROM_FILES) if workers is None
               else workers)
    if workers <= 1 or not parallel.can_fork():
        found = [matcher.scan_file(file) for file in files]
    else:
        found = _scan_in_parallel(matcher, files, workers)
    return [Leak(file.relative_to(site_dir).as_posix(), entries[index], needle)
            for file, hits in zip(files, found, strict=True) for index, needle in hits]


def _scan_in_parallel(
    matcher: _Matcher, files: list[Path], workers: int
) -> list[list[tuple[int, str]]]:
    # Deal the files out in turn, many small batches per process, so that the few big files
    # (the search index, feeds and exports) do not all land on one.
    batches = workers * 8
    dealt = [files[i::batches] for i in range(batches)]
    # The needles reach the workers by forking, not through the pipe.
    results = parallel.map_forked(_scan_in_worker, dealt, workers, _start_worker, (matcher,))
    found: list[list[tuple[int, str]]] = [[] for _ in files]
    for i, batch in enumerate(results):
        for j, hits in enumerate(batch):
            found[i + j * batches] = hits
    return found
