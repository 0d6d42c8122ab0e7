"""Stand-in source files for generated listing pages under ``mkdocs serve --dirty``.

``--dirty`` rebuilds only pages whose source file is newer than their output. An entity page
is backed by its entry's own file (plugin.on_files), but a listing (a page of narratives, a
facet value, the map's table) has no file of its own, so MkDocs rebuilt every one of them on
every edit: about 290 pages at 1,000 narratives, most of a dirty rebuild's time. Each listing
gets a small stub file instead, holding a digest of what the page is made of: its title, its
template, and the state (size, modification time) of the file of every entry it shows. The
stub is rewritten only when that digest changes, so a listing is rebuilt when an entry on it
was edited and skipped otherwise. Counts that depend on the whole site (facet totals) may lag
until the next full build, as MkDocs warns for every dirty build.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime as dt
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ..core.sitepages import PagePlan

__all__ = ["StubFolder", "plan_digest"]


def plan_digest(plan: PagePlan, memo: dict[int, str] | None = None) -> str:
    """A digest of what ``plan``'s page is made of. ``memo`` shares the digests of objects that
    several plans hold (every page of a listing holds the same facet tables)."""
    memo = {} if memo is None else memo
    text = "\x1e".join((plan.src_uri, plan.title, plan.description or "", plan.template,
                        _digest(plan.context, memo)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Text, numbers and None stand for themselves: most of what a listing holds (titles, URLs,
# counts), so they are written in place rather than digested one call each (a third of the
# digest time at 10,000 narratives).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _part(value: Any, memo: dict[int, str]) -> str:
    return repr(value) if type(value) in _SCALARS else _digest(value, memo)


def _digest(value: Any, memo: dict[int, str]) -> str:
    if type(value) in _SCALARS:
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    key = id(value)
    if key in memo:
        return memo[key]
    origin = getattr(value, "origin", None)
    if origin is not None and getattr(origin, "path", None):
        # An entry: its file's state says whether it changed, without reading it.
        path = Path(origin.path)
        try:
            stat = path.stat()
            parts = f"{origin.path}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            parts = f"{origin.path}:gone"
    elif isinstance(value, dict):
        parts = "{" + ",".join(f"{_part(k, memo)}:{_part(v, memo)}"
                               for k, v in value.items()) + "}"
    elif isinstance(value, list | tuple):
        scalars = _SCALARS
        parts = "[" + ",".join(repr(item) if type(item) in scalars else _digest(item, memo)
                               for item in value) + "]"
    elif isinstance(value, set | frozenset):
        parts = "{" + ",".join(sorted(_part(item, memo) for item in value)) + "}"
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        parts = type(value).__name__ + "(" + ",".join(
            _part(getattr(value, f.name), memo) for f in dataclasses.fields(value)) + ")"
    else:
        parts = type(value).__name__
    digest = hashlib.sha1(parts.encode("utf-8")).hexdigest()
    memo[key] = digest
    return digest


class StubFolder:
    """A temporary folder of stub files, one per listing page, kept for the whole
    ``mkdocs serve`` session (the plugin object is made anew for every rebuild)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="commons-dirty-"))
        atexit.register(shutil.rmtree, self.root, True)

    def stub(self, plan: PagePlan, memo: dict[int, str]) -> Path:
        """The stub for ``plan``, rewritten (so newer than the page) only if its digest
        changed since the last build."""
        path = self.root / plan.src_uri
        digest = plan_digest(plan, memo)
        try:
            if path.read_text("utf-8") == digest:
                return path
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(digest, "utf-8")
        return path


_FOLDER: StubFolder | None = None


def stub_folder() -> StubFolder:
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = StubFolder()
    return _FOLDER
