"""Checks that finish the job (issue 16): the template's example text is an error, one run
reports every problem (unknown ids included), `commons check` exits 1 exactly when
`mkdocs build --strict` refuses the content, role suggestions come from the vocabulary's words,
`commons new` prints the address `mkdocs serve` really uses, and Ctrl-C stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import NARRATIVE_ANA, PERSON_BEN, REPO, VOCABULARIES, base_files
from mentoring_commons.cli import main
from mentoring_commons.core.model.model import Narrative
from mentoring_commons.core.model.records import field_specs
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

TODAY = "2026-06-01"
COMMONS = [sys.executable, "-c", "import sys; from mentoring_commons.cli import main; "
                                 "sys.exit(main())"]


def check(capsys, *argv: str) -> tuple[int, list[str]]:
    capsys.readouterr()
    code = main(["check", "--today", TODAY, *argv])
    return code, capsys.readouterr().out.splitlines()


def template_story() -> str:
    """The narrative template's example text under valid front matter: what a contributor
    leaves behind who fills in the fields and forgets the story."""
    template = (REPO / "contributing" / "templates" / "narrative.md").read_text(encoding="utf-8")
    body = template.split("\n---\n", 1)[1]
    front = NARRATIVE_ANA.split("\n---\n", 1)[0]
    return f"{front}\n---\n{body}"


# -- the template's example text --------------------------------------------------------------


def test_the_templates_example_story_fails_the_check_and_the_build(make_site, capsys):
    site = make_site({"content/narratives/ana-finding-my-people.md": template_story()})
    code, lines = check(capsys)
    assert code == 1
    front_lines = NARRATIVE_ANA.split("\n---\n", 1)[0].count("\n") + 2
    assert lines == [
        f"content/narratives/ana-finding-my-people.md:{front_lines + 1}:1: error: this is the "
        "template's example text: replace it with your own words: the check and the build "
        "fail until you do."]
    with pytest.raises(Abort):
        site.build()
    assert not site.site_dir.exists()


# -- every problem in one run -----------------------------------------------------------------


FIELDS = ", ".join(field_specs(Narrative)) + "."


def test_a_field_typo_and_an_unknown_program_id_are_reported_in_one_run(make_site, capsys):
    story = NARRATIVE_ANA.replace("title: Finding my people", "titel: Finding my people")
    story = story.replace("programs: [lunch-club]", "programs: [lunch-clubb]")
    story = story.replace("  - person: ben", "  - person: benn")
    make_site({"content/narratives/ana-finding-my-people.md": story})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        "content/narratives/ana-finding-my-people.md:2:1: error: missing required field 'title' "
        "(text, up to 120 characters, no HTML): The story's title.",
        "content/narratives/ana-finding-my-people.md:2:1: error: unknown field 'titel': did you "
        "mean 'title'? fields of a narrative are " + FIELDS,
        "content/narratives/ana-finding-my-people.md:8:12: error: unknown program 'lunch-clubb': "
        "did you mean 'lunch-club'? no such id in content/programs/.",
        "content/narratives/ana-finding-my-people.md:10:13: error: unknown person 'benn': did "
        "you mean 'ben'? no such id in content/people/.",
    ]


def test_links_of_a_broken_nested_record_are_checked_too(make_site, capsys):
    # The relationship itself is broken (a typo in its direction): its person is still checked.
    story = NARRATIVE_ANA.replace("  - person: ben\n    direction: peer",
                                  "  - person: benn\n    direction: peers")
    make_site({"content/narratives/ana-finding-my-people.md": story})
    code, lines = check(capsys)
    assert code == 1
    assert [line.split(": error: ")[1].split(":")[0] for line in lines] == [
        "unknown person 'benn'", "'peers' is not allowed here"]


# -- the check's exit code is the strict build's verdict --------------------------------------

BEN_STORY = (NARRATIVE_ANA.split("\n---\n", 1)[0].replace("authors: [ana]", "authors: [ben]")
             .replace("Finding my people", "A notebook of questions")
             .replace("relationships:\n  - person: ben\n    direction: peer\n"
                      "    context: Monthly lunches\n", "")
             + "\n---\nBen kept a notebook of every question the new starters asked him.\n")
REVIEW_PASSED = PERSON_BEN.replace("given: 2025-01-10",
                                   "given: 2025-01-10\n  review_by: 2026-01-01")
AGREEMENT_CASES = {
    "clean": ({}, False),
    # Warnings: the strict build refuses them, so the check does too.
    "unsupported HTML, neutralised": (
        {"content/narratives/ana-finding-my-people.md":
         NARRATIVE_ANA + "\n<center>A centred line of the story.</center>\n"}, True),
    "a top heading in a story": (
        {"content/narratives/ana-finding-my-people.md":
         NARRATIVE_ANA + "\n# A second title inside the story\n"}, True),
    # Errors.
    "the template's example text": (
        {"content/narratives/ana-finding-my-people.md": template_story()}, True),
    "a name fuller than the naming": (
        {"content/people/ben.yml": PERSON_BEN.replace("naming: named", "naming: first-name")},
        True),
    # MkDocs' own link check: a hand-written page's link to no page, or to an entry this
    # edition does not publish.
    "a page links to a page that does not exist": (
        {"content/pages/about.md": "# About\n\nRead [the story](narratives/nowhere.md).\n"},
        True),
    "a page links to an internal person's page": (
        {"content/pages/about.md": "# About\n\nMeet [Ben](people/ben.md).\n",
         "content/people/ben.yml": PERSON_BEN.replace("visibility: public",
                                                      "visibility: internal")}, True),
    "a page links to pages that exist": (
        {"content/pages/about.md": "# About\n\nRead [Ana](people/ana.md), [the stories]"
                                   "(narratives/index.md) and [the glossary](glossary.md#x).\n"
                                   "\n`[not a link](nowhere.md)`\n"}, False),
    # Notices: neither refuses. A held-back entry must leave the site, which a failed deploy
    # would not do.
    "a consent review date passed": ({"content/people/ben.yml": REVIEW_PASSED}, False),
    "a named story whose author is internal": (
        {"content/people/ben.yml": PERSON_BEN.replace("visibility: public",
                                                      "visibility: internal"),
         "content/narratives/ben-story.md": BEN_STORY},
        False),
    "a program not checked for years": (
        {"content/programs/lunch-club.yml": base_files()["content/programs/lunch-club.yml"]
         + "last_checked: 2020-01-15\n"}, False),
}


@pytest.mark.parametrize("case", list(AGREEMENT_CASES))
def test_the_check_exits_1_exactly_when_the_strict_build_refuses(make_site, capsys, case):
    files, refused = AGREEMENT_CASES[case]
    site = make_site(files)
    code, _ = check(capsys)
    try:
        site.build()
        built = True
    except Abort:
        built = False
    assert (code == 1, built) == (refused, not refused)


def test_a_page_link_to_no_page_is_a_warning_at_its_line(make_site, capsys):
    make_site({"content/pages/about.md": "---\ntitle: About\n---\n# About\n\nMeet [Ben]"
                                         "(people/ben.md) and [Zed](../pages/people/zed.md).\n",
               "content/people/ben.yml": PERSON_BEN.replace("visibility: public",
                                                            "visibility: internal")})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [
        "content/pages/about.md:6:12: warning: the link 'people/ben.md' leads to no page of the "
        "public site (the person 'ben' is not published): a strict build refuses it. Link to a "
        "page that exists, or remove the link.",
        "content/pages/about.md:6:37: warning: the link '../pages/people/zed.md' leads to no "
        "page of the public site (there is no such page): a strict build refuses it. Link to a "
        "page that exists, or remove the link.",
    ]


def test_warnings_alone_fail_the_check_and_say_why(make_site, capsys):
    make_site(AGREEMENT_CASES["a top heading in a story"][0])
    capsys.readouterr()
    assert main(["check", "--today", TODAY]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ["0 errors, 1 warning in content",
                   "Warnings fail the build (mkdocs build --strict), so the check fails on "
                   "them too."]


def test_notices_are_counted_and_fail_nothing(make_site, capsys):
    make_site({"content/people/ben.yml": REVIEW_PASSED})
    capsys.readouterr()
    assert main(["check", "--today", TODAY]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("content/people/ben.yml:8:14: notice: consent was due for "
                                   "review on 2026-01-01")
    assert captured.err.splitlines() == ["0 errors, 0 warnings, 1 notice in content"]
    assert main(["check", "--today", TODAY, "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("::notice file=content/people/ben.yml,line=8,")


# -- role suggestions from the vocabulary's words ---------------------------------------------

STAFF_ROLE = """\
  staff:
    label: Library staff
    definition: Library employees in roles not classified as librarian positions.
    also_called: [support staff, paraprofessional, library assistant]
