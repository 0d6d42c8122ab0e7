"""Join the bundles Pagefind wrote for parts of a site into the one index that a single Pagefind
run over all their pages, in the same order, writes.

Why: Pagefind holds all it indexes in memory until it writes the index (3.1 GB at the 12,169
pages of 10,000 narratives), so pagefind.py indexes a large site in parts, one run after the
other. Searching the parts as separate indexes (Pagefind's ``mergeIndex``) would change the
results: each part ranks by its own word statistics, and a part without one of the words
searched for ignores that word, so "bytiziova mentoring" found 8,039 pages instead of 1. Joined
here, the site has one index again: the search page, its results and its downloads are those of
a single run. The files are read a chunk at a time, sorted by word, so joining takes little
memory.

The files (Pagefind 1.5; tests/test_pagefind.py checks that a joined index holds what a single
run's does, word for word, so a change of format fails the tests rather than the search):
- each is gzip of ``pagefind_dcd`` then CBOR (fragments: JSON), named ``LANG_`` and the first
  digits of the SHA-1 of that CBOR or JSON (in _hash's hex): 7, more on a clash (the metadata:
  LANG's length + 8);
- ``pagefind.NAME.pf_meta``: [version, pages: [[fragment name, word count]], chunks: [[first
  word, last word, name]] (shortened to the prefixes that tell neighbours apart), filters,
  sorts, meta fields];
- ``index/NAME.pf_index``: [[[word, pages, variants: [[form, pages]]]]], words in order, where
  pages are [[page number, locations, meta locations]] and each page number counts from the one
  before (the first from 0); a chunk ends once its pages hold CHUNK_SIZE locations and meta
  locations, plus one per page;
- ``fragment/NAME.pf_fragment``: one page's text and title, which depends on no other page.
"""

from __future__ import annotations

import gzip
import hashlib
import heapq
import io
import itertools
import json
import operator
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["MergeError", "merge_bundles"]

SIGNATURE = b"pagefind_dcd"
CHUNK_SIZE = 20_000
VERSION = "1.5."  # the format read and written here
_PAGE, _LOCATIONS, _META_LOCATIONS = (operator.itemgetter(n) for n in range(3))


class MergeError(Exception):
    """The parts cannot be joined: not Pagefind 1.5's format, or features this does not join."""


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise MergeError(f"{path.name} is not a Pagefind file")
    return data[len(SIGNATURE):]


def _write(path: Path, body: bytes) -> None:
    # Level 6, not Pagefind's 9: 4.6 times faster (22 s to 5 s for the index of 10,000
    # narratives) for chunks 3% larger, a few KB a search.
    path.write_bytes(gzip.compress(SIGNATURE + body, compresslevel=6, mtime=0))


def _hash(body: bytes) -> str:
    # Pagefind writes each byte of the SHA-1 in hex without a leading zero ("d0 02" is "d02").
    return "".join(f"{byte:x}" for byte in hashlib.sha1(body).digest())


def _name(prefix: str, body: bytes, width: int, taken: dict[str, str]) -> str:
    """Pagefind's name for a file: the shortest prefix of its hash not taken by another file."""
    full = prefix + _hash(body)
    end = len(prefix) + width
    while taken.get(full[:end], full) != full:
        end += 1
    taken[full[:end]] = full
    return full[:end]


def _array(fp: Any, expected: int | None = None) -> int:
    """Read the head of a CBOR array from ``fp``: its length."""
    first = fp.read(1)[0]
    info = first & 31
    size = {24: 1, 25: 2, 26: 4, 27: 8}.get(info, 0)
    length = int.from_bytes(fp.read(size), "big") if size else info
    if first >> 5 != 4 or info > 27 or (expected is not None and length != expected):
        raise MergeError("an index chunk is not laid out as Pagefind 1.5 lays it out")
    return length


def _array_head(length: int) -> bytes:
    if length < 24:
        return bytes([0x80 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([0x80 | info]) + length.to_bytes(size, "big")
    raise MergeError("too many pages")


class _Raw:
    """CBOR written as it is (cbor2 hands unknown types to _write_raw)."""

    def __init__(self, data: bytes) -> None:
        self.data = data


def _write_raw(encoder: Any, value: _Raw) -> None:
    encoder.write(value.data)


def _append(pages: list[list[Any]], last: int, part_pages: list[list[Any]], offset: int) -> int:
    """Add a part's pages of a word (numbered within the part) after ``pages``, whose last page
    is ``last``; returns the new last page."""
    if not part_pages:
        return last
    first, *rest = part_pages
    start = offset + first[0]
    pages.append([start - last, *first[1:]])
    pages.extend(rest)
    return start + sum(page[0] for page in rest)


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest beginnings of neighbouring chunks' last and first words that differ."""
    same = itertools.takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False))
    common = sum(1 for _ in same)
    return a[:common + 1], b[:common + 1]


