"""The contributor's path: the guide, the GitHub workflows and forms, editor and pre-commit
settings, the contributors page, and a newcomer following CONTRIBUTING.md to a built site."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import shutil
import subprocess
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml
from conftest import NARRATIVE_ANA, PERSON_ANONYMOUS, PERSON_BEN, REFERENCES, REPO
from mentoring_commons.cli import main

GUIDE = REPO / "CONTRIBUTING.md"
PAGE = REPO / "content" / "pages" / "contributing.md"
GITHUB = REPO / ".github"
WORKFLOWS = GITHUB / "workflows"
FORMS = GITHUB / "ISSUE_TEMPLATE"


def load_yaml(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    return data


def triggers(workflow: dict) -> dict:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1); GitHub reads it as "on".
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in (value or [])}


def headings(text: str) -> list[str]:
    return re.findall(r"^## (.+)$", text, re.M)


def commands(text: str) -> list[str]:
    """The worked example's ``commons new`` command lines."""
    return [line for line in text.splitlines() if line.startswith(".venv/bin/commons new ")]


# -- the guide, in the repository and on the site ---------------------------------------------


def test_guide_and_site_page_have_the_same_sections_and_commands():
    guide, page = GUIDE.read_text(encoding="utf-8"), PAGE.read_text(encoding="utf-8")
    assert headings(guide) == headings(page)
    assert commands(guide) == commands(page) and len(commands(guide)) == 4
    for text in (guide, page):
        assert "Path 1: edit in your web browser" in headings(text)
        assert "Path 2: work on your own computer" in headings(text)
        assert "Keep a story private" in headings(text)
        for words in ("`named`", "`first-name`", "`pseudonym`", "`anonymous`", "review_by",
                      "withdrawn: YYYY-MM-DD", "private intake form", "e-mail the maintainers",
                      "--format github", "commons check --links", "last_checked"):
            assert words in text, words


def test_site_page_is_plain_markdown_with_allowed_front_matter():
    text = PAGE.read_text(encoding="utf-8")
    front, body = text.removeprefix("---\n").split("\n---\n", 1)
    assert set(yaml.safe_load(front)) <= {"title", "description", "visibility", "hide"}
    prose = re.sub(r"```.*?```", "", body, flags=re.S)
    prose = re.sub(r"`[^`]*`", "", prose)
    prose = re.sub(r"<https?://[^>]+>", "", prose)  # Markdown autolinks
    assert "<" not in prose, "no raw HTML in the contributing page"


def test_site_page_is_in_the_nav_under_about():
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                       Loader=yaml.BaseLoader)
    about = next(item["About"] for item in config["nav"] if isinstance(item, dict)
                 and "About" in item)
    assert "contributing.md" in about and "about/contributors.md" in about


def test_templates_point_at_sections_that_exist():
    sections = headings(GUIDE.read_text(encoding="utf-8"))
    for template in (REPO / "contributing" / "templates").iterdir():
        for quoted in re.findall(r'"([A-Z][^"]+)" in CONTRIBUTING.md|read "([^"]+)" first',
                                 template.read_text(encoding="utf-8")):
            name = next(q for q in quoted if q)
            assert name in sections, (template.name, name)


# -- GitHub workflows -------------------------------------------------------------------------


def all_workflows() -> dict[str, dict]:
    return {path.name: load_yaml(path) for path in sorted(WORKFLOWS.glob("*.yml"))}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_no_workflow_runs_on_pull_request_target():
    for name, workflow in all_workflows().items():
        assert "pull_request_target" not in triggers(workflow), name
        code = [line for line in (WORKFLOWS / name).read_text(encoding="utf-8").splitlines()
                if not line.lstrip().startswith("#")]
        assert "pull_request_target" not in "\n".join(code), name


