"""Contributor Markdown to safe HTML, and the checks that explain what was refused.

Contributor text is untrusted. It is rendered by a Markdown instance of our own, with a fixed
extension set (no ``attr_list``, so ``{ onclick=... }`` stays text) and then cleaned by nh3, an
allow-list sanitiser, tuned to keep what Material's features produce: admonitions, details,
content tabs, highlighted code, tables, footnotes and icons. ``check_body`` runs before that and
turns script-capable HTML into located errors, so a contributor learns why; the sanitiser is the
guarantee even when a check is missed.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3

from ..model.fields import CREDENTIALS_PROBLEM, DANGEROUS_SCHEMES, has_credentials
from .characters import strip_invisible


def _extensions() -> tuple[list[Any], dict[str, dict[str, Any]]]:
    extensions: list[Any] = [
        "abbr", "admonition", "def_list", "footnotes", "tables", "sane_lists",
        "toc",
        "pymdownx.details", "pymdownx.superfences", "pymdownx.inlinehilite",
        "pymdownx.highlight", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.mark",
        "pymdownx.tilde", "pymdownx.caret", "pymdownx.smartsymbols",
    ]
    configs: dict[str, dict[str, Any]] = {
        # The page title is the only h1; bodies start their sections at "##" (h2), and a
        # "#" heading is reported by check_body.
        "toc": {"permalink": False, "toc_depth": "2-4"},
        "pymdownx.highlight": {"anchor_linenums": False, "pygments_lang_class": True},
        "pymdownx.tabbed": {"alternate_style": True},
        "pymdownx.tasklist": {"custom_checkbox": True},
        "footnotes": {"UNIQUE_IDS": True},
    }
    try:  # Material's icon set; optional so the core does not need the theme installed
        from material.extensions import emoji  # type: ignore[import-untyped]

        extensions.append("pymdownx.emoji")
        configs["pymdownx.emoji"] = {
            "emoji_index": emoji.twemoji, "emoji_generator": emoji.to_svg,
        }
    except ImportError:  # pragma: no cover - Material is a dependency
        pass
    return extensions, configs


# Renders by text, shared by every renderer (all have the same extensions): the page, the feeds
# and the exports each convert a body, and under `mkdocs serve` every rebuild does; this way a
# body is converted once per process. Bounded; the oldest entries go first.
_MEMO: dict[str, tuple[str, list[dict[str, Any]]]] = {}
_MEMO_MAX_ENTRIES = 40_000


def forget_renders() -> None:
    """Let go of every remembered render, when no other build follows in this process (the
    memo holds every body of the site twice, as Markdown and as HTML: 75 MB at 10,000
    narratives)."""
    _MEMO.clear()


class MarkdownRenderer:
    """One Markdown instance, built on first use (that costs seconds: the icon index) and reset
    between documents. Results are memoised by text across instances."""

    def __init__(self) -> None:
        self._md: markdown.Markdown | None = None
        self._toc: list[dict[str, Any]] = []

    def render(self, text: str) -> str:
        hit = _MEMO.get(text)
        if hit is None:
            if self._md is None:
                extensions, configs = _extensions()
                self._md = markdown.Markdown(extensions=extensions, extension_configs=configs)
            self._md.reset()
            hit = (self._md.convert(text), list(getattr(self._md, "toc_tokens", [])))
            if len(_MEMO) >= _MEMO_MAX_ENTRIES:
                del _MEMO[next(iter(_MEMO))]
            _MEMO[text] = hit
        self._toc = hit[1]
        return hit[0]

    @property
    def toc_tokens(self) -> list[dict[str, Any]]:
        """The headings of the last text rendered (a copy: callers may change it)."""
        return copy.deepcopy(self._toc)


_TEXT_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "a", "strong", "em", "b", "i", "u", "s",
    "del", "ins", "mark", "sub", "sup", "small", "abbr", "blockquote", "q", "cite", "code",
    "pre", "kbd", "samp", "var", "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody",
    "tfoot", "tr", "th", "td", "caption", "img", "figure", "figcaption", "details", "summary",
    "div", "span", "input", "label", "svg", "path",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start", "type"},
    "li": {"value"},
    "details": {"open"},
    "input": {"type", "name", "checked", "disabled"},
    "label": {"for"},
    "svg": {"xmlns", "viewbox", "viewBox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d", "fill-rule", "clip-rule"},
}
# Material's own controls have ids starting with "__" (the drawer, search, palette toggles);
# contributor HTML must not be able to clobber them. Tabs and footnotes get our own ids; a
# tab set's radio inputs share the name "__tabbed_N" (without it, the tabs do not switch).
_OWN_ID = re.compile(r"__tabbed_\d+(_\d+)?|[a-z0-9][\w:.-]*", re.ASCII)


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr in ("href", "src") and (dangerous_url(value) or has_credentials(value)):
        # nh3 reads a URL as browsers do, so "java   script:" (a tab Markdown expanded) is a
        # harmless relative link to it; but it is what check_body refuses, so it goes too.
        return None
    if attr == "src" and remote_url(value):
        # A reader's browser would fetch it from another site: who reads what, to a third
        # party, and a hole in the offline copy. check_body refuses it first.
        return None
    if attr in ("id", "for", "name"):
        return value if _OWN_ID.fullmatch(value) and not value.startswith("__md") else None
    if attr == "type" and tag == "input":
        return value if value in ("radio", "checkbox") else None
    return value


def _make_cleaner(tags: set[str]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_attribute_filter,
        url_schemes={"http", "https", "mailto"},
        filter_style_properties={"text-align"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


_CLEANER = _make_cleaner(_TEXT_TAGS)
# Hand-written pages have their own h1 (the page heading); bodies of entries do not.
_PAGE_CLEANER = _make_cleaner(_TEXT_TAGS | {"h1"})


def sanitize(fragment: str) -> str:
    """Clean an HTML fragment: allow-listed tags and attributes only, safe URLs only, nothing
    fetched from another site, no invisible characters, and balanced (an unclosed tag cannot
    swallow the page after it)."""
    return strip_invisible(_CLEANER.clean(fragment))


def sanitize_page(fragment: str) -> str:
    """Like ``sanitize``, for a hand-written page, which keeps its h1."""
    return strip_invisible(_PAGE_CLEANER.clean(fragment))


def render_body(renderer: MarkdownRenderer, text: str) -> str:
    return sanitize(renderer.render(text))


# -- checks ------------------------------------------------------------------------------------

_SCRIPT_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "form",
                "meta", "link", "base", "style", "template", "portal"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data",
                   "background", "srcset", "ping", "cite"}


def _url_scheme(value: str) -> str:
    """The scheme a URL would have once entities, controls and any whitespace are removed."""
    squashed = re.sub(r"[\s\x00-\x20\x7f]", "", html.unescape(value)).lower()
    return squashed.split(":", 1)[0] if ":" in squashed else ""


def dangerous_url(value: str) -> bool:
    return _url_scheme(value) in DANGEROUS_SCHEMES


def remote_url(value: str) -> bool:
    """Whether a browser would fetch ``value`` from somewhere other than the site itself: it
    has a scheme (``https:``, ``ftp:``...) or starts with two slashes (``//host/x``)."""
    squashed = re.sub(r"[\s\x00-\x20\x7f]", "", html.unescape(value)).replace("\\", "/")
    return squashed.startswith("//") or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", squashed) is not None


# Attributes whose URL the browser fetches by itself, on any element (srcset holds a list).
_FETCH_ATTRIBUTES = {"src", "srcset", "imagesrcset", "poster", "data", "background", "lowsrc",
                     "dynsrc", "ping", "xlink:href", "codebase", "archive", "manifest",
                     "longdesc"}
# Elements whose href is fetched, not followed (SVG images and uses; link is refused anyway).
_FETCH_HREF_TAGS = {"image", "use", "feimage", "link", "script"}
_CSS_URL = re.compile(r"url\s*\(\s*['\"]?([^'\")\s]*)", re.IGNORECASE)


def fetched_urls(tag: str, name: str, value: str) -> list[str]:
    """The URLs a browser would fetch because of this attribute, as written."""
    if name in ("srcset", "imagesrcset"):
        return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
    if name in _FETCH_ATTRIBUTES or (name == "href" and tag in _FETCH_HREF_TAGS):
        return [value]
    if name == "style":
        return _CSS_URL.findall(value)
    return []


def _host(url: str) -> str:
    squashed = re.sub(r"[\s\x00-\x20\x7f]", "", html.unescape(url)).replace("\\", "/")
    after = squashed.split("//", 1)[1] if "//" in squashed else squashed.split(":", 1)[-1]
    return re.split(r"[/?#]", after, maxsplit=1)[0].rsplit("@", 1)[-1] or "another site"


@dataclass(frozen=True, slots=True)
class BodyProblem:
    line: int  # 1-based, within the body
    col: int
    severity: str
    message: str


_REMOTE_HINT_ENTRY = (
    "remove it, or ask a maintainer to add the file to the site; link to the other site with "
    "[text](address) instead."
)
_REMOTE_HINT_PAGE = (
    "save the file in content/pages/ next to this page and use its relative path, e.g. "
    "![description](picture.png); link to the other site with [text](address) instead."
)


class _Scanner(HTMLParser):
    def __init__(self, allow_h1: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.allow_h1 = allow_h1
        self.found: list[tuple[str, str, str]] = []  # (severity, needle, message)
        self.in_code = 0  # inside <code> or <pre>, text only shows markup

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "pre"):
            self.in_code += 1
        if tag in _SCRIPT_TAGS:
            self.found.append(("error", f"<{tag}",
                               f"a <{tag}> element is not allowed: it could run code or load "
                               "content from elsewhere. Remove it."))
        elif tag == "h1" and not self.allow_h1:
            self.found.append(("warning", "#",
                               "a '#' heading is the page title, which the site adds itself: "
                               "start sections with '##'."))
        elif tag not in _TEXT_TAGS and tag != "h1":
            self.found.append(("warning", f"<{tag}",
                               f"the <{tag}> element is not supported and will be removed; "
                               "use Markdown formatting instead."))
        for name, value in attrs:
            remote = [url for url in fetched_urls(tag, name, value or "") if remote_url(url)]
            if name.startswith("on"):
                self.found.append(("error", name,
                                   f"the {name} attribute is not allowed: event handlers run "
                                   "code. Remove it."))
            elif name in _URL_ATTRIBUTES and value and dangerous_url(value):
                self.found.append(("error", value[:20] or name,
                                   f"a {_url_scheme(value)}: link is not allowed; link to an "
                                   "https:// address or a page of the site."))
            elif (name in _URL_ATTRIBUTES or name == "style") and value and has_credentials(
                    value):
                self.found.append(("error", value[:20], CREDENTIALS_PROBLEM))
            elif remote and tag not in _SCRIPT_TAGS:  # those are refused whatever they load
                hint = _REMOTE_HINT_PAGE if self.allow_h1 else _REMOTE_HINT_ENTRY
                what = "an image" if tag == "img" else f"a <{tag}> {name}"
                self.found.append(("error", remote[0][:20],
                                   f"{what} from {_host(remote[0])} would be fetched from that "
                                   "site by every reader's browser (telling it who reads the "
                                   f"page, and failing offline): {hint}"))
            elif name == "style":
                self.found.append(("warning", name,
                                   "style attributes are removed from contributor text."))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre") and self.in_code:
            self.in_code -= 1

    def handle_data(self, data: str) -> None:
        # Attribute lists are looked for in the rendered text, not the source lines, so one
        # shown in `code` (as a page explaining them would) is not taken for a real one.
        if self.in_code:
            return
        for match in _ATTR_LIST.finditer(data):
            if re.search(r"\bon\w+\s*=", match.group()):
                self.found.append(("error", match.group(),
                                   "attribute lists cannot add event handlers; remove "
                                   f"{match.group()!r}."))
            elif not self.allow_h1:
                # Hand-written pages are rendered by MkDocs with attr_list on (the sanitiser
                # still removes anything unsafe); only entry bodies show the list as text.
                self.found.append(("warning", match.group(),
                                   f"attribute lists like {match.group()!r} are not supported "
                                   "in contributor text and show as written; remove it."))


_ATTR_LIST = re.compile(r"\{\s*[:#.]?[^}\n]*=[^}\n]*\}")


# Everything check_body reports comes from raw HTML ('<'), entities ('&'), a single '#' or
# '=' (an h1; attribute lists, tab and fence options), '|' (aligned table cells carry a style),
# '@' (an address with a password), an image ('!['), an icon shortcode (its SVG) or a link to
# a dangerous scheme. Text with none of these renders
# to allow-listed tags and attributes only, so checking it needs no rendering: that keeps
# `commons check` near the speed of parsing (tests/test_scale.py holds the two paths equal).
_MAY_NEED_SCAN_CHARS = "<&=|{@"
_SHORTCODE = re.compile(r":[\w+-]+:")
# A scheme and its colon with anything dangerous_url ignores between them, in lowercased text.
_GAP = r"[\s\x00-\x20\x7f]*"
_SCHEME = re.compile("|".join(_GAP.join(map(re.escape, scheme)) + _GAP + ":"
                              for scheme in DANGEROUS_SCHEMES))


def _lone_hash(text: str) -> bool:
    """Whether ``text`` has a '#' with no '#' on either side (``##`` headings are allowed)."""
    at = text.find("#")
    while at != -1:
        end = at + 1
        while end < len(text) and text[end] == "#":
            end += 1
        if end - at == 1:
            return True
        at = text.find("#", end)
    return False


def needs_scan(text: str) -> bool:
    """False when ``text`` cannot render to anything ``check_body`` would report."""
    # Plain membership tests and literal-led patterns: a lookbehind-led alternation costs
    # ~40x more, which at 10,000 bodies was seconds of `commons check`.
    if any(char in text for char in _MAY_NEED_SCAN_CHARS):
        return True
    if _lone_hash(text):
        return True
    if _SHORTCODE.search(text) or "![" in text:  # an icon's SVG; an image, perhaps remote
        return True
    return ":" in text and _SCHEME.search(text.lower()) is not None


def check_body(
    renderer: MarkdownRenderer, text: str, *, allow_h1: bool = False
) -> Iterator[BodyProblem]:
    """Explain, with a line each, what the sanitiser would remove from ``text``. Hand-written
    pages (``allow_h1``) carry their own title heading; entry bodies do not."""
    if not needs_scan(text):
        return
    scanner = _Scanner(allow_h1)
    scanner.feed(renderer.render(text))
    scanner.close()
    lines = text.split("\n")
    used: set[tuple[int, int]] = set()
    for severity, needle, message in scanner.found:
        line, col = _locate(lines, needle, used)
        used.add((line, col))
        yield BodyProblem(line, col, severity, message)


def _locate(lines: list[str], needle: str, used: set[tuple[int, int]]) -> tuple[int, int]:
    """The first place ``needle`` occurs that no earlier problem was reported at. It may only
    occur after entity decoding (``&#106;avascript:``), so decoded lines are searched too."""
    # Markdown expands tabs to spaces before the scanner sees the HTML: any run of whitespace
    # in the needle matches any run in the source.
    parts = needle.lower().split()
    if not parts:
        return 1, 1
    pattern = re.compile(r"\s+".join(map(re.escape, parts)))
    for decode in (False, True):
        for number, line in enumerate(lines, start=1):
            haystack = (html.unescape(line) if decode else line).lower()
            for match in pattern.finditer(haystack):
                if (number, match.start() + 1) not in used:
                    return number, match.start() + 1
    return 1, 1
