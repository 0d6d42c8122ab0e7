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

__all__ = ["RecordMemo"]

T = TypeVar("T")


class RecordMemo(Generic[T]):
    """``memo(record, *args)`` is ``compute(record, *args)``, kept while ``record`` is the
    same object and ``args`` are equal to those it was worked out with."""

    def __init__(self, compute: Callable[..., T]) -> None:
        self._compute = compute
        self._current: dict[int, tuple[Any, tuple[Any, ...], T]] = {}
        self._previous: dict[int, tuple[Any, tuple[Any, ...], T]] = {}

    def next_build(self) -> None:
        """Start a build: what the last one did not ask for is let go."""
        self._previous, self._current = self._current, {}

    def __call__(self, record: Any, *args: Any) -> T:
        key = id(record)
        kept = self._current.get(key) or self._previous.get(key)
        if kept is None or kept[0] is not record or kept[1] != args:
            kept = (record, args, self._compute(record, *args))
        self._current[key] = kept
        return kept[2]
