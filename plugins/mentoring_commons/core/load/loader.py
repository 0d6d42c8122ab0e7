"""Read every file in ``content/`` into typed records, reporting every problem with its place.

Load order matters only once: vocabularies first, because other fields are checked against them.
Nothing here decides what is published; that is ``publish.py``'s job.
"""

from __future__ import annotations

import contextlib
import difflib
import gc
import hashlib
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model.fields import INVALID, Context, check_id, suggest_id
from ..model.kinds import KINDS, PAGE_FOLDER_SUFFIXES, PAGES_FOLDER, VOCABULARIES_FILE, Kind
from ..model.model import VOCABULARY_NAMES, Page, VocabularyTerm
from ..model.records import convert_record
from ..source.diagnostics import Report
from ..source.sourcefiles import (
    SYMLINK_REFUSED,
    Found,
    Limits,
    SourceText,
    read_text,
    scan,
    split_front_matter,
)
from ..source.yamlnodes import Map, Pos, parse_yaml
from .cache import DEFAULT, Loaded, RecordCache
from .catalog import Catalog


def load_catalog(
    content_dir: Path | str, limits: Limits | None = None, cache: RecordCache | None = DEFAULT,
    *, shard: tuple[int, int] | None = None,
) -> tuple[Catalog, Report]:
    """Load ``content_dir``. Paths in messages are shown as ``content_dir`` joined with the file's
    path inside it, so ``commons check content`` prints ``content/people/x.yml:3:1: ...``.
    Entry files unchanged since an earlier load in this process come from ``cache``.

    ``shard=(k, n)`` loads only every n-th entry file, starting at the k-th (in walk order), for
    a check split across processes: every other entry file still declares its id (links are
    checked against names alone), person files are loaded by every shard (the naming check
    reads a narrative's authors), and the small shared files (vocabularies, glossary, paths,
    pages...) are loaded by every shard, their problems reported alike by each."""
    root = Path(content_dir)
    limits = limits or Limits()
    report = Report()
    catalog = Catalog(root=root)
    loader = _Loader(root, limits, report, catalog, cache, shard)
    with collector_paused():
        loader.load_all()
    return catalog, report


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small objects that all stay alive and hold no
    reference cycles, so the cyclic garbage collector's passes over them find nothing; at
    10,000 files they cost ~15% of the load. It runs again (if it ran before) on leaving."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Loader:
    def __init__(self, root: Path, limits: Limits, report: Report, catalog: Catalog,
                 cache: RecordCache | None = None, shard: tuple[int, int] | None = None
                 ) -> None:
        self.root = root
        self.shard = shard
        self.limits = limits
        self.report = report
        self.catalog = catalog
        self.cache = cache
        self._cache_context: tuple[str, Limits, str | None] | None = None
        self.vocabularies: dict[str, dict[str, VocabularyTerm]] | None = None

    def shown(self, file: Path) -> str:
        # Every file is the root joined with a path inside it (walk, or a name below the root),
        # so its text already reads "content/people/x.yml" (two relative_to calls per file were
        # a twentieth of a check at 10,000 narratives).
        return str(file)

    def read(self, file: Path, markdown: bool) -> SourceText | None:
        limit = self.limits.max_markdown_bytes if markdown else self.limits.max_yaml_bytes
        return read_text(file, self.shown(file), self.report, limit)

    def load_all(self) -> None:
        if not self.root.is_dir():
            self.report.error(str(self.root), 1, 1, "the content folder does not exist.")
            return
        expected = {VOCABULARIES_FILE} | {k.file for k in KINDS.values() if k.file}
        by_folder = {k.folder: k for k in KINDS.values() if k.folder}
        self._load_vocabularies()
        entry_index = -1
        for found in scan(self.root):
            parts = found.parts  # its path inside the root
            if len(parts) == 1 and parts[0] in expected:
                continue  # loaded (and a symlink refused) by name below, or above
            if found.state is not None and stat.S_ISLNK(found.state.st_mode):
                self.report.error(found.path, 1, 1, SYMLINK_REFUSED)
                continue
            if parts[0] == PAGES_FOLDER and len(parts) > 1:
                self._load_page_folder_file(Path(found.path), "/".join(parts[1:]))
                continue
            if len(parts) == 2 and parts[0] in by_folder:
                entry_index += 1
                kind = by_folder[parts[0]]
                # Every shard loads every person: the naming check reads a narrative's authors
                # (their problems, reported by each shard alike, are merged into one).
                if (self.shard is not None and entry_index % self.shard[1] != self.shard[0]
                        and kind.name != "person"):
                    # Another shard loads it.
                    self._declare_id(kind, Path(found.path))
                else:
                    self._load_entry(kind, found)
                continue
            if parts[-1].startswith(".") or parts[-1] in ("README.md",):
                continue
            self._unexpected(Path(found.path), by_folder)
        for kind in KINDS.values():
            if kind.file:
                self._load_mapping_file(kind)
        self.catalog.vocabularies = self.vocabularies or {}

    def _unexpected(self, file: Path, by_folder: dict[str | None, Kind]) -> None:
        rel = file.relative_to(self.root)
        places = sorted(
            [f"{k.folder}/*{k.extension}" for k in KINDS.values() if k.folder]
            + [k.file for k in KINDS.values() if k.file]
            + [VOCABULARIES_FILE, f"{PAGES_FOLDER}/"]
        )
        close = difflib.get_close_matches(rel.parts[0], [p.split("/")[0] for p in places], n=1)
        hint = f" Did you mean {close[0]!r}?" if close and close[0] != rel.parts[0] else ""
        self.report.error(
            self.shown(file),
            1,
            1,
            f"this file is not part of the content model.{hint} Content files go in: "
            + ", ".join(places)
            + ".",
        )

    # -- hand-written pages ---------------------------------------------------------------

    def _load_page_folder_file(self, file: Path, rel: str) -> None:
        shown = self.shown(file)
        suffix = file.suffix.lower()
        if suffix not in PAGE_FOLDER_SUFFIXES:
            self.report.error(
                shown, 1, 1,
                f"{suffix or 'this'} files are not allowed in {PAGES_FOLDER}/ (they could carry "
                "scripts); allowed: " + ", ".join(sorted(PAGE_FOLDER_SUFFIXES)) + ".",
            )
            return
        if not re.fullmatch(r"([a-z0-9][a-z0-9._-]*/)*[a-z0-9][a-z0-9._-]*", rel):
            self.report.error(
                shown, 1, 1,
                "page and file names use lowercase letters, digits, '-', '_' and '.': "
                f"rename to {suggest_id(Path(rel).stem) or 'page'}{suffix}.",
            )
            return
        if suffix != ".md":
            if file.is_symlink():
                self.report.error(shown, 1, 1, SYMLINK_REFUSED)
            elif file.stat().st_size > self.limits.max_asset_bytes:
                self.report.error(
                    shown, 1, 1,
                    f"file is larger than {self.limits.max_asset_bytes:,} bytes: make it smaller.",
                )
            else:
                self.catalog.assets.append(rel)
            return
        source = self.read(file, markdown=True)
        if source is None:
            return
        extra: dict[str, Any] = {"id": rel, "body": source.text, "body_line": 1}
        node: Any = Map((), Pos(1, 1))
        if source.text.startswith("---\n"):
            split = split_front_matter(source, self.report)
            if split is None:
                return
            parsed = parse_yaml(split.yaml_text, shown, self.report, split.yaml_first_line - 1)
            if parsed is not None:
                node = parsed
            extra["body"], extra["body_line"] = split.body, split.body_first_line
        if not isinstance(node, Map):
            self.report.error(shown, node.pos.line, node.pos.col, "front matter must be fields.")
            return
        record = convert_record(Page, node, Context(shown, self.report), extra=extra)
        if record is not INVALID:
            self.catalog.pages[rel] = record

    # -- vocabularies ---------------------------------------------------------------------

    def _load_vocabularies(self) -> None:
        file = self.root / VOCABULARIES_FILE
        shown = self.shown(file)
        if not file.is_file():
            self.report.error(shown, 1, 1, "missing vocabularies file (mentoring forms, topics…).")
            return
        source = self.read(file, markdown=False)
        if source is None:
            return
        root = parse_yaml(source.text, shown, self.report)
        if not isinstance(root, Map):
            if root is not None:
                self.report.error(shown, root.pos.line, root.pos.col, "expected vocabulary names.")
            return
        errors_before = len(self.report.errors)
        ctx = Context(shown, self.report)
        vocabularies: dict[str, dict[str, VocabularyTerm]] = {}
        for key, node in root.items:
            if key.value not in VOCABULARY_NAMES:
                close = difflib.get_close_matches(key.value, VOCABULARY_NAMES, n=1)
                hint = f"did you mean {close[0]!r}? " if close else ""
                self.report.error(
                    shown, key.pos.line, key.pos.col,
                    f"unknown vocabulary {key.value!r}: {hint}vocabularies are "
                    + ", ".join(VOCABULARY_NAMES) + ".",
                )
                continue
            if not isinstance(node, Map):
                self.report.error(
                    shown, node.pos.line, node.pos.col,
                    f"{key.value} must map each value's id to its label and definition.",
                )
                continue
            terms: dict[str, VocabularyTerm] = {}
            for term_key, term_node in node.items:
                term = self._mapping_entry(VocabularyTerm, term_key.value, term_key.pos,
                                           term_node, ctx)
                if term is not None:
                    terms[term.id] = term
            vocabularies[key.value] = terms
        for name in VOCABULARY_NAMES:
            if name not in vocabularies and root.get(name) is None:
                self.report.error(
                    shown, root.pos.line, root.pos.col, f"missing the {name} vocabulary."
                )
        if len(self.report.errors) == errors_before:
            self.vocabularies = vocabularies
        else:
            # Keep what loaded so the site can still explain it, but do not check other files
            # against a half-read vocabulary: that would bury the real error under false ones.
            self.vocabularies = None
            self.catalog.vocabularies = vocabularies

    # -- entries --------------------------------------------------------------------------

    def _mapping_entry(
        self, cls: type, entry_id: str, pos: Pos, node: Any, ctx: Context,
    ) -> Any | None:
        problem = check_id(entry_id)
        if problem:
            ctx.error(pos, f"the id {entry_id!r} {problem}.")
            return None
        if not isinstance(node, Map):
            ctx.error(node.pos, f"{entry_id!r} must be followed by its fields (key: value lines).")
            return None
        record = convert_record(cls, node, ctx, extra={"id": entry_id})
        return None if record is INVALID else record

    def _declare_id(self, kind: Kind, file: Path) -> None:
        """What loading ``file`` would add to the known ids, without reading it or reporting."""
        if file.suffix == kind.extension and not check_id(file.stem):
            self.catalog.known_ids.setdefault(kind.name, set()).add(file.stem)

    def _check_file_id(self, kind: Kind, file: Path) -> str | None:
        shown = self.shown(file)
        if file.suffix != kind.extension:
            self.report.error(
                shown, 1, 1,
                f"files in {kind.folder}/ end in {kind.extension}; rename to "
                f"{file.stem}{kind.extension}.",
            )
            return None
        entry_id = file.stem
        problem = check_id(entry_id)
        if problem:
            self.report.error(
                shown, 1, 1,
                f"the file name {file.name!r} gives the id {entry_id!r}, which {problem}; "
                f"rename the file, e.g. to {suggest_id(entry_id) or 'my-entry'}{kind.extension}.",
            )
            return None
        return entry_id

    def _load_entry(self, kind: Kind, found: Found) -> None:
        """``_load_entry_file``, through the cache when there is one (see cache.py)."""
        if self.cache is None:
            return self._load_entry_file(kind, Path(found.path))

        def load() -> Loaded:
            alone = _Loader(self.root, self.limits, Report(), Catalog(root=self.root))
            alone.vocabularies = self.vocabularies
            alone._load_entry_file(kind, Path(found.path))
            records = alone.catalog.collection(kind.collection).values()
            return Loaded(tuple(alone.report.items),
                          frozenset(alone.catalog.known_ids.get(kind.name, ())),
                          next(iter(records), None), tuple(alone.catalog.partials))

        if self._cache_context is None:  # what every entry's result also depends on
            vocabularies = self.root / VOCABULARIES_FILE
            digest = (hashlib.blake2b(vocabularies.read_bytes()).hexdigest()
                      if self.vocabularies is not None else None)
            self._cache_context = (str(self.root), self.limits, digest)
        loaded = self.cache.load(found.path, (kind.name, self._cache_context), load,
                                 lstat=found.state)
        self.report.items.extend(loaded.diagnostics)
        self.catalog.known_ids.setdefault(kind.name, set()).update(loaded.known_ids)
        if loaded.record is not None:
            self.catalog.add(kind, loaded.record)
        self.catalog.partials.extend(loaded.partials)

    def _load_entry_file(self, kind: Kind, file: Path) -> None:
        entry_id = self._check_file_id(kind, file)
        if entry_id is None:
            return
        known = self.catalog.known_ids.setdefault(kind.name, set())
        known.add(entry_id)
        source = self.read(file, kind.markdown)
        if source is None:
            return
        ctx = Context(source.path, self.report, self.vocabularies,
                      partials=self.catalog.partials)
        extra: dict[str, Any] = {"id": entry_id}
        errors_before = len(self.report.items)
        if kind.markdown:
            split = split_front_matter(source, self.report)
            if split is None:
                return
            node = parse_yaml(split.yaml_text, source.path, self.report, split.yaml_first_line - 1)
            extra["body"] = split.body
            extra["body_line"] = split.body_first_line
        else:
            node = parse_yaml(source.text, source.path, self.report)
        if node is None:
            if len(self.report.items) == errors_before:  # parsed fine, but nothing in it
                self.report.error(source.path, 1, 1, f"no fields: add the fields of a {kind.name}.")
            return
        if not isinstance(node, Map):
            self.report.error(
                source.path, node.pos.line, node.pos.col,
                f"expected the fields of a {kind.name} (key: value lines).",
            )
            return
        record = convert_record(kind.record, node, ctx, extra=extra)
        if record is not INVALID:
            self.catalog.add(kind, record)

    def _load_mapping_file(self, kind: Kind) -> None:
        assert kind.file
        file = self.root / kind.file
        if not file.exists():
            return  # optional: a site may have no glossary yet
        source = self.read(file, markdown=False)
        if source is None:
            return
        root = parse_yaml(source.text, source.path, self.report)
        if root is None:
            return
        if not isinstance(root, Map):
            self.report.error(
                source.path, root.pos.line, root.pos.col,
                f"{kind.file} maps each {kind.name}'s id to its fields.",
            )
            return
        ctx = Context(source.path, self.report, self.vocabularies,
                      partials=self.catalog.partials)
        known = self.catalog.known_ids.setdefault(kind.name, set())
        for key, node in root.items:
            known.add(key.value)
            record = self._mapping_entry(kind.record, key.value, key.pos, node, ctx)
            if record is not None:
                self.catalog.add(kind, record)
