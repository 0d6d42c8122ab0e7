"""Typed fields: each turns a position-carrying YAML node into a Python value, reports what is
wrong in words a contributor can act on, and describes itself for the JSON Schema and the
reference page. The model is declared once with these; everything else is derived from it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..source.diagnostics import Report
from ..source.yamlnodes import Node, Pos, Scalar, Seq, describe

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX_LENGTH = 64


class Invalid:
    """Marker returned when a value could not be converted (the problem is already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = Invalid()


@dataclass
class Context:
    """What a conversion needs besides the node: where to report, and the vocabularies."""

    path: str
    report: Report
    vocabularies: Mapping[str, Mapping[str, Any]] | None = None
    positions: dict[str, Pos] = field(default_factory=dict)
    # Records that could not be made, with the values that could (records.PartialRecord), so
    # their links are checked in the same run as their other problems. None: not collected.
    partials: list[Any] | None = None

    def error(self, pos: Pos, message: str) -> None:
        self.report.error(self.path, pos.line, pos.col, message)

    def warning(self, pos: Pos, message: str) -> None:
        self.report.warning(self.path, pos.line, pos.col, message)


_ASCII_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")


def _bidi_or_invisible(ch: str) -> bool:
    # Format characters (zero-width spaces, bidi overrides) can hide text or make two
    # different values look identical. ZWJ/ZWNJ are kept: some scripts and emoji need them.
    return unicodedata.category(ch) == "Cf" and ch not in "\u200c\u200d"


def invisible_character(ch: str, allowed: str = "\n") -> bool:
    """Whether ``ch`` is refused in any text: a control character other than ``allowed`` (line
    ends; Markdown bodies also allow tabs), or a format character other than ZWJ/ZWNJ."""
    return (unicodedata.category(ch) == "Cc" and ch not in allowed) or _bidi_or_invisible(ch)


def invisible_problem(ch: str) -> str:
    return (f"contains the invisible character U+{ord(ch):04X}; delete it (it can hide text "
            "or make two values look the same).")


def check_id(value: str) -> str | None:
    """Return a problem with ``value`` as an id, or None if it is a valid id."""
    if len(value) > ID_MAX_LENGTH:
        return f"is {len(value)} characters long; ids are at most {ID_MAX_LENGTH}"
    if not ID_PATTERN.match(value):
        # A look-alike (Cyrillic 'а') or an invisible character cannot be seen in the name,
        # so say which character it is.
        odd = next((ch for ch in value if not ch.isascii() or unicodedata.category(ch) == "Cc"),
                   None)
        which = (f" (it contains U+{ord(odd):04X} {unicodedata.name(odd, 'CONTROL CHARACTER')})"
                 if odd else "")
        return (
            f"is not a valid id{which}: use lowercase ASCII letters, digits and single hyphens "
            f"(like {suggest_id(value) or 'my-entry'!r})"
        )
    return None


# Letters of other scripts that look exactly like Latin ones: in a suggested id they stand for
# the letter the contributor meant to type (NFKD would just drop them).
_LOOK_ALIKES = str.maketrans(
    "аеорсухіјѕԁԛԝһӏАВЕКМНОРСТУХІЈЅαοικνρχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdqwhlABEKMHOPCTYXIJSaoikvpxABEZHIKMNOPTYX",
)


def suggest_id(text: str) -> str:
    """A safe id derived from any text: 'Sheila García Mazari' -> 'sheila-garcia-mazari'."""
    text = text.translate(_LOOK_ALIKES)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:ID_MAX_LENGTH].rstrip("-")


