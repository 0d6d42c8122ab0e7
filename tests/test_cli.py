"""The ``commons`` command line: output and exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import NARRATIVE_ANA, PERSON_ANA, PERSON_BEN
from mentoring_commons.cli import main
from mentoring_commons.core.source.diagnostics import Report


def test_clean_content_exits_0(make_site, capsys):
    make_site()
    assert main(["check", "content", "--today", "2026-06-01"]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "0 errors, 0 warnings in content" in captured.err


def test_errors_exit_1_and_print_located_lines(make_site, capsys):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("pronouns:", "pronoun:")})
    assert main(["check", "content", "--today", "2026-06-01"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("content/people/ana.yml:2:1: error: unknown field 'pronoun'")


def test_default_content_dir_is_content(make_site, capsys):
    make_site()
    assert main(["check", "--today", "2026-06-01"]) == 0


@pytest.mark.parametrize("argv", [["check", "no-such-folder"], ["frobnicate"], [],
                                  ["check", "--format", "xml"], ["check", "--today", "soon"]])
def test_usage_errors_exit_2(make_site, argv):
    make_site()
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse exits for usage errors
        code = exc.code
    assert code == 2


def test_github_format(make_site, capsys):
    make_site({"content/people/ana.yml": PERSON_ANA.replace("pronouns:", "pronoun:")})
    assert main(["check", "content", "--format", "github", "--today", "2026-06-01"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("::error file=content/people/ana.yml,line=2,col=1,")
    assert "::unknown field 'pronoun'" in out[0]


def test_installed_console_script_never_prints_a_traceback(make_site):
    site = make_site({"content/people/ana.yml": b"name: \xff\xfe bad bytes\n"})
    result = subprocess.run(
        [sys.executable, "-m", "mentoring_commons.cli", "check", str(site.content)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert "ana.yml:1:7: error: the file is not valid UTF-8" in result.stdout


def test_schema_check_detects_stale_schemas(make_site, tmp_path, capsys):
    make_site()
    out = tmp_path / "schemas"
    assert main(["schema", "content", "--out", str(out)]) == 0
    assert main(["schema", "content", "--out", str(out), "--check"]) == 0
    (out / "person.schema.json").write_text("{}", encoding="utf-8")
    assert main(["schema", "content", "--out", str(out), "--check"]) == 1
    assert "person.schema.json: out of date" in capsys.readouterr().out


# -- a check split across processes --------------------------------------------------------------


def _content_with_every_kind_of_problem(make_site) -> Path:
    """Many entries, a good share of them broken, with links that cross between shards."""
    files: dict[str, str | None] = {}
    for i in range(12):
        files[f"content/people/p{i:02}.yml"] = PERSON_BEN.replace("Ben Sample", f"Person {i}")
        body = NARRATIVE_ANA.replace("authors: [ana]", f"authors: [p{(i * 5) % 12:02}]")
        files[f"content/narratives/story-{i:02}.md"] = body
    broken = {
        "content/narratives/story-01.md": ("authors: [p05]", "authors: [p5]"),  # unknown person
        "content/narratives/story-02.md": ("Ana arrived", "<script>alert(1)</script> Ana"),
        "content/narratives/story-03.md": ("summary: How", "summary: ana@example.org, "
                                           "+44 20 7946 0958. How"),
        "content/narratives/story-04.md": ("given: 2025-01-10", "given: 2025-01-10\n"
                                           "  review_by: 2025-06-01"),
        "content/narratives/story-05.md": ("topics: [belonging]", "topics: [belongin]"),
        "content/narratives/story-06.md": ("title: Finding", "title: Finding\ntitle: Again"),
        "content/narratives/story-07.md": ("forms: [peer, group]", "forms: [peer, group"),
        "content/people/p03.yml": ("roles:", "role:"),
        "content/people/p08.yml": ("career_stage: mid-career", "career_stage: senior"),
    }
    for rel, (old, new) in broken.items():
        files[rel] = files[rel].replace(old, new)  # type: ignore[union-attr]
    files["content/people/Bad_Id.yml"] = PERSON_BEN
    files["content/people/index.yml"] = PERSON_BEN  # the People listing's page
    files["content/pages/glossary.md"] = "# Mine\n"  # the glossary's
    files["content/narratives/story-01.md"] += "Write to jo@example.org or call 020 7946 0958.\n"
    make_site(files)
    return Path("content")


def test_split_check_reports_exactly_what_one_process_reports(make_site, monkeypatch):
    import datetime as dt

    from mentoring_commons import cli
    from mentoring_commons.core.load import parallel

    content = _content_with_every_kind_of_problem(make_site)
    today = dt.date(2026, 6, 1)
    whole = [str(d) for d in cli.check_report(content, today, 365, workers=1).sorted()]
    assert len(whole) >= 10
    for expected in ("story-01.md", "story-02.md", "story-03.md", "story-04.md", "story-05.md",
                     "story-06.md", "story-07.md", "p03.yml", "p08.yml", "Bad_Id.yml",
                     "people/index.yml", "pages/glossary.md"):
        assert any(expected in line for line in whole), expected
    # Two different problems at one place are both kept (an e-mail address and a phone number).
    assert len([line for line in whole if "story-03.md" in line and "summary contains" in line
                ]) == 2
    for shards in (2, 3, 5):
        items = [d for k in range(shards)
                 for d in cli._check_shard((content, today, 365, (k, shards), {}))]
        assert [str(d) for d in Report(items).sorted()] == whole, shards
    # The same through forked processes, as `commons check` runs on large content.
    monkeypatch.setattr(parallel, "can_fork", lambda: True)
    assert [str(d) for d in cli.check_report(content, today, 365, workers=2).sorted()] == whole


def test_check_runs_without_the_cyclic_collector_and_restores_it(make_site, monkeypatch, capsys):
    import gc

    from mentoring_commons import cli

    make_site()
    seen: list[bool] = []
    real = cli.check_report

    def spying(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(cli, "check_report", spying)
    assert gc.isenabled()
    assert main(["check", "content", "--today", "2026-06-01"]) == 0
    assert seen == [False] and gc.isenabled()
