"""Stand-in source files for generated listing pages under ``mkdocs serve --dirty``.

``--dirty`` rebuilds only pages whose source file is newer than their output. An entity page
is backed by its entry's own file (plugin.on_files), but a listing (a page of narratives, a
facet value, the map's table) has no file of its own, so MkDocs rebuilt every one of them on
every edit: about 290 pages at 1,000 narratives, most of a dirty rebuild's time. Each listing
gets a small stub file instead, holding a digest of what the page is made of: its title, its
template, and every entry it shows, all but the entry's body (only the entry's own page shows
it). The stub is rewritten only when that digest changes, so a listing is rebuilt when an
entry on it was edited in a way it shows, and skipped otherwise. Counts that depend on the
whole site (facet totals) may lag until the next full build, as MkDocs warns for every dirty
build.
"""

from __future__ import annotations

import atexit
import dataclasses
import functools
import hashlib
import io
import operator
import os
import pickle
import shutil
import tempfile
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...core.load.recordmemo import Generations, RecordMemo
from ...core.publish.boundary import Published
from ...core.site.data import PagePlan

__all__ = ["DigestMemo", "StubFolder", "listing_key", "plan_digest"]


class DigestMemo:
    """One build's digests of context values and of entries, by identity: every page of a
    listing holds the same facet tables, and an entry is shown on many pages. Each value is
    held with its digest, so no identity is reused while it is kept. ``entries`` may keep the
    entries' digests from one build to the next, and ``previous`` is the last build's values
    (StubFolder.memo): a table SiteData kept from the last rebuild (the map, the facets) is the
    very same object, never changed once made, and is not pickled again."""

    def __init__(self, entries: RecordMemo[str] | None = None,
                 entry_lists: EntryListMemo | None = None,
                 previous: dict[int, tuple[Any, str]] | None = None) -> None:
        self.values: dict[int, tuple[Any, str]] = {}
        self.previous = {} if previous is None else previous
        self.states: dict[int, str] = {}
        self.entries = RecordMemo(entry_digest) if entries is None else entries
        self.entry_lists = EntryListMemo() if entry_lists is None else entry_lists


class EntryListMemo:
    """Digests of lists of entries, kept from one build to the next while the list holds the
    very same entries in the same order.

    Why: a listing's page holds a new list each build, but under ``mkdocs serve`` the record
    cache and ``select`` hand back the same entry objects for every file that did not change,
    and an entry is immutable. Telling that from the entries' identities is done in C; pickling
    them again, one ``reducer_override`` call each, was a third of the stubs' digests at 10,000
    narratives. The entries are held with the digest, so their identities cannot be reused
    while it is kept; the memo keeps what the last two builds asked for.
    """

    def __init__(self) -> None:
        self._kept: Generations[tuple[int, ...], tuple[tuple[Any, ...], str]] = Generations()

    def next_build(self) -> None:
        self._kept.next_build()

    def digest(self, entries: list[Any] | tuple[Any, ...], compute: Callable[[], str]) -> str:
        key = tuple(map(id, entries))
        kept = self._kept.get(key)
        if kept is None:
            kept = (tuple(entries), compute())
        return self._kept.keep(key, kept)[1]


def plan_digest(plan: PagePlan, memo: DigestMemo | None = None) -> str:
    """A digest of what ``plan``'s page is made of."""
    memo = DigestMemo() if memo is None else memo
    parts = [plan.src_uri, plan.title, plan.description or "", plan.template]
    for key, value in plan.context.items():
        parts += (key, _value_digest(value, memo))
    return hashlib.sha256("\x1e".join(parts).encode("utf-8")).hexdigest()


# Text, numbers and None stand for themselves: most of what a listing holds (titles, URLs,
# counts).
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _value_digest(value: Any, memo: DigestMemo) -> str:
    if type(value) in _SCALARS:
        return repr(value)
    kept = memo.values.get(id(value)) or memo.previous.get(id(value))
    if kept is None:
        if type(value) in (list, tuple) and value and _all_entries(value):
            digest = memo.entry_lists.digest(value, lambda: _pickled_digest(value, memo))
        else:
            digest = _pickled_digest(value, memo)
        kept = (value, digest)
    memo.values[id(value)] = kept
    return kept[1]


