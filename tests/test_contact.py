"""One place says how to reach the site's people: the commons plugin's repository and contact.

A build (and ``commons check``) without a contact stops at its line in mkdocs.yml; Material's
repository button and "edit this page" come from the repository; every narrative and person
page has a private "Is this you? Ask for a change or removal" route; and the repository's
static files (the guide, the issue forms, the pull-request template) repeat the shipped values.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import yaml
from conftest import MAINTAINERS, REPO, build_fails
from finding_support import tree
from mentoring_commons.cli import main
from mentoring_commons.mkdocs.contact import contact_from_mkdocs_yml

REPOSITORY = "https://github.com/example-org/example-commons"
CHANGE_LINK_TEXT = "Is this you? Ask for a change or removal"


def set_options(site, replacement: str) -> None:
    """Replace the fixture's contact block under the commons plugin with ``replacement``."""
    path = site.root / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    block = f"      contact:\n        email: {MAINTAINERS}\n"
    assert block in text
    path.write_text(text.replace(block, replacement), encoding="utf-8")


def line_of(site, needle: str) -> int:
    lines = (site.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


# -- a build without a contact ----------------------------------------------------------------


@pytest.mark.parametrize("edition", ["public", "internal"])
def test_a_build_without_a_contact_stops_at_the_plugins_line(make_site, caplog, edition):
    site = make_site(edition=edition)
    set_options(site, "")
    errors = build_fails(site, caplog)
    line = line_of(site, "- commons:")
    assert errors == [
        f"mkdocs.yml:{line}:5: error: the commons plugin has no contact: add `contact:` with "
        "`email:` (the maintainers' address) or `form:` (a private contact form's web address) "
        "under it. Every narrative and person page links to it for a change or removal.",
        "1 error in mkdocs.yml: fix them and build again (nothing was written).",
    ]
    assert not site.site_dir.exists()


def test_a_malformed_address_is_refused_at_its_line(make_site, caplog):
    site = make_site()
    set_options(site, "      contact:\n        email: the maintainers\n")
    errors = build_fails(site, caplog)
    assert errors[0] == (f"mkdocs.yml:{line_of(site, 'email: the')}:9: error: contact email "
                         "'the maintainers' is not an e-mail address: write it like "
                         "maintainers@example.org.")


def test_the_check_refuses_a_site_without_a_contact_first(make_site, capsys):
    site = make_site()
    assert main(["check"]) == 0
    set_options(site, "")
    capsys.readouterr()
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert f"mkdocs.yml:{line_of(site, '- commons:')}:5: error: the commons plugin has no " \
           "contact" in out


# -- the repository: Material's button and "edit this page" ------------------------------------


def test_repository_button_and_edit_links_open_the_entrys_own_file(make_site):
    site = make_site()
    set_options(site, f"      repository: {REPOSITORY}\n      branch: trunk\n"
                      f"      contact:\n        email: {MAINTAINERS}\n")
    config = site.root / "mkdocs.yml"  # Material shows "edit this page" with this feature on
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  font: false\n", "  font: false\n  features: [content.action.edit]\n"), encoding="utf-8")
    site.build()
    edit = f"{REPOSITORY}/edit/trunk/content/"
    for page, source in (("narratives/ana-finding-my-people/index.html",
                          "narratives/ana-finding-my-people.md"),
                         ("people/ana/index.html", "people/ana.yml"),
                         ("programs/lunch-club/index.html", "programs/lunch-club.yml"),
                         ("recommendations/join-a-peer-group-early/index.html",
                          "recommendations/join-a-peer-group-early.md"),
                         ("index.html", "pages/index.md")):
        document = tree(site.html(page))
        assert [a.attrs["href"] for a in document.select("a[rel=edit]")] == [edit + source], page
        buttons = document.select("a.md-source")  # the header's, and the drawer's
        assert buttons and all(b.attrs["href"] == REPOSITORY for b in buttons)
        assert all("example-org/example-commons" in b.text for b in buttons)
        # Without data-md-component, Material's script asks api.github.com for nothing.
        assert not any("data-md-component" in b.attrs for b in buttons)
    # Listings are generated from many files: no edit link at all.
    assert not tree(site.html("narratives/index.html")).select("a[rel=edit]")


def test_the_shipped_site_links_its_repository(tmp_path):
    options = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"),
                        Loader=yaml.BaseLoader)
    assert "repo_url" not in options and "edit_uri" not in options  # said once, in the plugin
    commons = next(p["commons"] for p in options["plugins"] if isinstance(p, dict)
                   and "commons" in p)
    assert commons["repository"].startswith("https://github.com/")
    assert commons["branch"] == "main"
    assert re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", commons["contact"]["email"])


# -- "Is this you?" --------------------------------------------------------------------------


def change_links(site, page: str) -> list:
    return [a for a in tree(site.html(page)).select("article a")
            if a.text == CHANGE_LINK_TEXT]


