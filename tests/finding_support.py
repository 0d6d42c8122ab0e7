"""Helpers for the "finding your way" tests: a tiny HTML tree with CSS-like selection, loading
fixture content into site data without a build, and building a fixture site once per module."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import TODAY, Site, base_files, mkdocs_yml
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.publish.boundary import Edition, select
from mentoring_commons.core.site.data import SiteData, build_site_data

VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
        "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    @property
    def text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.text)
        return " ".join("".join(parts).split())

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def matches(self, simple: str) -> bool:
        """``tag``, ``.class``, ``#id``, ``[attr]``, ``[attr=value]`` and combinations."""
        rest = simple
        tag = re.match(r"^[a-zA-Z][\w-]*", rest)
        if tag:
            if self.tag != tag.group().lower():
                return False
            rest = rest[tag.end():]
        for part in re.findall(r"\.[\w-]+|#[\w-]+|\[[^\]]+\]", rest):
            if part.startswith(".") and part[1:] not in self.classes:
                return False
            if part.startswith("#") and self.attrs.get("id") != part[1:]:
                return False
            if part.startswith("["):
                name, _, value = part[1:-1].partition("=")
                if name not in self.attrs:
                    return False
                if value and self.attrs[name] != value.strip("\"'"):
                    return False
        return True

    def select(self, selector: str) -> list[Node]:
        """Descendant selectors only: ``"section#related li a"``."""
        nodes = [self]
        for simple in selector.split():
            found: list[Node] = []
            for node in nodes:
                found += [n for n in node.iter() if n.matches(simple) and n not in found]
            nodes = found
        return nodes

    def one(self, selector: str) -> Node:
        found = self.select(selector)
        assert len(found) == 1, f"{selector!r}: {len(found)} matches"
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs},
                                          parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def tree(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def article(site: Site, rel: str) -> Node:
    """The main content of a built page."""
    return tree(site.html(rel)).one("article")


# -- content and builds ------------------------------------------------------------------------


def write_content(root: Path, overrides: dict[str, str | None] | None = None) -> None:
    files = {**base_files(), **(overrides or {})}
    for rel, text in files.items():
        if text is None:
            continue
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def load_site_data(root: Path, overrides: dict[str, str | None] | None = None,
                   edition: str = "public") -> SiteData:
    """Fixture content -> published site data, as the plugin makes it, without a build."""
    write_content(root, overrides)
    catalog, report = check_content(root / "content", today=dt.date.fromisoformat(TODAY))
    assert not report.has_errors, [str(i) for i in report.sorted()]
    published = select(catalog, Edition(edition, dt.date.fromisoformat(TODAY)))  # type: ignore[arg-type]
    return build_site_data(published)


def build_once(root: Path, overrides: dict[str, str | None] | None = None, *,
               scripts: bool = False) -> Site:
    """Write and build a fixture site (for module-scoped fixtures: make_site is per test);
    ``scripts`` adds the theme's finding styles and scripts, as the shipped mkdocs.yml does."""
    write_content(root, overrides)
    site = Site(root)
    config = mkdocs_yml()
    if scripts:
        config = config.replace(
            "extra_css: [assets/commons.css]\n",
            "extra_css: [assets/commons.css, assets/finding.css]\n"
            "extra_javascript: [assets/facets.js, assets/checklist.js, assets/worksheet.js]\n")
        assert "facets.js" in config
    site.write("mkdocs.yml", config)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        site.build()
    assert os.path.isdir(site.site_dir)
    return site


def narrative_md(title: str, authors: str, *, forms: str = "[peer]", topics: str = "[]",
                 programs: str = "[]", extra: str = "", naming: str = "named",
                 visibility: str = "public", date: str = "2025-03-01",
                 body: str | None = None) -> str:
    body = body or f"This is the story called {title}, told in a body of its own."
    pseudonym = "\n  pseudonym: A. Nonymous" if naming == "pseudonym" else ""
    return (f"---\ntitle: {title}\nauthors: {authors}\nsummary: {title}.\ndate: {date}\n"
            f"forms: {forms}\ntopics: {topics}\nprograms: {programs}\n{extra}"
            f"visibility: {visibility}\nconsent:\n  naming: {naming}\n  given: 2025-01-10"
            f"{pseudonym}\n---\n{body}\n")


def person_yml(name: str, *, stage: str = "early-career", extra: str = "",
               visibility: str = "public", naming: str = "named") -> str:
    return (f"name: {name}\nroles: [librarian]\ncareer_stage: {stage}\n{extra}"
            f"visibility: {visibility}\nconsent:\n  naming: {naming}\n  given: 2025-01-10\n")
