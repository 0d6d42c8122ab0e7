"""Loaded entry files by file state, so a rebuild re-reads only the files that changed.

``mkdocs serve`` rebuilds the whole site after every edit, and each rebuild used to parse every
content file again (seconds at 10,000 narratives). The loader asks this cache first: a file
whose path, size, modification and change times and inode are what they were last time, read
against the same vocabularies and limits, gives back the record and the diagnostics it gave
then, as if it had been read again. Records and diagnostics are immutable, so handing out the
same objects twice is safe.

A file changed less than ``RACY_SECONDS`` ago is not stored: two writes within one tick of the
file-system clock can leave the same times and size behind (Git calls such entries "racily
clean"). Anything older has a change time (``st_ctime``, which no tool can set back) that moves
with every write.

The cache lives for the process (``DEFAULT``): under ``mkdocs serve`` that spans the rebuilds,
while the plugin object does not. It is bounded by ``max_entries``, oldest first out.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..source.diagnostics import Diagnostic

RACY_SECONDS = 2.0


class FileState(NamedTuple):
    """What changes when a file is written, replaced or touched. A tuple, so a rebuild's
    comparison of every file's state with the cached one runs in C."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int

    @classmethod
    def of(cls, path: Path | str) -> FileState | None:
        try:
            st = os.lstat(path)
        except OSError:
            return None
        return cls.of_stat(st)

    @classmethod
    def of_stat(cls, st: os.stat_result) -> FileState:
        return cls(st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    def settled(self, now_ns: int) -> bool:
        return now_ns - max(self.mtime_ns, self.ctime_ns) > RACY_SECONDS * 1e9


@dataclass(frozen=True, slots=True)
class Loaded:
    """What loading one entry file produced: its problems, the ids it declared, its record."""

    diagnostics: tuple[Diagnostic, ...]
    known_ids: frozenset[str]
    record: Any | None
    partials: tuple[Any, ...] = ()  # records.PartialRecord: what was read of a broken entry


class RecordCache:
    def __init__(self, max_entries: int = 200_000) -> None:
        self.max_entries = max_entries
        self._entries: dict[str, tuple[FileState, Hashable, Loaded]] = {}
        self.hits = 0
        self.misses = 0

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.hits = self.misses = 0

    def load(self, path: Path | str, context: Hashable, load: Callable[[], Loaded], *,
             lstat: os.stat_result | None = None) -> Loaded:
        """``load()``'s result for ``path``, from the cache when the file and ``context``
        (whatever else the result depends on) are unchanged. ``lstat``: the file's, if the
        caller has just read it (sourcefiles.scan), so it is not read twice."""
        key = os.path.abspath(path)
        state = FileState.of(path) if lstat is None else FileState.of_stat(lstat)
        cached = self._entries.get(key)
        if cached is not None and state is not None and cached[:2] == (state, context):
            self.hits += 1
            return cached[2]
        self.misses += 1
        result = load()
        self._entries.pop(key, None)
        if state is not None and state.settled(time.time_ns()) and FileState.of(path) == state:
            if len(self._entries) >= self.max_entries:
                del self._entries[next(iter(self._entries))]
            self._entries[key] = (state, context, result)
        return result


DEFAULT = RecordCache()