"""
VOCABULARIES_WITH_STAFF = VOCABULARIES.replace("roles:\n", "roles:\n" + STAFF_ROLE)


@pytest.mark.parametrize(("given", "suggested"), [
    ("library assistant", "did you mean 'staff' (Library staff, also called library "
                          "assistant)?"),
    ("Paraprofessional", "did you mean 'staff' (Library staff, also called "
                         "paraprofessional)?"),
    ("library staff", "did you mean 'staff' (Library staff)?"),
    ("librarin", "did you mean 'librarian'?"),  # a typo of an id still finds it
])
def test_role_suggestions_come_from_labels_and_other_names(make_site, capsys, given,
                                                           suggested):
    make_site({"content/vocabularies.yml": VOCABULARIES_WITH_STAFF,
               "content/people/ben.yml": PERSON_BEN.replace("roles: [librarian]",
                                                            f"roles: [{given}]")})
    code, lines = check(capsys)
    assert code == 1
    assert lines == [f"content/people/ben.yml:2:9: error: {given!r} is not in the roles "
                     f"vocabulary: {suggested} allowed values are staff, librarian. (new values "
                     "are added in vocabularies.yml)."]


def test_commons_new_suggests_the_role_the_same_way(make_site, capsys):
    make_site({"content/vocabularies.yml": VOCABULARIES_WITH_STAFF})
    assert main(["new", "person", "--naming", "first-name", "--name", "Cleo", "--role",
                 "library assistant", "--career-stage", "early-career", "--given",
                 "2026-01-10"]) == 2
    assert ("--role library assistant: 'library assistant' is not in the roles vocabulary: did "
            "you mean 'staff' (Library staff, also called library assistant)?"
            in capsys.readouterr().err)


# -- the preview address ----------------------------------------------------------------------


@pytest.mark.parametrize(("settings", "page"), [
    ("site_url: https://example.org/mentoring-commons/\n", "people/cleo/"),
    ("site_url: https://example.org/a/b\ndev_addr: 127.0.0.1:8765\n", "people/cleo/"),
    ("site_url: https://example.org/\nuse_directory_urls: false\n", "people/cleo.html"),
])
def test_commons_new_prints_the_address_mkdocs_serve_uses(make_site, capsys, settings, page):
    site = make_site()
    config_file = site.root / "mkdocs.yml"
    text = config_file.read_text(encoding="utf-8").replace("site_url: https://example.org/\n",
                                                           settings)
    config_file.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert main(["new", "person", "--naming", "first-name", "--name", "Cleo", "--role",
                 "librarian", "--career-stage", "early-career", "--given", "2026-01-10"]) == 0
    printed = capsys.readouterr().out.split("to preview it at ")[1].split()[0]
    # What `mkdocs serve` does (mkdocs/commands/serve.py): it serves the site at dev_addr,
    # under the path of site_url.
    config = load_config(str(config_file))
    mount_path = urlsplit(config.site_url or "/").path
    assert printed == f"http://{config.dev_addr.host}:{config.dev_addr.port}{mount_path}{page}"


# -- Ctrl-C -----------------------------------------------------------------------------------


def interrupt(process: subprocess.Popen, ready) -> tuple[int, str]:
    """Wait until ``ready()``, then press Ctrl-C: SIGINT to the process group, as a terminal
    sends it (workers included)."""
    deadline = time.monotonic() + 60
    while not ready():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "never got ready"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    return process.returncode, err.decode()


def test_ctrl_c_in_commons_new_stops_with_one_line_and_writes_nothing(make_site):
    site = make_site()
    process = subprocess.Popen([*COMMONS, "new", "person"], cwd=site.root,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, start_new_session=True)
    prompt = b""

    def asked() -> bool:  # the first question (the naming) is on the screen
        nonlocal prompt
        prompt += os.read(process.stdout.fileno(), 4096)
        return b"How did they agree to be named?" in prompt

    os.set_blocking(process.stdout.fileno(), True)
    code, err = interrupt(process, asked)
    assert code == 130
    assert err.splitlines()[-1] == "commons new: stopped (Ctrl-C). Nothing was written."
    assert "Traceback" not in err
    assert sorted(p.name for p in (site.content / "people").iterdir()) == ["ana.yml", "ben.yml"]


def test_ctrl_c_in_a_split_commons_check_stops_with_one_line(make_site):
    site = make_site()
    # Enough entries for the check to split across processes (cli.PARALLEL_FROM_ENTRIES).
    story = NARRATIVE_ANA.split("\n---\n", 1)[0] + "\n---\nA short story.\n"
    for number in range(2100):
        site.write(f"content/narratives/story-{number}.md", story)
    process = subprocess.Popen([*COMMONS, "check", "--today", TODAY], cwd=site.root,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    if not children.exists():
        pytest.skip("needs /proc to see the check's worker processes")
    code, err = interrupt(process, lambda: children.read_text().strip() != "")
    assert code == 130
    assert err == "commons check: stopped (Ctrl-C).\n"