class FieldType:
    """Base class. ``convert`` gets a non-null node and returns a value or INVALID."""

    # Whether values are mappings: a list of mappings cannot ask JSON Schema for uniqueItems.
    # (Nested, in records.py, sets it; a class attribute keeps fields free of records.)
    holds_mappings = False

    def convert(self, node: Node, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        raise NotImplementedError  # pragma: no cover - abstract

    def describe(self) -> str:
        raise NotImplementedError  # pragma: no cover - abstract

    def _scalar(self, node: Node, ctx: Context, what: str) -> Scalar | None:
        if isinstance(node, Scalar):
            return node
        ctx.error(node.pos, f"expected {what}, found {describe(node)}.")
        return None


@dataclass(frozen=True)
class Text(FieldType):
    """Plain text. Never HTML: '<' and '>' are refused so no renderer can mistake it for markup."""

    max_length: int = 200
    multiline: bool = False

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "text")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if not self.multiline:
            text = " ".join(text.split())
        problem = self._problem(text)
        if problem:
            ctx.error(scalar.pos, problem)
            return INVALID
        return text

    def _problem(self, text: str) -> str | None:
        if not text:
            return "the value is empty: fill it in or remove the line."
        if len(text) > self.max_length:
            return f"is {len(text)} characters long; at most {self.max_length} are allowed."
        if "<" in text or ">" in text:
            return (
                "plain text may not contain '<' or '>' (HTML is not allowed here); "
                "reword it, e.g. 'less than'."
            )
        suspects = text
        if text.isascii():
            # ASCII has no format characters and its controls are one character class: most
            # values skip the look-up by character below (it dominated `commons check`).
            found = _ASCII_CONTROL.search(text)
            suspects = found.group() if found else ""
        for ch in suspects:
            if invisible_character(ch):
                return invisible_problem(ch)
        return None

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "maxLength": self.max_length,
                "pattern": "^[^<>]*$"}

    def describe(self) -> str:
        return f"text, up to {self.max_length} characters, no HTML"


@dataclass(frozen=True)
class Integer(FieldType):
    minimum: int
    maximum: int

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "a whole number")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        # Checked as text: int() would take '0755' (and YAML 1.1 would make it octal 493).
        if not re.fullmatch(r"0|[1-9][0-9]{0,8}", text):
            ctx.error(
                scalar.pos,
                f"expected a whole number from {self.minimum} to {self.maximum} written with "
                f"digits and no leading zero, found {text!r}.",
            )
            return INVALID
        value = int(text)
        if not self.minimum <= value <= self.maximum:
            ctx.error(scalar.pos, f"{value} is out of range: use {self.minimum}–{self.maximum}.")
            return INVALID
        return value

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}

    def describe(self) -> str:
        return f"whole number, {self.minimum}–{self.maximum}"


# Every date the site holds is a recent or near-future one: a story's, a consent's, a deadline.
# Outside this range a value is a typo (9999-12-31 for "no end"), and the outputs that do date
# arithmetic (the calendar's next day, the feeds' times) would overflow at the ends of Python's.
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2199, 12, 31)


@dataclass(frozen=True)
class Date(FieldType):
    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "a date (YYYY-MM-DD)")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            ctx.error(scalar.pos, f"{text!r} is not a date: write YYYY-MM-DD, e.g. 2024-05-01.")
            return INVALID
        try:
            value = dt.date.fromisoformat(text)
        except ValueError as exc:
            ctx.error(scalar.pos, f"{text!r} is not a real date ({exc}).")
            return INVALID
        if not DATE_MIN <= value <= DATE_MAX:
            ctx.error(scalar.pos, f"{text} is out of range: dates run from {DATE_MIN} to "
                                  f"{DATE_MAX}; leave an unknown or open-ended date out.")
            return INVALID
        return value

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    def describe(self) -> str:
        return f"date, YYYY-MM-DD, from {DATE_MIN.year} to {DATE_MAX.year}"


@dataclass(frozen=True)
class Boolean(FieldType):
    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "true or false")
        if scalar is None:
            return INVALID
        if scalar.plain and scalar.value in ("true", "false"):
            return scalar.value == "true"
        ctx.error(scalar.pos, f"expected true or false, found {scalar.value!r}.")
        return INVALID

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "boolean"}

    def describe(self) -> str:
        return "true or false"


DANGEROUS_SCHEMES = ("javascript", "vbscript", "data", "file")


@dataclass(frozen=True)
class Url(FieldType):
    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "a web address")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        problem = url_problem(text)
        if problem:
            ctx.error(scalar.pos, problem)
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        # No '@' before the path: a user name or password would be published.
        return {"type": "string", "format": "uri",
                "pattern": "^https?://[^\\s<>\"/?#@]+([/?#][^\\s<>\"]*)?$", "maxLength": 2000}

    def describe(self) -> str:
        return "web address starting with https:// (or http://)"


