"""A strict YAML reader that keeps the position of every value.

PyYAML's constructors lose positions and accept YAML 1.1 surprises (``no`` is False, ``0755`` is
octal, ``1.10`` is 1.1, ``2021-12-03`` a date). Here we stop at the *node* stage: every scalar stays
the text its author typed, with its line and column, and the typed fields of the model decide what
that text means. Duplicate keys, anchors/aliases and non-standard tags are refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .diagnostics import Report

try:  # libyaml is ~6x faster; the pure-Python loader gives the same nodes.
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader

MAX_DEPTH = 32

# Tags a plain YAML document may carry. Anything else (``!!python/object``, ``!!binary``,
# custom ``!tags``) is refused: content is data, never code.
_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
}


@dataclass(frozen=True, slots=True)
class Pos:
    """A 1-based line and column in a file."""

    line: int
    col: int


@dataclass(frozen=True, slots=True)
class Scalar:
    """A scalar exactly as written. ``plain`` is False for quoted and block scalars."""

    value: str
    plain: bool
    pos: Pos

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple[Node, ...]
    pos: Pos


@dataclass(frozen=True, slots=True)
class Map:
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


_HINTS = (
    ("'\\t'", "YAML indents with spaces, not tabs: replace the tab characters with spaces."),
    ("mapping values are not allowed", "if a value contains ': ', put the whole value in quotes."),
    ("found undefined alias", "anchors and aliases (& and *) are not supported; write values out."),
    ("expected a single document", "a file holds one YAML document; remove the extra '---'."),
)


def _yaml_error_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    text = f"malformed YAML: {problem}" + (f" ({context})" if context else "")
    raw = str(exc)
    for needle, hint in _HINTS:
        if needle in raw:
            return f"{text}; hint: {hint}"
    return text


def parse_yaml(text: str, path: str, report: Report, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into position-carrying nodes; report problems, return None on
    a fatal one. ``line_offset`` shifts lines for front matter that starts below line 1."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        report.error(path, line, col, _yaml_error_message(exc))
        return None
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        mark = getattr(exc, "mark", None) or getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1 + line_offset, 1)
        report.error(path, line, col, _yaml_error_message(exc))
        return None
    if root is None:
        return None
    return _Converter(path, report, line_offset).convert(root, 0)


class _Converter:
    def __init__(self, path: str, report: Report, line_offset: int) -> None:
        self.path = path
        self.report = report
        self.line_offset = line_offset
        # PyYAML composes an alias as the very node object its anchor named, so a node seen
        # twice is an alias. Refusing it here stops "billion laughs" before anything expands.
        self.seen: set[int] = set()

    def _error(self, pos: Pos, message: str) -> None:
        self.report.error(self.path, pos.line, pos.col, message)

    def convert(self, node: yaml.Node, depth: int) -> Node | None:
        pos = _pos(node.start_mark, self.line_offset)
        if id(node) in self.seen:
            self._error(pos, "YAML aliases (*name) are not allowed: write the value out in full.")
            return None
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            self._error(pos, f"values are nested more than {MAX_DEPTH} levels deep.")
            return None
        if node.tag not in _STANDARD_TAGS:
            self._error(
                pos,
                f"the YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')!r} is not allowed: "
                "remove it and write a plain value.",
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            return Scalar(node.value, node.style in (None, ""), pos)
        if isinstance(node, yaml.SequenceNode):
            items = []
            for item in node.value:
                converted = self.convert(item, depth + 1)
                if converted is not None:
                    items.append(converted)
            return Seq(tuple(items), pos)
        assert isinstance(node, yaml.MappingNode)
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
