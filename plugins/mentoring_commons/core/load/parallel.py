"""Forked worker processes for the passes that read every file: the check and the leak scan.

MkDocs and the checker run on one core; on a large site these passes are CPU-bound and the
other cores sit idle. Workers are forked, so they start with everything the parent has loaded
(vocabularies, needles) without copying or re-importing it, and a caller's script is never run
again. Forking a process that runs threads (``mkdocs serve``'s server, Pagefind's reader) is
not safe, so then the work stays in the calling process: the answer is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["MAX_WORKERS", "can_fork", "map_forked", "worker_count"]

MAX_WORKERS = 4

T = TypeVar("T")


def worker_count(items: int, parallel_from: int) -> int:
    """One process per core (up to MAX_WORKERS) for ``parallel_from`` items or more, else 1:
    below that, starting processes costs more than it saves. Callers still ask ``can_fork``."""
    if items < parallel_from:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, MAX_WORKERS))


def can_fork() -> bool:
    return (threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def map_forked(function: Callable[..., T], arguments: Iterable[Any], workers: int,
               initializer: Callable[..., None] | None = None,
               initargs: tuple[Any, ...] = ()) -> list[T]:
    """``[function(a) for a in arguments]``, in order, across ``workers`` forked processes.
    ``function`` and its results cross a pipe, so keep both small and picklable."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                             initializer=_quiet_worker, initargs=(initializer, initargs)) as pool:
        # Ctrl-C is held while the workers are forked: one forked before it had set its own
        # handler would stop with a traceback. It is delivered here once they are running.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            try:
                results = pool.map(function, arguments)  # forks the workers, submits every job
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)  # a held Ctrl-C arrives here
            return list(results)
        except KeyboardInterrupt:
            # Ctrl-C reaches the caller alone (the workers ignore it, so none dies half-way
            # with a traceback of its own or a "broken pool" error): it ends them, then stops.
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _quiet_worker(initializer: Callable[..., None] | None, initargs: tuple[Any, ...]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    if initializer is not None:
        initializer(*initargs)