def url_problem(text: str) -> str | None:
    """Why ``text`` is not an acceptable absolute web address, or None."""
    squashed = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    scheme = squashed.split(":", 1)[0] if ":" in squashed else ""
    if scheme in DANGEROUS_SCHEMES:
        return f"{scheme}: addresses are not allowed; use an https:// address."
    if len(text) > 2000:
        return "the address is longer than 2,000 characters."
    if re.search(r"[\s<>\"\\]", text) or any(unicodedata.category(c) == "Cc" for c in text):
        return "a web address may not contain spaces, quotes, '<', '>' or '\\'."
    for ch in text:  # as in Text: a bidi override can make a link read as another address
        if _bidi_or_invisible(ch) or ch in "\u200c\u200d":
            return (f"contains the invisible character U+{ord(ch):04X}; delete it "
                    "(it can hide part of the address).")
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{text!r} is not a web address: it must start with https:// (or http://)."
    if has_credentials(text):
        return CREDENTIALS_PROBLEM
    return None


CREDENTIALS_PROBLEM = (
    "the address holds a user name or password (the part before '@'): anyone who reads the "
    "site would see it. Remove it and link to the page itself."
)


def has_credentials(url: str) -> bool:
    """Whether ``url`` carries a user name or password (``https://user:pass@host/``), however
    it is written: browsers drop tabs and line breaks, read '\\' as '/' and need no slashes
    after a web scheme (``https:user@host``), so those count too. ``mailto:`` has no host."""
    squashed = re.sub(r"[\t\n\r]", "", url).replace("\\", "/").strip()
    match = re.match(r"(?i)^(?:(?:https?|ftp|wss?):/*|[a-z][a-z0-9+.-]*://|//)([^/?#]*)",
                     squashed)
    return match is not None and "@" in match.group(1)


