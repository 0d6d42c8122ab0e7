"""The shipped content: clean, complete, cited, and in the project's own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO
from mentoring_commons.core.check.validate import check_content

SOURCES = REPO.parent / "shared" / "sources"
RUN = 12  # words: no run this long may be shared with a source


@pytest.fixture(scope="module")
def catalog():
    catalog, report = check_content(REPO / "content")
    assert [str(d) for d in report.sorted()] == []
    return catalog


def test_minimum_content(catalog):
    assert len(catalog.narratives) >= 6
    assert len(catalog.programs) >= 12
    assert len(catalog.recommendations) >= 12
    assert len(catalog.glossary) >= 10
    assert len(catalog.paths) >= 1
    audiences = {r.audience for r in catalog.recommendations.values()}
    assert {"individuals", "institutions", "mentoring-pairs"} <= audiences
    # every person who authored a narrative has an entry
    authors = {a for n in catalog.narratives.values() for a in n.authors}
    assert authors <= set(catalog.people)


def test_every_entry_cites_its_source(catalog):
    for n in catalog.narratives.values():
        assert n.source or n.published, n.id
    for p in catalog.people.values():
        assert p.published or p.consent, p.id
    for p in catalog.programs.values():
        assert p.source, p.id
    for t in catalog.glossary.values():
        assert t.source, t.id


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def _shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def prose(catalog) -> dict[str, str]:
    """Everything written in the project's own words (not titles of cited works or URLs)."""
    texts = {}
    for n in catalog.narratives.values():
        lessons = (*n.editorial.steps, *n.editorial.cautions) if n.editorial else ()
        texts[f"narrative {n.id}"] = " ".join((n.title, n.summary, n.body, *lessons))
    for r in catalog.recommendations.values():
        editorial = (*r.editorial.steps, *r.editorial.cautions) if r.editorial else ()
        texts[f"recommendation {r.id}"] = " ".join((r.title, r.summary, r.body, *editorial))
    for p in catalog.people.values():
        texts[f"person {p.id}"] = p.bio or ""
    for p in catalog.programs.values():
        texts[f"program {p.id}"] = p.description
    for t in catalog.glossary.values():
        texts[f"term {t.id}"] = t.definition
    for path in catalog.paths.values():
        texts[f"path {path.id}"] = " ".join(
            " ".join((s.text, s.editorial or "")) for s in path.steps)
    for v in catalog.vocabularies.values():
        for term in v.values():
            texts[f"vocabulary {term.id}"] = term.definition
    for rel, page in catalog.pages.items():
        texts[f"page {rel}"] = page.body
    return texts


@pytest.mark.skipif(not SOURCES.is_dir(), reason="../shared/sources is not beside the repo")
def test_no_long_run_is_copied_from_the_sources(catalog):
    source_shingles: set[tuple[str, ...]] = set()
    for source in sorted(SOURCES.glob("*.txt")):
        source_shingles |= _shingles(_words(source.read_text(encoding="utf-8")), RUN)
    copied = {
        name: " ".join(next(iter(_shingles(_words(text), RUN) & source_shingles)))
        for name, text in prose(catalog).items()
        if _shingles(_words(text), RUN) & source_shingles
    }
    assert copied == {}


def test_sources_folder_is_found_in_ci():
    # CI runs with ../shared beside the clone; make a missing folder visible, not silent.
    if not SOURCES.is_dir():
        pytest.skip(f"{SOURCES} not present")
    assert any(Path(SOURCES).glob("*.txt"))
