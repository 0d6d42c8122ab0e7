"""Glossary terms linked at their first use on a page, with a short definition as tooltip.

Runs on sanitised body HTML (nh3's output: balanced tags, quoted attributes, no comments), so
a small tokenizer is enough: tags pass through untouched, and only text outside links,
headings, code and other interactive or technical elements is searched. Each term, under its
own name or any alias, is linked once per page: whole words, any case, the longest name
winning where names overlap ("cross-institutional peer mentoring" before "peer mentoring").

The same matcher finds which entries mention a term (``terms_in_markdown``), for the
glossary's "used in" backlinks; one regular expression holds every name, so scanning is linear
in the length of the text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["TermMatcher", "build_matcher", "link_terms", "terms_in_markdown", "tooltip"]

# Text inside these is never linked: links and headings, code, form controls, and elements
# whose text is already a name or a definition.
SKIP = frozenset({
    "a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "var", "abbr",
    "dfn", "button", "label", "summary", "select", "option", "textarea", "script", "style",
    "svg", "title",
})
VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                  "track", "wbr"})
TOOLTIP_CHARS = 160
_QUOTES = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'}
_TOKEN = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>|[^<]+""")
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)")


def _key(text: str) -> str:
    for curly, straight in _QUOTES.items():
        text = text.replace(curly, straight)
    return " ".join(text.casefold().split())


def _atoms(key: str) -> list[str]:
    """A normalised name as regex atoms: any run of spaces matches any whitespace, and a
    straight quote matches a curly one."""
    atoms: list[str] = []
    for i, word in enumerate(key.split()):
        if i:
            atoms.append(r"\s+")
        for ch in word:
            if ch in "'\u2018\u2019":
                atoms.append("['\u2018\u2019]")
            elif ch in '"\u201c\u201d':
                atoms.append('["\u201c\u201d]')
            else:
                atoms.append(re.escape(ch))
    return atoms