@dataclass(frozen=True)
class Doi(FieldType):
    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "a DOI")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        for prefix in ("https://doi.org/", "https://dx.doi.org/", "doi:"):
            if text.lower().startswith(prefix):
                text = text[len(prefix):]
        odd = next((ch for ch in text if invisible_character(ch)), None)
        if odd is not None:
            ctx.error(scalar.pos, invisible_problem(odd))
            return INVALID
        if not re.fullmatch(r"10\.\d{4,9}/[^\s<>\"]+", text):
            ctx.error(scalar.pos, f"{text!r} is not a DOI: write it like 10.7302/3708.")
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "pattern": "^10\\.\\d{4,9}/\\S+$"}

    def describe(self) -> str:
        return "DOI, like 10.7302/3708"


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a fixed set of values that the software itself depends on."""

    values: tuple[str, ...]

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "one of " + ", ".join(self.values))
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if text not in self.values:
            ctx.error(scalar.pos, f"{text!r} is not allowed here: {_allowed(self.values, text)}")
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}

    def describe(self) -> str:
        return "one of: " + ", ".join(f"`{v}`" for v in self.values)


@dataclass(frozen=True)
class Vocab(FieldType):
    """A value from a controlled vocabulary in ``vocabularies.yml``."""

    name: str

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, f"a value from the {self.name} vocabulary")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if ctx.vocabularies is None:  # the vocabulary file itself is broken; reported there
            return text
        allowed = ctx.vocabularies.get(self.name, {})
        if text not in allowed:
            ctx.error(
                scalar.pos,
                f"{text!r} is not in the {self.name} vocabulary: "
                f"{_allowed(tuple(allowed), text, allowed)}"
                " (new values are added in vocabularies.yml).",
            )
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "enum": sorted(vocabularies.get(self.name, {}))}

    def describe(self) -> str:
        return f"a value from the {self.name} vocabulary"


@dataclass(frozen=True)
class Ref(FieldType):
    """The id of another entry. Existence is checked when the catalog is linked."""

    kind: str  # a key of model.KINDS

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, f"the id of a {self.kind}")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        problem = check_id(text)
        if problem:
            ctx.error(scalar.pos, f"{text!r} {problem}.")
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN.pattern, "maxLength": ID_MAX_LENGTH}

    def describe(self) -> str:
        return f"the id of a {self.kind}"


@dataclass(frozen=True)
class PagePath(FieldType):
    """A hand-written page in ``content/pages``, as a relative ``.md`` path."""

    def convert(self, node: Node, ctx: Context) -> Any:
        scalar = self._scalar(node, ctx, "a page path like about.md")
        if scalar is None:
            return INVALID
        text = scalar.value.strip()
        if not re.fullmatch(r"([a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\.md", text):
            ctx.error(
                scalar.pos,
                f"{text!r} is not a page path: write the file's path inside content/pages, "
                "like 'welcome.md' or 'guides/first-week.md'.",
            )
            return INVALID
        return text

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        return {"type": "string", "pattern": "^([a-z0-9][a-z0-9-]*/)*[a-z0-9][a-z0-9-]*\\.md$"}

    def describe(self) -> str:
        return "path of a page in content/pages, like `welcome.md`"


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0
    max_items: int = 100

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Seq):
            hint = ""
            # Only a one-line value makes a list hint (a block of text would break the line).
            if isinstance(node, Scalar) and node.value.strip() and "\n" not in node.value.strip():
                hint = f"; write it as a list: [{node.value.strip()}]"
            ctx.error(node.pos, f"expected a list, found {describe(node)}{hint}.")
            return INVALID
        if len(node.items) < self.min_items:
            ctx.error(node.pos, f"the list needs at least {self.min_items} item(s).")
            return INVALID
        if len(node.items) > self.max_items:
            ctx.error(node.pos, f"the list has {len(node.items)} items; at most {self.max_items}.")
            return INVALID
        values = []
        seen: dict[Any, Pos] = {}
        ok = True
        for item in node.items:
            if isinstance(item, Scalar) and item.is_null:
                ctx.error(item.pos, "empty list item: remove the '-' line or fill it in.")
                ok = False
                continue
            value = self.item.convert(item, ctx)
            if value is INVALID:
                ok = False
                continue
            key = value if isinstance(value, (str, int, dt.date)) else None
            if key is not None and key in seen:
                ctx.error(item.pos, f"{value!r} is listed twice (first on line {seen[key].line}).")
                ok = False
                continue
            if key is not None:
                seen[key] = item.pos
            values.append(value)
        return tuple(values) if ok else INVALID

    def json_schema(self, vocabularies: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "array",
            "items": self.item.json_schema(vocabularies),
            "maxItems": self.max_items,
        }
        if self.min_items:
            schema["minItems"] = self.min_items
        if not self.item.holds_mappings:
            schema["uniqueItems"] = True
        return schema

    def describe(self) -> str:
        return f"list of {self.item.describe()}" + (
            f" (at least {self.min_items})" if self.min_items else ""
        )


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("-", " ").replace("_", " ").split())


def _by_words(terms: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Every name of every value, folded, to (the value, the name as written): the value's id,
    its label and its other names (``also_called``), as vocabularies.yml gives them."""
    names: dict[str, tuple[str, str]] = {}
    for value, term in terms.items():
        for name in (value, getattr(term, "label", ""), *getattr(term, "also_called", ())):
            if name:
                names.setdefault(_fold(name), (value, name))
    return names


def suggest_value(values: tuple[str, ...], given: str,
                  terms: Mapping[str, Any] | None = None) -> tuple[str, str | None] | None:
    """The allowed value ``given`` most likely meant, and the label or other name of it that
    matched (None when the value itself did). A vocabulary's words come first: a reader's word
    ("library assistant") finds its value ("staff") where spelling alone finds "librarian"."""
    import difflib

    names = _by_words(terms or {})
    folded = _fold(given)
    if folded in names:
        value, name = names[folded]
        return value, None if name == value else name
    # A prefix ("early" for "early-career") is the commonest slip; difflib alone misses it.
    prefixed = [v for v in values if given and v.startswith(given)]
    if prefixed:
        return prefixed[0], None
    close = difflib.get_close_matches(folded, list(names), n=1, cutoff=0.75) if names else []
    if close:
        value, name = names[close[0]]
        return value, None if name == value else name
    spelled = difflib.get_close_matches(given, values, n=1)
    return (spelled[0], None) if spelled else None


def _allowed(values: tuple[str, ...], given: str,
             terms: Mapping[str, Any] | None = None) -> str:
    suggestion = suggest_value(values, given, terms)
    hint = ""
    if suggestion is not None:
        value, name = suggestion
        label = getattr((terms or {}).get(value), "label", "")
        why = ("" if not name else f" ({name})" if name == label else
               f" ({label}, also called {name})" if label else f" (also called {name})")
        hint = f"did you mean {value!r}{why}? "
    listed = ", ".join(values) if values else "(none defined)"
    return hint + f"allowed values are {listed}."
