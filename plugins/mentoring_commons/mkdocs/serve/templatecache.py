"""Compiled Jinja templates kept for the whole of a ``mkdocs serve`` session.

MkDocs makes a new Jinja environment for every build, so every rebuild parsed and compiled
the thirty-odd templates a page uses again: a quarter of a second of each ``serve --dirty``
rebuild at 10,000 narratives, however few pages it writes. Jinja's own bytecode cache keeps
the compiled code between environments and checks each template's source against the checksum
stored with it, so an edited template is compiled anew.
"""

from __future__ import annotations

import jinja2
from jinja2.bccache import Bucket

__all__ = ["SessionBytecodeCache"]


class SessionBytecodeCache(jinja2.BytecodeCache):
    """In memory, for one process. One per kind of environment: the code depends on settings
    such as autoescaping, which Jinja's cache keys do not include."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)  # discarded if the source's checksum differs

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:  # part of Jinja's interface; Jinja itself never calls it
        self._code.clear()