def merge_bundles(bundle: Path, parts: list[Path]) -> int:
    """Join the bundles in ``parts`` into ``bundle`` (that of the first pages), then remove them.
    Returns the number of pages in the index."""
    import cbor2  # the pagefind extra: needed only by sites large enough to be indexed in parts

    bundles = [bundle, *parts]
    entries = [json.loads((b / "pagefind-entry.json").read_text("utf-8")) for b in bundles]
    languages = {tuple(entry["languages"]) for entry in entries}
    if len(languages) != 1 or len(next(iter(languages))) != 1:
        raise MergeError(f"parts in several languages: {sorted(languages)}")
    (language,) = next(iter(languages))
    if not all(entry["version"].startswith(VERSION) for entry in entries):
        raise MergeError(f"Pagefind {entries[0]['version']}, not {VERSION}x")
    metas = [cbor2.loads(_read(b / f"pagefind.{e['languages'][language]['hash']}.pf_meta"))
             for b, e in zip(bundles, entries, strict=True)]
    if any(len(m) != 6 or m[3] or m[4] or m[5] != metas[0][5] for m in metas):
        raise MergeError("filters, sorts or different meta fields: not joined here")
    prefix = f"{language}_"

    # Pages: each part's after the one before, their fragments moved into the bundle, renamed
    # where their name is another page's (names are hash prefixes, unique within a part only).
    pages: list[list[Any]] = []
    offsets: list[int] = []
    names: dict[str, str] = {}
    for b, meta in zip(bundles, metas, strict=True):
        offsets.append(len(pages))
        for name, word_count in meta[1]:
            source = b / "fragment" / f"{name}.pf_fragment"
            new = _name(prefix, _read(source), 7, names)
            if b is not bundle:
                source.replace(bundle / "fragment" / f"{new}.pf_fragment")
            elif new != name:
                raise MergeError(f"fragment {name} is not named as Pagefind names it")
            pages.append([new, word_count])

    def words(b: Path, meta: list[Any], offset: int) -> Iterator[tuple[Any, ...]]:
        """A part's words in order, each with its pages decoded and as the CBOR they are."""
        for _, _, name in meta[2]:
            body = _read(b / "index" / f"{name}.pf_index")
            fp = io.BytesIO(body)
            decoder = cbor2.CBORDecoder(fp)
            _array(fp, 1)
            for _ in range(_array(fp)):
                _array(fp, 3)
                word = decoder.decode()
                start = fp.tell()
                word_pages = decoder.decode()
                end = fp.tell()
                yield word, offset, word_pages, body[start:end], decoder.decode()

    # Words: all parts' chunks read side by side in word order (heapq.merge keeps the parts in
    # order for a word they share), each word's pages joined, and cut into chunks as Pagefind
    # cuts them. Pages are copied as the bytes they are, all but the first of each later part,
    # whose number counts from the page before and so changes (re-encoding all of them took
    # 13 s at 10,000 narratives).
    merged = heapq.merge(*(words(b, m, o) for b, m, o in zip(bundles, metas, offsets,
                                                             strict=True)),
                         key=lambda item: item[0])
    index = bundle / "index.joined"
    index.mkdir()
    chunks: list[list[str]] = []
    chunk: list[list[Any]] = []
    size = 0
    taken: dict[str, str] = {}

    def write_chunk() -> None:
        body = cbor2.dumps([chunk], default=_write_raw)
        name = _name(prefix, body, 7, taken)
        _write(index / f"{name}.pf_index", body)
        chunks.append([chunk[0][0], chunk[-1][0], name])

    for word, group in itertools.groupby(merged, key=lambda item: item[0]):
        encoded: list[bytes] = []
        count = last = 0
        variants: dict[str, tuple[list[list[Any]], list[int]]] = {}
        for _, offset, part_pages, raw, part_variants in group:
            if part_pages:
                page_bytes = raw[len(_array_head(len(part_pages))):]
                first = part_pages[0]
                start = offset + first[0]
                if start - last != first[0]:
                    page_bytes = (cbor2.dumps([start - last, *first[1:]])
                                  + page_bytes[len(cbor2.dumps(first)):])
                encoded.append(page_bytes)
                count += len(part_pages)
                last = start + sum(map(_PAGE, part_pages)) - first[0]
                size += (sum(map(len, map(_LOCATIONS, part_pages)))
                         + sum(map(len, map(_META_LOCATIONS, part_pages))) + len(part_pages))
            for form, form_pages in part_variants:
                joined, form_last = variants.setdefault(form, ([], [0]))
                form_last[0] = _append(joined, form_last[0], form_pages, offset)
        chunk.append([word, _Raw(_array_head(count) + b"".join(encoded)),
                      [[form, joined] for form, (joined, _) in variants.items()]])
        if size >= CHUNK_SIZE:
            write_chunk()
            chunk, size = [], 0
    if chunk:
        write_chunk()
    for this, following in itertools.pairwise(chunks):
        ends, starts = _prefixes(this[1], following[0])
        if ends >= this[0]:  # as Pagefind: never a range that ends before it starts
            this[1] = ends
        following[0] = starts

    # The joined index replaces the first part's; then the metadata that points to it.
    shutil.rmtree(bundle / "index")
    index.rename(bundle / "index")
    meta = [metas[0][0], pages, chunks, [], [], metas[0][5]]
    body = cbor2.dumps(meta)
    name = prefix + _hash(body)[:len(language) + 8]
    (bundle / f"pagefind.{entries[0]['languages'][language]['hash']}.pf_meta").unlink()
    _write(bundle / f"pagefind.{name}.pf_meta", body)
    entry = entries[0]
    entry["languages"][language].update(hash=name, page_count=len(pages))
    (bundle / "pagefind-entry.json").write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "utf-8")
    for part in parts:
        shutil.rmtree(part)
    return len(pages)
