"""The record cache: a second load re-reads only changed files and gives the same answer."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import NARRATIVE_ANA, VOCABULARIES
from mentoring_commons.core.load import cache as cache_mod
from mentoring_commons.core.load.cache import Loaded, RecordCache
from mentoring_commons.core.load.loader import load_catalog


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat files written a moment ago as settled, so the tests need not wait two seconds."""
    monkeypatch.setattr(cache_mod, "RACY_SECONDS", -1.0)


def load(cache: RecordCache | None):
    catalog, report = load_catalog("content", cache=cache)
    return catalog, [str(d) for d in report.sorted()]


def test_a_second_load_reads_nothing_again_and_gives_the_same_answer(make_site, settled) -> None:
    make_site({"content/people/broken.yml": "name: [unclosed\n"})
    cache = RecordCache()
    first = load(cache)
    entry_files = cache.misses
    assert entry_files == len(cache) == 7  # 3 people, a narrative, program, rec. and path
    second = load(cache)
    assert cache.hits == entry_files and cache.misses == entry_files
    assert second == first == load(None)
    assert any("broken.yml" in line for line in second[1])  # problems are replayed too
    assert "broken" in second[0].known_ids["person"]


def test_an_edited_file_is_read_again(make_site, settled) -> None:
    site = make_site()
    cache = RecordCache()
    load(cache)
    site.write("content/narratives/ana-finding-my-people.md",
               NARRATIVE_ANA.replace("Finding my people", "Finding my people again"))
    catalog, _ = load(cache)
    assert cache.misses == len(cache) + 1  # the first load, and the edited file once more
    assert catalog.narratives["ana-finding-my-people"].title == "Finding my people again"


def test_a_touched_file_is_read_again_even_at_the_same_size(make_site, settled) -> None:
    make_site()
    cache = RecordCache()
    load(cache)
    path = Path("content/people/ana.yml")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    load(cache)
    assert cache.hits == len(cache) - 1


def test_new_vocabularies_invalidate_every_entry(make_site, settled) -> None:
    site = make_site()
    cache = RecordCache()
    load(cache)
    site.write("content/vocabularies.yml", VOCABULARIES.replace("label: Peer mentoring",
                                                                "label: Peer support"))
    load(cache)
    assert cache.hits == 0
    # Without the "group" form every narrative using it is wrong now, and says so.
    site.write("content/vocabularies.yml", VOCABULARIES.replace("  group:\n", "  grouped:\n"))
    _, problems = load(cache)
    assert any("ana-finding-my-people.md" in p and "'group'" in p for p in problems)
    assert problems == load(None)[1]


def test_messages_name_the_folder_as_given(make_site, settled) -> None:
    make_site({"content/people/broken.yml": "name: [unclosed\n"})
    cache = RecordCache()
    load_catalog("content", cache=cache)
    _, report = load_catalog(Path.cwd() / "content", cache=cache)
    assert report.items[0].path == str(Path.cwd() / "content/people/broken.yml")


def test_files_written_a_moment_ago_are_not_kept(make_site) -> None:
    # Two writes within one tick of the file-system clock can look the same; such files are
    # read every time until they settle.
    make_site()
    cache = RecordCache()
    load(cache)
    assert len(cache) == 0
    load(cache)
    assert cache.hits == 0


def test_the_cache_is_bounded_oldest_first(tmp_path: Path, settled) -> None:
    cache = RecordCache(max_entries=2)
    files = []
    for name in ("a", "b", "c"):
        files.append(tmp_path / name)
        files[-1].write_text(name)
        cache.load(files[-1], None, lambda name=name: Loaded((), frozenset(), name))
    assert len(cache) == 2
    assert cache.load(files[2], None, lambda: Loaded((), frozenset(), "new")).record == "c"
    assert cache.load(files[0], None, lambda: Loaded((), frozenset(), "new")).record == "new"


def test_a_rebuild_shows_the_edit(make_site, settled) -> None:
    site = make_site()
    site.build()
    site.write("content/narratives/ana-finding-my-people.md",
               NARRATIVE_ANA.replace("eating lunch alone", "eating lunch on her own"))
    site.build()
    assert "eating lunch on her own" in site.html("narratives/ana-finding-my-people/index.html")