def test_pull_request_workflow_checks_builds_tests_and_uploads_a_preview():
    workflow = all_workflows()["pull-request.yml"]
    assert set(triggers(workflow)) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert "permissions" not in job  # nothing may widen the read-only token
    text = (WORKFLOWS / "pull-request.yml").read_text(encoding="utf-8")
    assert "secrets." not in text and "write" not in text.split("jobs:")[1]
    run = [step.get("run", "") for step in steps(workflow)]
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert uses[0].startswith("actions/checkout@")
    setup = next(s for s in steps(workflow)
                 if s.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11"
    order = ['pip install -e ".[test]"', "commons check --format github",
             "mkdocs build --strict", "python -m pytest -q"]
    positions = [next(i for i, command in enumerate(run) if command == wanted)
                 for wanted in order]
    assert positions == sorted(positions)
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith(
        "actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview"
    assert workflow["jobs"]["check"]["env"]["COMMONS_EDITION"] == "public"


def test_the_preview_is_the_offline_edition_that_opens_from_disk():
    """A directory-URL build opened from disk shows folder listings: the artifact is the
    file:// build (COMMONS_OFFLINE=true switches Material's offline plugin on in mkdocs.yml)."""
    workflow = all_workflows()["pull-request.yml"]
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith(
        "actions/upload-artifact@"))
    folder = upload["with"]["path"].rstrip("/")
    builds = [s for s in steps(workflow) if shlex.split(s.get("run", ""))[:2] == ["mkdocs",
                                                                                "build"]]
    preview = [s for s in builds
               if shlex.split(s["run"])[-2:] == ["--site-dir", folder]]
    assert len(preview) == 1, "exactly one build writes the uploaded folder"
    assert "--strict" in shlex.split(preview[0]["run"])
    assert str(preview[0]["env"]["COMMONS_OFFLINE"]).lower() == "true"
    assert steps(workflow).index(preview[0]) < steps(workflow).index(upload)
    assert workflow["jobs"]["check"]["env"]["COMMONS_EDITION"] == "public"
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    offline = re.search(r"^  - offline:\n      enabled: (.+)$", config, re.M)
    assert offline and offline[1] == "!ENV [COMMONS_OFFLINE, false]"
    for text in (GUIDE.read_text(encoding="utf-8"), PAGE.read_text(encoding="utf-8")):
        assert "`site-preview`" in text and "open `index.html`" in text
        assert "straight from your computer" in text


def test_deploy_workflow_publishes_the_public_edition_from_main_with_least_permissions():
    workflow = all_workflows()["deploy.yml"]
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert "pull_request" not in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build  # the job that runs project code cannot publish
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert build["env"]["COMMONS_EDITION"] == "public"
    uses = [step.get("uses", "") for step in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "mkdocs build --strict" in [step.get("run") for step in build["steps"]]


# -- pull request template and issue forms ----------------------------------------------------


def test_pull_request_template_has_a_consent_and_privacy_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+(?:\n {6}.+)*)", text, re.M)
    joined = " ".join(" ".join(box.split()) for box in boxes)
    for words in ("consent", "`named`", "`anonymous`", "withdraw", "private intake form",
                  "e-mail addresses", "last_checked"):
        assert words in joined, words


FORM_NAMES = ["report-an-outdated-link.yml", "share-a-story.yml", "suggest-a-program.yml"]


@pytest.mark.parametrize("name", FORM_NAMES)
def test_issue_forms_are_well_formed(name):
    form = load_yaml(FORMS / name)
    assert form["name"] and form["description"] and isinstance(form["body"], list)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if item["type"] == "markdown":
            assert item["attributes"]["value"].strip()
        else:
            assert item["attributes"]["label"] and "id" in item
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]
    assert any(item["type"] != "markdown" and item.get("validations", {}).get("required")
               for item in form["body"])


def test_share_a_story_warns_before_anything_is_typed():
    body = load_yaml(FORMS / "share-a-story.yml")["body"]
    first = body[0]
    assert first["type"] == "markdown"
    warning = " ".join(first["attributes"]["value"].split())
    assert "this issue is public at once" in warning
    assert "anyone on the internet can read it" in warning
    assert "E-mail the maintainers at" in warning and "the private intake form" in warning
    assert all(item["type"] != "markdown" for item in body[1:])