def _pickled_digest(value: Any, memo: DigestMemo) -> str:
    # Pickled, not walked in Python: the C pickler is three times faster than a walk that
    # digests each object (0.8 s of a dirty rebuild at 10,000 narratives). One pickler per
    # context value, so a value's bytes never depend on what other values (or other pages)
    # were pickled before it.
    buffer = io.BytesIO()
    try:
        _EntriesAsDigests(buffer, memo).dump(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        # Not picklable (say, a function): a digest no other build repeats, so the page is
        # rebuilt every time, never shown stale.
        return "unpicklable:" + os.urandom(16).hex()
    return hashlib.sha1(buffer.getbuffer()).hexdigest()


def _all_entries(values: list[Any] | tuple[Any, ...]) -> bool:
    return all(map(_is_entry_type, set(map(type, values))))


@functools.cache
def _is_entry_type(kind: type) -> bool:
    """Whether ``kind`` is a record of the content model: frozen, with its origin in a file."""
    params = getattr(kind, "__dataclass_params__", None)
    return bool(params is not None and params.frozen
                and any(field.name == "origin" for field in dataclasses.fields(kind)))


def listing_key(published: Published, memo: DigestMemo) -> str:
    """A digest of everything ``published`` holds but its entries' bodies (and positions in
    their files): every entry as ``entry_digest`` has it, the vocabularies, the credits, the
    edition. Equal keys, equal listings: SiteData keeps its ``body_free`` tables while the key
    is the same. Each entry's digest is kept while the record cache hands back the same object
    (``memo.entries``), so this costs a lookup per entry."""
    cat = published.catalog
    parts = []
    for name in _collections(type(cat)):
        collection = getattr(cat, name)
        parts += (name, str(len(collection)), *collection,
                  *map(memo.entries, collection.values()))
    rest = (cat.vocabularies, cat.assets, published.edition, published.credits,
            sorted(published.named_narratives))
    parts.append(_pickled_digest(rest, memo))
    return hashlib.sha1("\x1e".join(parts).encode()).hexdigest()


@functools.cache
def _collections(catalog: type) -> tuple[str, ...]:
    """The catalog's collections of entries by id: every dict field but the vocabularies
    (keyed with the rest) and the ids of files found (what links are checked against, shown
    nowhere), so a collection added to the catalog is keyed too."""
    hints = typing.get_type_hints(catalog)
    return tuple(f.name for f in dataclasses.fields(catalog)
                 if typing.get_origin(hints[f.name]) is dict
                 and f.name not in ("vocabularies", "known_ids"))


# An entry's body is shown on its own page only, which is rebuilt from the entry's file; where
# its text lands, positions in the file, shows nowhere.
_OWN_PAGE_ONLY = frozenset({"body", "body_line", "origin"})


def entry_digest(entry: Any) -> str:
    """What a listing can show of ``entry``: all its fields but those in ``_OWN_PAGE_ONLY``.
    An entry that is not a dataclass stands for its file's state (path, size, modification
    time): whether the file changed says whether the entry did."""
    fields = _field_values(type(entry))
    if fields is None:
        path = entry.origin.path
        try:
            stat = os.stat(path)
            return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            return f"{path}:gone"
    names = [field.name for field in dataclasses.fields(entry)]
    shown = tuple(value for name, value in zip(names, fields(entry), strict=True)
                  if name not in _OWN_PAGE_ONLY)
    buffer = io.BytesIO()
    _EntriesAsDigests(buffer, DigestMemo()).dump((type(entry).__qualname__, shown))
    return hashlib.sha1(buffer.getbuffer()).hexdigest()


class _EntriesAsDigests(pickle.Pickler):
    """Pickles an entry (a record with a file of its own) as its ``entry_digest``, and a
    dataclass as its fields. The bytes are only ever digested, never unpickled."""

    def __init__(self, file: io.BytesIO, memo: DigestMemo) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.digests = memo  # not self.memo: that is the pickler's own

    def reducer_override(self, obj: Any) -> Any:
        states = self.digests.states
        state = states.get(id(obj))
        if state is not None:
            return (str, (state,))
        if getattr(getattr(obj, "origin", None), "path", None):
            # Kept from the last build while the record cache hands back the same object.
            state = states[id(obj)] = self.digests.entries(obj)
            return (str, (state,))
        kind = type(obj)
        fields = _field_values(kind)
        if fields is None:
            return NotImplemented  # pickled as pickle does
        # A dataclass as its type's name and its field values, read in C: pickle's own way
        # for one with __slots__ runs dataclasses' __getstate__ in Python, a third of the
        # time. The name, not the type, so a type pickle cannot find by name is no obstacle.
        return (tuple, ((kind.__module__, kind.__qualname__, fields(obj)),))


@functools.cache
def _field_values(kind: type) -> Callable[[Any], tuple[Any, ...]] | None:
    """A function giving the field values of a dataclass ``kind``; None for other types."""
    if not dataclasses.is_dataclass(kind):
        return None
    names = [field.name for field in dataclasses.fields(kind)]
    if len(names) > 1:
        return operator.attrgetter(*names)

    def getter(obj: Any) -> tuple[Any, ...]:  # attrgetter of one name gives the bare value
        return tuple(getattr(obj, name) for name in names)

    return getter


class StubFolder:
    """A temporary folder of stub files, one per listing page, kept for the whole
    ``mkdocs serve`` session."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="commons-dirty-"))
        atexit.register(shutil.rmtree, self.root, True)
        # Kept from one rebuild to the next.
        self._entries = RecordMemo(entry_digest)
        self._entry_lists = EntryListMemo()
        self._written: dict[str, str] = {}  # stub path -> the digest it holds
        self._last: DigestMemo | None = None

    def memo(self) -> DigestMemo:
        """The memo for one build's stubs."""
        self._entries.next_build()
        self._entry_lists.next_build()
        previous = self._last.values if self._last is not None else None
        self._last = DigestMemo(self._entries, self._entry_lists, previous)
        return self._last

    def stub(self, plan: PagePlan, memo: DigestMemo) -> Path:
        """The stub for ``plan``, rewritten (so newer than the page) only if its digest
        changed since the last build."""
        path = self.root / plan.src_uri
        digest = plan_digest(plan, memo)
        if self._written.get(plan.src_uri) == digest and path.exists():
            return path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(digest, "utf-8")
        self._written[plan.src_uri] = digest
        return path


_FOLDER: StubFolder | None = None


def stub_folder() -> StubFolder:
    global _FOLDER
    if _FOLDER is None:
        _FOLDER = StubFolder()
    return _FOLDER