def _trie_pattern(keys: Iterable[str]) -> str:
    """One expression for every name, factored by common prefix: matching costs the depth of
    the trie at each position, not the number of names, and the longest name wins."""
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for atom in _atoms(key):
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [atom + emit(node[atom]) for atom in sorted(node) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def tooltip(term: Any) -> str:
    """The definition's first sentence, shortened to a tooltip's length."""
    text = " ".join(term.definition.split())
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    if len(first) > TOOLTIP_CHARS:
        first = first[: TOOLTIP_CHARS - 1].rsplit(" ", 1)[0] + "\u2026"
    return first


@dataclass(frozen=True)
class TermMatcher:
    pattern: re.Pattern[str] | None  # over lowercased text (faster than IGNORECASE)
    ids: Mapping[str, str]  # normalised name or alias -> term id
    tips: Mapping[str, str]  # term id -> tooltip
    fallback: re.Pattern[str] | None = None  # IGNORECASE, for text whose length lower() changes

    def find(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, term id) of every name in ``text``, left to right, not overlapping."""
        if self.pattern is None:
            return
        lowered = text.lower()
        if len(lowered) == len(text):
            matches = self.pattern.finditer(lowered)
        else:  # e.g. a dotted capital I: offsets would drift, so match case-insensitively
            assert self.fallback is not None
            matches = self.fallback.finditer(text)
        for match in matches:
            term_id = self.ids.get(_key(text[match.start():match.end()]))
            if term_id is not None:
                yield match.start(), match.end(), term_id


def build_matcher(glossary: Mapping[str, Any]) -> TermMatcher:
    ids: dict[str, str] = {}
    names: list[str] = []
    for term in glossary.values():
        for name in (term.term, *term.aliases):
            key = _key(name)
            if key and key not in ids:  # the first term to claim a name keeps it
                ids[key] = term.id
                names.append(" ".join(name.lower().split()))
    if not ids:
        return TermMatcher(None, {}, {})
    trie = _trie_pattern(names)
    return TermMatcher(
        re.compile(rf"(?<![\w-]){trie}(?![\w-])"), ids,
        {t.id: tooltip(t) for t in glossary.values()},
        re.compile(rf"(?<![\w-]){trie}(?![\w-])", re.IGNORECASE),
    )


_cache: tuple[Mapping[str, Any], TermMatcher] | None = None


def _matcher_for(glossary: Mapping[str, Any]) -> TermMatcher:
    """One matcher per glossary: built once per build, not once per page, and kept across
    the rebuilds of `mkdocs serve` while the glossary is unchanged (an equal dict of terms)."""
    global _cache
    kept = _cache
    if kept is None or kept[0] is not glossary:
        # Each build's glossary is a new dict: compared once, then known by identity (a
        # build asks for every body it looks through, and comparing every term each time was
        # a tenth of a second of a rebuild at 10,000 narratives).
        if kept is None or kept[0] != glossary:
            kept = (glossary, build_matcher(glossary))
        kept = _cache = (glossary, kept[1])
    return kept[1]


def link_terms(fragment: str, glossary: Mapping[str, Any] | TermMatcher,
               glossary_url: str) -> str:
    """``fragment`` with the first use of each glossary term linked to ``glossary_url#id``."""
    matcher = glossary if isinstance(glossary, TermMatcher) else _matcher_for(glossary)
    if matcher.pattern is None:
        return fragment
    used: set[str] = set()
    skipping: dict[str, int] = {}
    out: list[str] = []
    for token in _TOKEN.findall(fragment):
        if token.startswith("<"):
            name_match = _TAG_NAME.match(token)
            if name_match:
                name = name_match.group(1).lower()
                if name in SKIP and name not in VOID:
                    if token.startswith("</"):
                        skipping[name] = max(0, skipping.get(name, 0) - 1)
                    elif not token.endswith("/>"):
                        skipping[name] = skipping.get(name, 0) + 1
            out.append(token)
        elif any(skipping.values()):
            out.append(token)
        else:
            out.append(_link_text(token, matcher, used, glossary_url))
    return "".join(out)


def _link_text(raw: str, matcher: TermMatcher, used: set[str], glossary_url: str) -> str:
    text = html.unescape(raw)
    pieces: list[str] = []
    last = 0
    for start, end, term_id in matcher.find(text):
        if term_id in used:
            continue
        used.add(term_id)
        pieces.append(html.escape(text[last:start], quote=False))
        pieces.append(
            f'<a class="mc-term" href="{html.escape(glossary_url)}#{html.escape(term_id)}" '
            f'title="{html.escape(matcher.tips.get(term_id, ""))}" '
            f'data-term="{html.escape(term_id)}">{html.escape(text[start:end], quote=False)}</a>'
        )
        last = end
    if not pieces:
        return raw  # untouched, byte for byte
    pieces.append(html.escape(text[last:], quote=False))
    return "".join(pieces)


# -- "used in" backlinks ------------------------------------------------------------------------

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_HTML_TAG = re.compile(r"<[^>\n]*>")
_URL = re.compile(r"https?://\S+")


def terms_in_markdown(glossary: Mapping[str, Any] | TermMatcher,
                      texts: Iterable[str]) -> list[str]:
    """Ids of the terms mentioned in any of ``texts`` (Markdown or plain), in order of first
    mention. Code, link targets, tags and URLs are not prose and are left out."""
    matcher = glossary if isinstance(glossary, TermMatcher) else _matcher_for(glossary)
    found: dict[str, None] = {}
    for text in texts:
        found.update(dict.fromkeys(_terms_in(matcher, text)))
    return list(found)


# The terms each text mentions, for one matcher. Every build looks through every body for the
# glossary's backlinks; under `mkdocs serve` that was most of a second per rebuild at 3,000
# narratives, for bodies that had not changed.
_TERMS_FOUND: dict[str, tuple[str, ...]] = {}
_terms_found_by: TermMatcher | None = None
_TERMS_FOUND_MAX = 100_000


def _terms_in(matcher: TermMatcher, text: str) -> tuple[str, ...]:
    global _terms_found_by
    if _terms_found_by is not matcher:
        _TERMS_FOUND.clear()
        _terms_found_by = matcher
    found = _TERMS_FOUND.get(text)
    if found is None:
        prose = text
        for pattern in (_FENCE, _INLINE_CODE, _LINK_TARGET, _HTML_TAG, _URL):
            prose = pattern.sub(" ", prose)
        found = tuple(dict.fromkeys(term_id for _s, _e, term_id in matcher.find(prose)))
        if len(_TERMS_FOUND) >= _TERMS_FOUND_MAX:
            _TERMS_FOUND.clear()
        _TERMS_FOUND[text] = found
    return found
