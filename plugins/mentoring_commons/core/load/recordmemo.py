"""What a check worked out from one record alone, kept for the next build while the record
comes back as the very same object.

Why: ``mkdocs serve`` checks the whole site again after every edit, and the record cache
(cache.py) hands back the object it loaded for every file that did not change. A result that
depends on nothing but that immutable object is still right, so a rebuild works it out only for
the records it read again (at 10,000 narratives, the link and contact-detail checks took half a
second of each rebuild). Results are held with their record, so its ``id`` cannot be reused
while they are kept; a memo keeps what the last two builds asked for, no more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

__all__ = ["Generations", "RecordMemo"]

K = TypeVar("K")
T = TypeVar("T")
V = TypeVar("V")


class Generations(Generic[K, V]):
    """What this build and the last one asked for, by key; anything older is let go.

    The shared shape of the serve-only memos (RecordMemo here, EntryListMemo in
    mkdocs/serve/dirtystubs.py): a rebuild finds what the last build kept, and what two builds
    in a row did not ask for is dropped, so a memo never grows with the edits of a session.
    Values hold the objects their identity keys come from, so no ``id()`` is reused while kept.
    """

    __slots__ = ("_current", "_previous")

    def __init__(self) -> None:
        self._current: dict[K, V] = {}
        self._previous: dict[K, V] = {}

    def next_build(self) -> None:
        """Start a build: what the last one did not ask for is let go."""
        self._previous, self._current = self._current, {}

    def get(self, key: K) -> V | None:
        return self._current.get(key) or self._previous.get(key)

    def keep(self, key: K, value: V) -> V:
        self._current[key] = value
        return value


class RecordMemo(Generic[T]):
    """``memo(record, *args)`` is ``compute(record, *args)``, kept while ``record`` is the
    same object and ``args`` are equal to those it was worked out with."""

    def __init__(self, compute: Callable[..., T]) -> None:
        self._compute = compute
        self._kept: Generations[int, tuple[Any, tuple[Any, ...], T]] = Generations()

    def next_build(self) -> None:
        """Start a build: what the last one did not ask for is let go."""
        self._kept.next_build()

    def __call__(self, record: Any, *args: Any) -> T:
        key = id(record)
        kept = self._kept.get(key)
        if kept is None or kept[0] is not record or kept[1] != args:
            kept = (record, args, self._compute(record, *args))
        return self._kept.keep(key, kept)[2]