def test_issue_chooser_links_to_the_site_guide():
    config = load_yaml(FORMS / "config.yml")
    site_url = re.search(r"^site_url: (\S+)$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                         re.M)[1]
    assert sorted(p.name for p in FORMS.iterdir()) == sorted([*FORM_NAMES, "config.yml"])
    for link in config["contact_links"]:
        assert link["url"].startswith(site_url + "contributing/"), link
    anchor = "#keep-a-story-private"
    assert any(link["url"].endswith(anchor) for link in config["contact_links"])


# -- pre-commit and the editor ----------------------------------------------------------------


def test_pre_commit_runs_the_content_check():
    (manifest,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (repo,) = load_yaml(REPO / ".pre-commit-config.yaml")["repos"]
    (local,) = repo["hooks"]
    assert repo["repo"] == "local"
    for hook in (manifest, local):
        assert hook["id"] == "commons-check"
        assert hook["entry"] == "commons check"
        assert hook["language"] in ("python", "system")
        assert hook["pass_filenames"] is False
        assert hook["files"] == "^content/"
        assert re.search(hook["files"], "content/people/ana.yml")
        assert not re.search(hook["files"], "plugins/mentoring_commons/cli.py")


def test_editor_settings_map_every_schema_onto_existing_content():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    content_files = [p.relative_to(REPO).as_posix() for p in (REPO / "content").rglob("*.yml")]
    for schema, pattern in mapping.items():
        assert (REPO / schema).is_file(), schema
        assert Path(schema).parent.name == "schemas"
        matched = [f for f in content_files if fnmatch(f, pattern)]
        assert matched, pattern
    covered = [f for f in content_files if any(fnmatch(f, p) for p in mapping.values())]
    assert covered == content_files  # every YAML content file gets completion and checks
    extensions = json.loads((REPO / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_templates_carry_the_schema_hint():
    for template in (REPO / "contributing" / "templates").iterdir():
        hint = re.search(r"^# yaml-language-server: \$schema=(\S+)$",
                         template.read_text(encoding="utf-8"), re.M)
        assert hint, template.name
        # The hint is relative to where the file is saved: content/<folder>/<id>.<ext>.
        assert (REPO / "content" / "people" / hint[1]).resolve().is_file()


# -- the contributors page --------------------------------------------------------------------


def contributors_text(site) -> str:
    html = site.html("about/contributors/index.html")
    start = html.index('<article class="md-content__inner')
    main_html = html[start:html.index("</article>", start)]
    text = " ".join(re.sub(r"<[^>]+>", " ", main_html).split())
    return re.sub(r" ([:,.])", r"\1", text)


PERSON_WENDY = PERSON_BEN.replace("Ben Sample", "Wendy Withheld").replace(
    "visibility: public", "visibility: internal")
# A pseudonymous person's file holds the pseudonym only (commons check refuses a real name).
PERSON_RIVER = PERSON_BEN.replace("Ben Sample", "River Stone").replace(
    "naming: named", "naming: pseudonym\n  pseudonym: River Stone")


def story(title: str, author: str, naming: str) -> str:
    text = NARRATIVE_ANA.replace("title: Finding my people", f"title: {title}").replace(
        "authors: [ana]", f"authors: [{author}]").replace("naming: named", f"naming: {naming}")
    text = text.replace("  naming: pseudonym", "  naming: pseudonym\n  pseudonym: River Stone")
    front = text.split("\n---\n", 1)[0]
    # Each story its own words: the leak scan looks for phrases of withheld stories.
    return f"{front}\n---\nThis is the story called {title.lower()}, told by {author} alone.\n"


CREDIT_SITE = {
    "content/people/wendy.yml": PERSON_WENDY,
    "content/people/river-stone.yml": PERSON_RIVER,
    "content/narratives/river-story.md": story("A river story", "river-stone", "pseudonym"),
    "content/people/anonymous-member.yml": PERSON_ANONYMOUS,
    "content/narratives/quiet-story.md": story("A quiet story", "anonymous-member", "anonymous"),
    "content/narratives/wendy-story.md": story("An internal story", "wendy", "named").replace(
        "visibility: public", "visibility: internal"),
}


def git(root: Path, *args: str, author: str = "Someone") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.invalid",
           "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": "a@example.invalid",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(name, None)
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def test_contributors_page_credits_stories_as_consented(make_site):
    site = make_site(CREDIT_SITE)
    site.build()
    text = contributors_text(site)
    assert "Ana Example: Finding my people" in text
    assert "River Stone: A river story" in text
    assert "1 story was shared anonymously" in text
    for hidden in ("Wendy", "An internal story", "Ben Sample"):
        assert hidden not in text
    html = site.html("about/contributors/index.html")
    assert 'href="../../people/ana/"' in html
    assert "Added and edited entries" not in text  # no git repository here


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_contributors_page_lists_commit_authors_except_withheld_people(make_site):
    site = make_site(CREDIT_SITE)
    root = site.root
    git(root, "init", "-q")
    git(root, "add", "content/people/ana.yml")
    git(root, "commit", "-q", "-m", "Ana", author="Ana Example")
    for author, file in [("zed Editor", "content/people/ben.yml"),
                         ("Wendy Withheld", "content/people/wendy.yml"),
                         ("Dr. Wendy  Withheld", "content/people/river-stone.yml")]:
        git(root, "add", file)
        git(root, "commit", "-q", "-m", "more", author=author)
    git(root, "add", "mkdocs.yml")
    git(root, "commit", "-q", "-m", "not content", author="Outside Person")
    site.build()
    text = contributors_text(site)
    editors = text.split("Added and edited entries", 1)[1].split("Join them")[0]
    assert editors.split(":", 1)[1].split() == ["Ana", "Example", "zed", "Editor"]
    for hidden in ("Wendy", "Outside Person"):
        assert hidden not in text


# -- a newcomer follows CONTRIBUTING.md -------------------------------------------------------

GARCIA = """\
garcia-mazari-2021:
  type: chapter
  authors: ["García Mazari, Sheila"]
  title: Cultivating critical mass
  year: 2021
"""

STORY = """\
In my first month I ate lunch at my desk. Then a colleague who had started a few weeks before
me asked whether I wanted to join the new starters' lunch.

## What changed

We met once a month and compared notes: who to ask about the catalogue, how to say no to a
committee, what the acronyms meant. By spring I was the one inviting people.
"""

ADVICE = """\
Colleagues who started at about the same time face the same questions, and answering them
together is quicker than answering them alone. Ask who else is new, and suggest a regular time.
"""


def test_a_newcomer_follows_the_guide_to_a_built_site(make_site, capsys):
    today = dt.date.today()
    site = make_site({"content/references.yml": REFERENCES + GARCIA}, today=today.isoformat())
    # Path 2, step 2: the commands of the worked example, exactly as written in the guide.
    for line in commands(GUIDE.read_text(encoding="utf-8")):
        argv = shlex.split(line)
        assert argv[0] == ".venv/bin/commons"
        assert main(argv[1:]) == 0, line
    made = capsys.readouterr().out
    story_file = site.content / "narratives" / "priya-nair-lunch-with-the-new-starters.md"
    advice_file = site.content / "recommendations" / "find-your-peers-in-the-first-months.md"
    for path in (story_file, advice_file):
        assert f"Created {path.relative_to(site.root)}" in made
    # Step 3: replace the example text after the second '---' line.
    for path, text in ((story_file, STORY), (advice_file, ADVICE)):
        head, _, _ = path.read_text(encoding="utf-8").partition("\n---\n")
        path.write_text(head + "\n---\n" + text, encoding="utf-8")
    # Step 4: the check is clean.
    assert main(["check"]) == 0
    assert "0 errors, 0 warnings in content" in capsys.readouterr().err
    # Step 5: the site builds, with the new pages.
    site.build()
    for page in ("people/priya-nair", "programs/new-starters-lunch-club",
                 "narratives/priya-nair-lunch-with-the-new-starters",
                 "recommendations/find-your-peers-in-the-first-months"):
        assert (site.site_dir / page / "index.html").is_file(), page
    assert "What changed" in site.html(
        "narratives/priya-nair-lunch-with-the-new-starters/index.html")
    assert "Priya Nair: Lunch with the new starters" in contributors_text(site)
    program = site.html("programs/new-starters-lunch-club/index.html")
    assert "mc-stale" not in program  # checked today


def test_the_guides_example_error_is_what_the_check_prints(make_site, capsys):
    """The error shown under "When the check finds a problem" is real, line and column too."""
    make_site({"content/references.yml": REFERENCES + GARCIA})
    for line in commands(GUIDE.read_text(encoding="utf-8")):
        assert main(shlex.split(line)[1:]) == 0
    story_file = Path("content/narratives/priya-nair-lunch-with-the-new-starters.md")
    story_file.write_text(story_file.read_text(encoding="utf-8").replace(
        "forms: [peer, group]", "forms: [peers, group]"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    printed = capsys.readouterr().out.splitlines()[0]
    shown = re.search(r"```text\n(.+)\n```", GUIDE.read_text(encoding="utf-8"))[1]
    # (The fixture's vocabulary is smaller than the shipped one: compare up to the list.)
    assert printed.split(" allowed values are")[0] == shown.split(" allowed values are")[0]