def test_checks_on_cached_records_report_as_a_fresh_check_does(make_site, settled) -> None:
    # The link and contact-detail checks keep their results for records the cache hands back
    # (recordmemo.py): problems in unchanged files are still reported, an edit's are new.
    from mentoring_commons.core.check.validate import check_content

    site = make_site({"content/narratives/bea.md": NARRATIVE_ANA.replace(
        "programs: [lunch-club]", "programs: [lunch-clob]").replace(
        "alone.", "alone. Write to ana@example.org.")})
    cache = RecordCache()

    def check(use_cache: bool) -> list[str]:
        _, report = check_content("content", today=date(2026, 6, 1),
                                  cache=cache if use_cache else None)
        return [str(d) for d in report.sorted()]

    first = check(True)
    assert any("lunch-clob" in line for line in first)
    assert any("an e-mail address" in line for line in first)
    assert check(True) == first == check(False)
    site.write("content/narratives/ana-finding-my-people.md", NARRATIVE_ANA.replace(
        "programs: [lunch-club]", "programs: [lunch-clubs]").replace(
        "alone.", "alone. Call 555 123 4567."))
    edited = check(True)
    assert edited == check(False)
    assert [line for line in edited if line not in first] == [
        line for line in edited if "ana-finding-my-people.md" in line]
    assert len(edited) == len(first) + 2  # the new unknown program and phone number
    site.write("content/narratives/ana-finding-my-people.md", NARRATIVE_ANA)
    assert check(True) == first == check(False)


def test_published_copies_are_the_same_objects_while_their_records_and_changes_are(
    make_site, settled
) -> None:
    # select() copies records (display names, pruned links); under serve the copy is the last
    # build's object when nothing it was made from changed, so results kept by identity from
    # one rebuild to the next (recordmemo.py, the listing stubs) are found again.
    from conftest import PERSON_ANA
    from mentoring_commons.core.check.validate import check_content
    from mentoring_commons.core.publish.boundary import Edition, select

    site = make_site()
    cache = RecordCache()
    edition = Edition("public", date(2026, 6, 1))
    collections = ("people", "narratives", "recommendations", "paths")

    def publish(use_cache: bool = True):
        catalog, _ = check_content("content", today=date(2026, 6, 1),
                                   cache=cache if use_cache else None)
        return select(catalog, edition).catalog

    first, second = publish(), publish()
    for name in collections:
        kept, again = getattr(first, name), getattr(second, name)
        assert kept and kept.keys() == again.keys(), name
        assert all(again[key] is record for key, record in kept.items()), name
    # Ana's name changes: her person page and the stories crediting her are new copies, equal
    # to those a fresh load makes; the rest are still the same objects.
    site.write("content/people/ana.yml", PERSON_ANA.replace("Ana Example", "Ana Newname"))
    third = publish()
    fresh = publish(use_cache=False)
    for name in collections:
        assert getattr(third, name) == getattr(fresh, name), name
    assert third.people["ana"].name == "Ana Newname"
    assert third.people["ana"] is not first.people["ana"]
    assert third.people["ben"] is first.people["ben"]


def test_scan_lists_files_in_path_order_with_their_lstat(tmp_path: Path) -> None:
    from mentoring_commons.core.source.sourcefiles import scan

    for name in ("b.yml", "a-b/x.md", "a/b/c.md", "a/a.md", "a.b", "A/z.yml", "a/b.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "hidden.md").write_text("x")
    os.symlink(tmp_path / "outside", tmp_path / "a" / "linked")
    found = scan(tmp_path)
    expected = sorted(p for p in tmp_path.rglob("*") if not p.is_dir() or p.is_symlink())
    assert [Path(f.path) for f in found] == expected
    assert all(f.parts == Path(f.path).relative_to(tmp_path).parts for f in found)
    linked = next(f for f in found if f.parts == ("a", "linked"))
    assert linked.state is not None and os.path.islink(linked.path)
    assert linked.state.st_ino == os.lstat(linked.path).st_ino  # the link, not its folder
    assert not any("hidden.md" in f.path and "linked" in f.path for f in found)
