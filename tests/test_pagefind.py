"""The optional Pagefind step: off, auto and required, and a real index when it is installed."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path

import pytest
from mentoring_commons.mkdocs import pagefind
from mentoring_commons.mkdocs.pagefind import run_pagefind
from mkdocs.exceptions import PluginError

QUERY = Path(__file__).resolve().parent.parent / "benchmarks/pagefind_query.mjs"


def test_off_does_nothing(tmp_path: Path) -> None:
    assert run_pagefind(tmp_path, "off", command=["false"]) is None


def test_missing_pagefind_is_news_in_auto_and_an_error_when_required(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pagefind, "pagefind_command", lambda: None)
    caplog.set_level(logging.INFO)
    assert run_pagefind(tmp_path, "auto") is None
    assert [r.levelname for r in caplog.records] == ["INFO"]  # not a warning: strict builds pass
    assert "pip install 'pagefind[bin]'" in caplog.text
    with pytest.raises(PluginError, match="not installed"):
        run_pagefind(tmp_path, "required")
    with pytest.raises(PluginError, match="one of off, auto, required"):
        run_pagefind(tmp_path, "sometimes")


def test_a_failing_pagefind_fails_the_build(tmp_path: Path) -> None:
    with pytest.raises(PluginError, match=r"Pagefind failed \(exit 1\)"):
        run_pagefind(tmp_path, "auto", command=["false"])


@pytest.mark.skipif(pagefind.pagefind_command() is None, reason="pagefind[bin] not installed")
def test_the_built_site_gets_a_chunked_index_that_answers_a_query(make_site) -> None:
    site = make_site()
    site.build()
    run = run_pagefind(site.site_dir, "required")
    assert run is not None and run.bundle == site.site_dir / "pagefind"
    entry = json.loads((run.bundle / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] >= 8
    assert list(run.bundle.glob("index/*.pf_index")) and list(run.bundle.glob("fragment/*"))
    if shutil.which("node") is None:
        pytest.skip("node is needed to run a query")
    probe = subprocess.run(["node", str(QUERY), str(run.bundle), "lunch club"],
                           capture_output=True, text=True, check=True)
    assert "first_result" in probe.stdout and "results: 0" not in probe.stdout


def pagefind_site(make_site, **overrides):
    """The base fixture with ``pagefind: on`` and without Material's search, as a large site
    would be configured."""
    site = make_site(overrides or None)
    config = (site.root / "mkdocs.yml").read_text("utf-8")
    config = config.replace("  - search\n", "").replace(
        "      edition: public\n", "      edition: public\n      pagefind: \"on\"\n")
    assert "pagefind: \"on\"" in config and "- search" not in config
    site.write("mkdocs.yml", config)
    return site


@pytest.mark.skipif(pagefind.pagefind_command() is None, reason="pagefind[bin] not installed")
def test_pagefind_on_adds_a_search_page_and_indexes_the_published_site(make_site) -> None:
    site = pagefind_site(make_site)
    site.build()
    page = site.html("search/index.html")
    assert 'role="search"' in page
    assert 'data-mc-search="../pagefind/pagefind.js" data-mc-root="../"' in page
    assert '<label for="mc-search-q">' in page and 'src="../assets/search.js"' in page
    assert (site.site_dir / "assets/search.js").is_file()
    assert not (site.site_dir / "search/search_index.json").exists()
    # Entries and hand-written pages are indexed; listings, which repeat the entries'
    # summaries, and the search page are not.
    indexed = {path.parent.relative_to(site.site_dir).as_posix()
               for path in site.site_dir.rglob("index.html")
               if "data-pagefind-body" in path.read_text("utf-8")}
    assert {"narratives/ana-finding-my-people", "people/ana", "programs/lunch-club",
            "recommendations/join-a-peer-group-early", "glossary", "."} <= indexed
    assert not indexed & {"narratives", "people", "programs", "recommendations", "search"}
    entry = json.loads((site.site_dir / "pagefind/pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(indexed)


def test_pagefind_on_without_pagefind_fails_the_build_with_the_fix(
    make_site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from conftest import build_fails

    monkeypatch.setattr(pagefind, "pagefind_command", lambda: None)
    site = pagefind_site(make_site)
    errors = build_fails(site, caplog)
    assert any("pip install 'pagefind[bin]'" in e for e in errors)


def test_pagefind_off_has_no_search_page(make_site) -> None:
    site = make_site()
    site.build()
    assert not (site.site_dir / "search/index.html").exists()
    assert not (site.site_dir / "pagefind").exists()


@pytest.mark.skipif(pagefind.pagefind_command() is None or shutil.which("node") is None,
                    reason="pagefind[bin] and node are needed")
def test_search_finds_the_entry_not_the_pages_that_list_it(make_site) -> None:
    # The story's summary is also on its author's page, its program's page and the pages of
    # the recommendations it supports, as cards: only the story's own page is indexed with it.
    site = pagefind_site(make_site)
    site.build()
    probe = subprocess.run(["node", str(QUERY), str(site.site_dir / "pagefind"),
                            "Ana found peer group first year"],
                           capture_output=True, text=True, check=True)
    assert "results: 1\n" in probe.stdout
    assert '/narratives/ana-finding-my-people/"\n' in probe.stdout


def test_a_large_material_index_suggests_pagefind(make_site, monkeypatch, caplog) -> None:
    from mentoring_commons.mkdocs import plugin

    caplog.set_level(logging.INFO)
    site = make_site()
    site.build()
    assert "set 'pagefind: on'" not in caplog.text  # a small site: Material's index is fine
    monkeypatch.setattr(plugin, "MATERIAL_INDEX_BUDGET", 100)
    site.build()
    advice = [r for r in caplog.records if "set 'pagefind: on'" in r.getMessage()]
    assert [r.levelname for r in advice] == ["INFO"]  # advice, so strict builds still pass
