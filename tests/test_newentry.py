"""``commons new``: templates, options and questions, safe ids, never overwriting, and files that
pass the check as they are made."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import PERSON_ANONYMOUS, REPO, person_pseudonym
from hypothesis import given
from hypothesis import strategies as st
from mentoring_commons.cli import main
from mentoring_commons.core.check.validate import check_content
from mentoring_commons.core.model.kinds import KINDS
from mentoring_commons.newentry import (
    NEW_KINDS,
    QUESTIONS,
    TEMPLATE_FILES,
    fill_template,
    render_value,
    yaml_scalar,
)

TEMPLATES = REPO / "contributing" / "templates"
TODAY = dt.date.today()
CONSENTED = "2026-01-10"  # the date consent was given: never taken by default

# Options for each kind that make a complete entry in the fixture site.
OPTIONS = {
    "person": ["--name", "Cleo Example", "--role", "librarian", "--career-stage", "early-career",
               "--naming", "named", "--given", CONSENTED],
    "narrative": ["--title", "Coffee with a peer", "--author", "ana", "--summary",
                  "Two colleagues meet for coffee: one question each, every fortnight.",
                  "--form", "peer", "--naming", "named", "--given", CONSENTED],
    "program": ["--name", "Peer Coffee", "--url", "https://example.org/coffee", "--sponsor",
                "Example Library", "--kind", "peer-group", "--audience", "early-career",
                "--scope", "local", "--format", "in-person", "--cost", "free",
                "--description", "Fortnightly coffee for colleagues in their first years."],
    "recommendation": ["--title", "Meet a peer every fortnight", "--audience", "individuals",
                       "--theme", "belonging", "--summary", "Regular short meetings build trust.",
                       "--source", "smith-2020"],
}
MADE = {
    "person": "content/people/cleo-example.yml",
    "narrative": "content/narratives/ana-coffee-with-a-peer.md",
    "program": "content/programs/peer-coffee.yml",
    "recommendation": "content/recommendations/meet-a-peer-every-fortnight.md",
}


def front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        text = text.split("\n---\n", 1)[0].removeprefix("---\n")
    return yaml.safe_load(text)


def errors_and_warnings(rel: str) -> list[str]:
    _, report = check_content("content", today=TODAY)
    return [str(d) for d in report.sorted() if d.path == rel]


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_new_entry_from_options_passes_the_check_untouched(make_site, capsys, kind):
    make_site()
    assert main(["new", kind, *OPTIONS[kind]]) == 0
    path = Path(MADE[kind])
    assert f"Created {path}" in capsys.readouterr().out
    text = path.read_text(encoding="utf-8")
    modeline = f"# yaml-language-server: $schema=../../schemas/{kind}.schema.json"
    assert text.splitlines()[1 if path.suffix == ".md" else 0] == modeline
    assert (REPO / "schemas" / f"{kind}.schema.json").is_file()
    # Clean, but a story or a recommendation still holds the template's example text: an error
    # until it is replaced (the next steps say so).
    example = [line for line in errors_and_warnings(str(path))
               if "this is the template's example text" in line]
    assert errors_and_warnings(str(path)) == example
    assert len(example) == (kind in ("narrative", "recommendation"))
    assert main(["check"]) == (1 if example else 0)
    err = capsys.readouterr().err
    assert f"{len(example)} error{'s' * (len(example) != 1)}, 0 warnings in content" in err
    data = front_matter(path)
    assert data["visibility"] == "public"
    if kind in ("person", "narrative"):
        assert data["consent"] == {"naming": "named", "given": dt.date(2026, 1, 10)}


def test_output_is_the_repository_template_filled_in(make_site):
    make_site()
    assert main(["new", "program", *OPTIONS["program"]]) == 0
    made = Path(MADE["program"]).read_text(encoding="utf-8").splitlines()
    template = (TEMPLATES / "program.yml").read_text(encoding="utf-8").splitlines()
    assert len(made) == len(template)
    for mine, theirs in zip(made, template, strict=True):
        if "<" not in theirs:
            assert mine == theirs  # every note and example kept as written
    assert "# This file: content/programs/peer-coffee.yml." in made
    assert "# source: <source>" in made  # optional and not given: left as a note
    assert f"last_checked: {TODAY.isoformat()}" in made


def test_optional_values_uncomment_their_lines(make_site):
    make_site()
    assert main(["new", "narrative", *OPTIONS["narrative"], "--topic", "belonging",
                 "--topic", "boundaries", "--program", "lunch-club", "--review-by",
                 "2099-01-01"]) == 0
    data = front_matter(Path(MADE["narrative"]))
    assert data["topics"] == ["belonging", "boundaries"]
    assert data["programs"] == ["lunch-club"]
    assert data["consent"]["review_by"] == dt.date(2099, 1, 1)


@pytest.mark.parametrize(("naming", "extra", "made"), [
    ("named", ["--name", "Cleo Example"], "content/people/cleo-example.yml"),
    ("first-name", ["--name", "Cleo"], "content/people/cleo.yml"),
    ("pseudonym", ["--pseudonym", "River Stone"], "content/people/river-stone.yml"),
    ("anonymous", [], "content/people/anonymous-member.yml"),
])
def test_person_id_reveals_no_more_than_consent_allows(make_site, naming, extra, made):
    make_site()
    options = [o if o != "named" else naming for o in OPTIONS["person"][2:]]
    assert main(["new", "person", *options, *extra]) == 0
    assert Path(made).is_file()
    assert errors_and_warnings(made) == []
    data = front_matter(Path(made))
    # The file holds the name the naming allows, and no other.
    assert data.get("name") == {"named": "Cleo Example", "first-name": "Cleo",
                                "pseudonym": "River Stone", "anonymous": None}[naming]
    assert "Example" not in Path(made).read_text(encoding="utf-8") or naming == "named"


def test_anonymous_people_are_numbered(make_site):
    make_site()
    options = [o if o != "named" else "anonymous" for o in OPTIONS["person"][2:]]
    for _ in range(3):
        assert main(["new", "person", *options]) == 0
    assert sorted(p.name for p in Path("content/people").glob("anonymous-member*")) == [
        "anonymous-member-2.yml", "anonymous-member-3.yml", "anonymous-member.yml"]


@pytest.mark.parametrize(("naming", "made"), [
    ("named", "content/narratives/ana-coffee-with-a-peer.md"),
    ("first-name", "content/narratives/coffee-with-a-peer.md"),
    ("anonymous", "content/narratives/coffee-with-a-peer.md"),
])
def test_narrative_id_names_the_author_only_when_named(make_site, naming, made):
    site = make_site()
    options = [o if o != "named" else naming for o in OPTIONS["narrative"]]
    if naming == "anonymous":  # an anonymous story lists an anonymous author entry
        site.write("content/people/anonymous-member.yml", PERSON_ANONYMOUS)
        options = [o if o != "ana" else "anonymous-member" for o in options]
    assert main(["new", "narrative", *options]) == 0
    assert Path(made).is_file()


def test_refuses_to_overwrite(make_site, capsys):
    make_site()
    assert main(["new", "program", *OPTIONS["program"]]) == 0
    path = Path(MADE["program"])
    path.write_text(path.read_text(encoding="utf-8") + "# my edits\n", encoding="utf-8")
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["new", "program", *OPTIONS["program"]]) == 1
    assert path.read_bytes() == before
    assert capsys.readouterr().err == (
        f"commons new: error: {path} already exists, and commons new never overwrites a file. "
        "If it is the same program, edit that file; otherwise choose another id with --id.\n"
    )
    assert main(["new", "program", *OPTIONS["program"], "--id", "peer-coffee-2"]) == 0


def test_refuses_an_existing_fixture_entry(make_site):
    make_site()
    options = ["--name", "Lunch Club", *OPTIONS["program"][2:]]
    before = Path("content/programs/lunch-club.yml").read_bytes()
    assert main(["new", "program", *options]) == 1
    assert Path("content/programs/lunch-club.yml").read_bytes() == before


def test_yes_without_required_values_lists_every_missing_option(make_site, capsys):
    make_site()
    assert main(["new", "narrative", "--yes", "--title", "Coffee"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "commons new: error: give --naming: How did they agree to be named? named (full name), "
        "first-name, pseudonym, or anonymous (no name anywhere).",
        "commons new: error: give --author: Whose story it is: the id of each author (their "
        "file in content/people).",
        "commons new: error: give --summary: One or two sentences for the list of stories.",
        "commons new: error: give --form: Forms of mentoring it shows.",
        # Never taken by default, even with --yes.
        "commons new: error: give --given: The date they agreed (YYYY-MM-DD; not in the "
        "future).",
    ]
    assert list(Path("content/narratives").iterdir()) == [
        Path("content/narratives/ana-finding-my-people.md")]


def test_wrong_values_are_explained_with_the_model_messages(make_site, capsys):
    make_site()
    options = OPTIONS["narrative"][:-2] + ["--form", "peers", "--author", "nobody"]
    assert main(["new", "narrative", *options, "--given", "2150-01-01"]) == 2
    err = capsys.readouterr().err
    assert "--form peer, peers: 'peers' is not in the mentoring_forms vocabulary: did you mean " \
           "'peer'?" in err
    assert "--author ana, nobody: there is no person 'nobody' in people: make it first with " \
           "'commons new person'." in err
    assert "--given 2150-01-01: consent cannot be dated in the future." in err
    assert not Path(MADE["narrative"]).exists()


def test_pseudonym_needs_its_name(make_site, capsys):
    make_site()
    options = [o if o != "named" else "pseudonym" for o in OPTIONS["person"][2:]]
    assert main(["new", "person", *options, "--yes"]) == 2
    assert "give --pseudonym" in capsys.readouterr().err
    assert main(["new", "person", *OPTIONS["person"], "--pseudonym", "River"]) == 2
    assert "--pseudonym is only used with --naming pseudonym" in capsys.readouterr().err


def test_an_entry_that_would_fail_the_check_is_not_kept(make_site, capsys):
    make_site()
    assert main(["new", "narrative", *OPTIONS["narrative"][:-2], "--given", "2025-01-01",
                 "--review-by", "2024-01-01"]) == 1
    err = capsys.readouterr().err
    assert "review_by is earlier than the date consent was given." in err
    assert "did not pass the check, so it was not kept" in err
    assert not Path(MADE["narrative"]).exists()


def test_asks_for_missing_values_and_asks_again_after_a_wrong_answer(make_site, monkeypatch,
                                                                     capsys):
    make_site()
    answers = "\n".join([
        "first-name",  # naming: asked first
        "Coffee with a peer",  # title
        "ana",  # authors
        "Two colleagues meet for coffee.",  # summary
        "",  # date: take today
        "peerz",  # forms: wrong...
        "peer, group",  # ...asked again
        "",  # visibility: public
        "",  # given: no default, so asked again...
        "2150-01-01",  # ...and a date in the future is refused...
        CONSENTED,  # ...until a real one is given
    ]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert main(["new", "narrative"]) == 0
    captured = capsys.readouterr()
    assert "'peerz' is not in the mentoring_forms vocabulary" in captured.err
    assert "(one or more of: peer, group)" in captured.out  # the prompt lists the values
    assert "give at least one value." in captured.err
    assert "consent cannot be dated in the future." in captured.err
    data = front_matter(Path("content/narratives/coffee-with-a-peer.md"))
    assert data["forms"] == ["peer", "group"]
    assert data["consent"] == {"naming": "first-name", "given": dt.date(2026, 1, 10)}


def test_end_of_input_stops_without_writing(make_site, monkeypatch, capsys):
    make_site()
    monkeypatch.setattr("sys.stdin", io.StringIO("named\nCoffee with a peer\n"))
    assert main(["new", "narrative"]) == 2
    assert "no answer for --author: stopped, nothing was written." in capsys.readouterr().err
    assert not Path("content/narratives/coffee-with-a-peer.md").exists()


def test_unusable_title_needs_an_id(make_site, capsys):
    make_site()
    options = ["--title", "日本の話", *OPTIONS["recommendation"][2:]]
    assert main(["new", "recommendation", *options]) == 2
    assert "give one with --id" in capsys.readouterr().err
    assert main(["new", "recommendation", *options, "--id", "a-story-from-japan"]) == 0


def test_titles_with_yaml_syntax_are_quoted_and_survive(make_site):
    make_site()
    title = 'Yes: "no" # not a comment, [really]'
    options = ["--title", title, *OPTIONS["recommendation"][2:]]
    assert main(["new", "recommendation", *options, "--id", "tricky"]) == 0
    assert front_matter(Path("content/recommendations/tricky.md"))["title"] == title
    problems = errors_and_warnings("content/recommendations/tricky.md")
    assert [p for p in problems if "template's example text" not in p] == []


@given(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40))
def test_yaml_scalar_reads_back_as_the_same_text(text):
    assert yaml.safe_load(f"k: {yaml_scalar(text)}") == {"k": text}
    assert yaml.safe_load(f"k: [{yaml_scalar(text, flow=True)}]") == {"k": [text]}


# -- the templates themselves -----------------------------------------------------------------

SAMPLES = {
    "name": "River Stone", "pronouns": "she/her", "roles": "librarian",
    "career_stage": "early-career", "library_types": "academic",
    "interests": "Open educational resources", "open_to": "Questions about first jobs",
    "institution": "Example University", "bio": "Cleo is a subject librarian.",
    "title": "Coffee with a peer", "authors": "river-stone", "summary": "Two colleagues meet.",
    "date": "2026-01-10", "forms": "peer", "topics": "belonging", "programs": "lunch-club",
    "content_notes": "burnout", "visibility": "public", "naming": "pseudonym",
    "given": "2026-01-10", "pseudonym": "River Stone", "review_by": "2099-01-01",
    "url": "https://example.org/coffee", "sponsor": "Example Library", "kind": "peer-group",
    "audience": "early-career", "scope": "local", "format": "in-person", "cost": "free",
    "description": "Fortnightly coffee.", "last_checked": "2026-01-10", "source": "smith-2020",
    "theme": "belonging", "sources": "smith-2020", "narratives": "ana-finding-my-people",
}


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_each_template_filled_in_passes_the_check(make_site, kind):
    """What a web contributor does: copy the template, fill every placeholder (optional lines
    too), save it in the right folder."""
    site = make_site()
    text = (TEMPLATES / TEMPLATE_FILES[kind]).read_text(encoding="utf-8")
    values = {}
    for q in QUESTIONS[kind]:
        value = SAMPLES[q.key]
        if kind == "recommendation" and q.key == "audience":
            value = "individuals"
        values[q.key] = render_value(q, [value])
    # A pseudonymous person's id is made of the pseudonym (commons check refuses any other),
    # and a pseudonymous story's author is that entry.
    entry_id = "river-stone" if kind == "person" else "filled"
    if kind == "narrative":
        site.write("content/people/river-stone.yml", person_pseudonym("River Stone"))
    filled = fill_template(text, {**values, "id": entry_id})
    assert not re.search(r"^[^#]*<[a-z_]+>", filled, re.M)  # no placeholder left in a value
    spec = KINDS[kind]
    rel = f"content/{spec.folder}/{entry_id}{spec.extension}"
    site.write(rel, filled)
    problems = errors_and_warnings(rel)
    if kind in ("narrative", "recommendation"):  # the example text is still there to replace
        assert len(problems) == 1 and "this is the template's example text" in problems[0]
    else:
        assert problems == []


@pytest.mark.parametrize("kind", NEW_KINDS)
def test_a_template_copied_but_not_filled_in_fails_at_each_placeholder(make_site, kind):
    site = make_site()
    spec = KINDS[kind]
    rel = f"content/{spec.folder}/unfilled{spec.extension}"
    text = (TEMPLATES / TEMPLATE_FILES[kind]).read_text(encoding="utf-8")
    site.write(rel, text)
    errors = [line for line in errors_and_warnings(rel) if ": error: " in line]
    placeholder_lines = [n for n, line in enumerate(text.split("\n"), start=1)
                         if re.match(r"^\s*[a-z_]+: .*<[a-z_]+>", line)]
    assert sorted({int(line.split(":")[1]) for line in errors}) == placeholder_lines


def test_templates_exist_only_once():
    """The CLI reads the templates in contributing/templates/; no second copy in the package."""
    package = REPO / "plugins" / "mentoring_commons"
    copies = [p for p in package.rglob("*") if p.name in TEMPLATE_FILES.values()]
    assert copies == []
    assert sorted(p.name for p in TEMPLATES.iterdir()) == sorted(TEMPLATE_FILES.values())


def test_a_project_can_use_its_own_templates(make_site, capsys):
    site = make_site()
    shutil.copytree(TEMPLATES, site.root / "contributing" / "templates")
    custom = site.root / "contributing" / "templates" / "program.yml"
    custom.write_text("# Our own template\n" + custom.read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert main(["new", "program", *OPTIONS["program"]]) == 0
    assert Path(MADE["program"]).read_text(encoding="utf-8").startswith("# Our own template\n")