def test_every_narrative_and_person_page_offers_a_private_change_route(make_site):
    site = make_site()
    site.build()
    pages = [*sorted((site.site_dir / "narratives").glob("*/index.html")),
             *sorted((site.site_dir / "people").glob("*/index.html"))]
    pages = [p for p in pages if p.parent.name not in {"narratives", "people"}]
    assert len(pages) >= 3
    for path in pages:
        rel = path.relative_to(site.site_dir).as_posix()
        links = change_links(site, rel)
        assert len(links) == 1, rel
        href = urlsplit(links[0].attrs["href"])
        assert href.scheme == "mailto" and unquote(href.path) == MAINTAINERS
        query = parse_qs(href.query)
        title = tree(site.html(rel)).one("article h1").text.split(" (")[0]
        assert query["subject"] == [f"Change or removal: {title}"], rel
        address = "https://example.org/" + rel.removesuffix("index.html")
        assert f"Address: {address}" in query["body"][0]
        # Said in words, not only by the link: where the message goes.
        aside = tree(site.html(rel)).one("aside.mc-change")
        assert aside.attrs["aria-label"] == "Corrections and removal"
        assert "an e-mail to the site's maintainers that names this page" in aside.text


def test_a_site_with_only_a_form_links_the_form(make_site):
    site = make_site()
    form = "https://forms.example.org/commons-intake"
    set_options(site, f"      contact:\n        form: {form}\n")
    site.build()
    for page in ("narratives/ana-finding-my-people/index.html", "people/ana/index.html"):
        assert [a.attrs["href"] for a in change_links(site, page)] == [form]
    text = tree(site.html("about/contributors/index.html")).text
    assert "use the private contact form; it goes to the maintainers only" in text


def test_the_contributors_page_says_how_to_reach_the_maintainers(make_site):
    site = make_site()
    set_options(site, f"      repository: {REPOSITORY}\n"
                      f"      contact:\n        email: {MAINTAINERS}\n")
    site.build()
    page = tree(site.html("about/contributors/index.html"))
    hrefs = [a.attrs["href"] for a in page.select("article a")]
    assert f"mailto:{MAINTAINERS}" in hrefs and REPOSITORY in hrefs
    assert f"e-mail the maintainers at {MAINTAINERS}" in page.text


# -- the repository's static files say the same --------------------------------------------------


STATIC_FILES = ["CONTRIBUTING.md", "content/pages/contributing.md", "content/pages/about/index.md",
                "README.md",
                ".github/PULL_REQUEST_TEMPLATE.md", *sorted(
                    p.relative_to(REPO).as_posix() for p in (REPO / ".github").rglob("*.yml"))]


def shipped_options() -> tuple[str, str]:
    contact = contact_from_mkdocs_yml(REPO / "mkdocs.yml")
    assert contact and contact.get("email")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    repository = re.search(r"^      repository: (\S+)$", text, re.M)
    assert repository
    return contact["email"], repository[1]


@pytest.mark.parametrize("name", STATIC_FILES)
def test_static_files_use_the_shipped_contact_and_repository(name):
    email, repository = shipped_options()
    text = (REPO / name).read_text(encoding="utf-8")
    addresses = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))
    # Every address is the maintainers' (git@github.com-style remotes are not addresses).
    assert addresses <= {email}, name
    flat = " ".join(text.split())
    for match in re.finditer(r"e-mail the maintainers", flat, re.I):
        assert flat[match.end():match.end() + 4 + len(email)].endswith(email) or \
            email in flat[match.end():match.end() + 200], f"{name}: no address after {match[0]!r}"
    owner_repo = repository.removeprefix("https://github.com/")
    for url in re.findall(r"https://github\.com/([\w.-]+/[\w.-]+)", text):
        owner, _, project = url.partition("/")
        if owner.startswith("<") or owner.isupper():
            continue
        assert url.removesuffix(".git") == owner_repo, f"{name}: {url}"
    assert "YOUR-NAME" not in text, name


def test_the_guide_clones_the_real_repository():
    _, repository = shipped_options()
    for name in ("CONTRIBUTING.md", "content/pages/contributing.md"):
        text = (REPO / name).read_text(encoding="utf-8")
        assert f"git clone {repository}.git\n" in text, name


def test_the_readme_says_the_shipped_contact_is_a_placeholder():
    email, repository = shipped_options()
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "placeholder" in readme and email in readme and repository in readme


def test_issue_forms_never_ask_a_reader_to_find_a_maintainer_unaided():
    for path in sorted((REPO / ".github").rglob("*")):
        if path.is_file():
            text = " ".join(path.read_text(encoding="utf-8").split())
            assert "ask a maintainer for the private intake form" not in text.lower(), path


def test_a_repo_url_that_contradicts_the_repository_is_refused_at_its_line(make_site, caplog):
    site = make_site()
    set_options(site, f"      repository: {REPOSITORY}\n"
                      f"      contact:\n        email: {MAINTAINERS}\n")
    config = site.root / "mkdocs.yml"
    config.write_text("repo_url: https://github.com/someone/else\n"
                      + config.read_text(encoding="utf-8"), encoding="utf-8")
    errors = build_fails(site, caplog)
    assert errors[0] == (
        "mkdocs.yml:1:1: error: repo_url 'https://github.com/someone/else' differs from the "
        f"commons plugin's repository '{REPOSITORY}': remove repo_url, the plugin sets it.")
