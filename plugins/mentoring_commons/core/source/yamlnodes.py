"""A strict YAML reader that keeps the position of every value.

PyYAML's constructors lose positions and accept YAML 1.1 surprises (``no`` is False, ``0755`` is
octal, ``1.10`` is 1.1, ``2021-12-03`` a date). Here we stop at the *node* stage: every scalar stays
the text its author typed, with its line and column, and the typed fields of the model decide what
that text means. Duplicate keys, anchors/aliases and non-standard tags are refused.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import yaml

from .diagnostics import Report

try:  # libyaml is ~6x faster; the pure-Python loader gives the same nodes.
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Base = yaml.SafeLoader

_STR, _SEQ, _MAP = (f"tag:yaml.org,2002:{name}" for name in ("str", "seq", "map"))


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """Composes nodes without guessing types. PyYAML's resolver matches every plain scalar
    against the YAML 1.1 patterns (int, bool, date...) to pick its tag; this reader keeps every
    scalar as text anyway, so an untagged node is simply a string, list or mapping. That is a
    third of libyaml's composing time at 10,000 files. Explicit tags still come through."""

    _TAGS = {yaml.ScalarNode: _STR, yaml.SequenceNode: _SEQ, yaml.MappingNode: _MAP}

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return self._TAGS[kind]

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        pass  # path resolvers are never registered

    def ascend_resolver(self) -> None:
        pass

MAX_DEPTH = 32

# Tags a plain YAML document may carry. Anything else (``!!python/object``, ``!!binary``,
# custom ``!tags``) is refused: content is data, never code.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


# Nodes are named tuples, not frozen dataclasses: as immutable, and made about twice as fast,
# which counts at half a million nodes for 10,000 files.
class Pos(NamedTuple):
    """A 1-based line and column in a file."""

    line: int
    col: int


class Scalar(NamedTuple):
    """A scalar exactly as written. ``plain`` is False for quoted and block scalars."""

    value: str
    plain: bool
    pos: Pos

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


class Seq(NamedTuple):
    items: tuple[Node, ...]
    pos: Pos


class Map(NamedTuple):
    items: tuple[tuple[Scalar, Node], ...]
    pos: Pos

    def get(self, key: str) -> Node | None:
        for k, v in self.items:
            if k.value == key:
                return v
        return None

    def key_pos(self, key: str) -> Pos | None:
        for k, _ in self.items:
            if k.value == key:
                return k.pos
        return None


Node = Scalar | Seq | Map


def describe(node: Node) -> str:
    """Name a node's shape the way a contributor would recognise it."""
    if isinstance(node, Map):
        return "a mapping (key: value lines)"
    if isinstance(node, Seq):
        return "a list"
    if node.is_null:
        return "nothing (an empty value)"
    return f"the text {node.value!r}"


def _pos(mark: yaml.Mark, line_offset: int) -> Pos:
    return Pos(mark.line + 1 + line_offset, mark.column + 1)


_TAB_HINT = "YAML indents with spaces, not tabs: replace the tab characters with spaces."
_HINTS = (
    ("'\\t'", _TAB_HINT),  # the pure-Python scanner names the tab...
    ("tab character", _TAB_HINT),  # ...libyaml does only in some messages
    ("mapping values are not allowed", "if a value contains ': ', put the whole value in quotes."),
    ("found undefined alias", "anchors and aliases (& and *) are not supported; write values out."),
    ("expected a single document", "a file holds one YAML document; remove the extra '---'."),
)


def _yaml_error_message(exc: yaml.YAMLError, at: str = "") -> str:
    """``at`` is the character the parser stopped at, if known."""
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    # str(exc) spans several lines; a diagnostic is one line.
    text = " ".join((f"malformed YAML: {problem}" + (f" ({context})" if context else "")).split())
    if at == "\t":  # libyaml's "found character that cannot start any token" does not say which
        return f"{text}; hint: {_TAB_HINT}"
    raw = str(exc)
    for needle, hint in _HINTS:
        if needle in raw:
            return f"{text}; hint: {hint}"
    return text


class _Positions:
    """Marks to positions in one text. libyaml puts the end of a file that lacks a final
    newline (where an error, or an empty last value, is) on a line after the last one; editors
    cannot go there, so it is shown at the end of the last line."""

    def __init__(self, text: str, line_offset: int) -> None:
        self.line_offset = line_offset
        self.line_count = text.count("\n") + 1
        self.end_col = len(text) - text.rfind("\n")  # just after the last line's text

    def at(self, mark: yaml.Mark | None) -> Pos:
        if mark is None:
            return Pos(1 + self.line_offset, 1)
        if mark.line < self.line_count:
            return Pos(mark.line + 1 + self.line_offset, mark.column + 1)
        return Pos(self.line_count + self.line_offset, self.end_col)


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = text.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    return line[mark.column : mark.column + 1]


