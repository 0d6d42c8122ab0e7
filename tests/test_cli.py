"""The ``commons`` command line: output and exit codes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import PERSON_ANA
from mentoring_commons.cli import main


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