# Characters YAML refuses (control characters) or reads as line breaks although editors and
# diffs do not (NEL, U+2028, U+2029): the parser would report them without a usable line, or
# count lines differently from the contributor's editor. They are found first, by us.
_NOT_YAML_TEXT = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)


def _unreadable_character(text: str) -> tuple[int, int, str] | None:
    """(0-based line, 1-based column, message) for the first character YAML cannot read."""
    match = _NOT_YAML_TEXT.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start())
    col = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    code = f"U+{ord(match.group()):04X}"
    if match.group() in "\x85\u2028\u2029":
        return line, col, (f"the invisible line separator {code} is not allowed: YAML reads it "
                           "as a line break. Delete it or replace it with a space.")
    return line, col, f"the control character {code} is not allowed in YAML: delete it."


def _anchors_and_aliases(text: str, line_offset: int) -> list[tuple[Pos, str]]:
    """Every anchor (&name) and alias (*name), found in the event stream: the composed nodes
    no longer say where an alias was written, and an anchor alone leaves no trace at all."""
    found = []
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            found.append((_pos(event.start_mark, line_offset),
                          f"YAML aliases (*{event.anchor}) are not allowed: write the value out "
                          "in full."))
        elif getattr(event, "anchor", None):
            found.append((_pos(event.start_mark, line_offset),
                          f"YAML anchors (&{event.anchor}) are not allowed: remove it and write "
                          "each value out in full."))
    return found


def parse_yaml(text: str, path: str, report: Report, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into position-carrying nodes; report problems, return None on
    a fatal one. ``line_offset`` shifts lines for front matter that starts below line 1."""
    unreadable = _unreadable_character(text)
    if unreadable is not None:
        line, col, message = unreadable
        report.error(path, line + 1 + line_offset, col, message)
        return None
    try:
        # Refused before composing, so an alias is never followed ("billion laughs"). Every
        # anchor is written with '&' and every alias with '*': without either, skip the pass.
        refused = (_anchors_and_aliases(text, line_offset) if "&" in text or "*" in text
                   else [])
        if refused:
            for pos, message in refused:
                report.error(path, pos.line, pos.col, message)
            return None
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        pos = _Positions(text, line_offset).at(exc.problem_mark or exc.context_mark)
        report.error(path, pos.line, pos.col,
                     _yaml_error_message(exc, _char_at(text, exc.problem_mark)))
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        mark = getattr(exc, "mark", None) or getattr(exc, "problem_mark", None)
        pos = _Positions(text, line_offset).at(mark)
        report.error(path, pos.line, pos.col, _yaml_error_message(exc))
        return None
    if root is None:
        return None
    return _Converter(path, report, _Positions(text, line_offset), "*" in text).convert(root, 0)


class _Converter:
    def __init__(self, path: str, report: Report, positions: _Positions,
                 may_alias: bool) -> None:
        self.path = path
        self.report = report
        self.positions = positions
        # PyYAML composes an alias as the very node object its anchor named, so a node seen
        # twice is an alias. parse_yaml refuses aliases before composing; this is the backstop,
        # needed only where a '*' could have written one.
        self.seen: set[int] | None = set() if may_alias else None

    def _error(self, pos: Pos, message: str) -> None:
        self.report.error(self.path, pos.line, pos.col, message)

    def convert(self, node: yaml.Node, depth: int) -> Node | None:
        pos = self.positions.at(node.start_mark)
        if self.seen is not None:
            if id(node) in self.seen:
                self._error(pos, "YAML aliases (*name) are not allowed: write the value out in "
                            "full.")
                return None
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._error(pos, f"values are nested more than {MAX_DEPTH} levels deep.")
            return None
        tag = node.tag
        if tag not in _STANDARD_TAGS:
            self._error(
                pos,
                f"the YAML tag {tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed: "
                "remove it and write a plain value.",
            )
            return None
        kind = type(node)
        if kind is yaml.ScalarNode:
            return Scalar(node.value, not node.style, pos)
        if kind is yaml.SequenceNode:
            items = []
            for item in node.value:
                converted = self.convert(item, depth + 1)
                if converted is not None:
                    items.append(converted)
            return Seq(tuple(items), pos)
        entries: list[tuple[Scalar, Node]] = []
        first_seen: dict[str, Pos] = {}
        for key_node, value_node in node.value:
            key = self.convert(key_node, depth + 1)
            if key is None:
                continue
            if not isinstance(key, Scalar):
                self._error(key.pos, "a key must be a plain word, not a list or mapping.")
                continue
            if key.value in first_seen:
                first = first_seen[key.value]
                self._error(
                    key.pos,
                    f"duplicate key {key.value!r}: it is already set on line {first.line}; "
                    "keep one of the two.",
                )
                continue
            first_seen[key.value] = key.pos
            value = self.convert(value_node, depth + 1)
            if value is not None:
                entries.append((key, value))
        return Map(tuple(entries), pos)
