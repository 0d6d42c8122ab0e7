"""The web editor at /admin/ (issue 18): its configuration is generated from the content model
and must agree with the published JSON Schemas; when a build publishes it; the vendored Decap
files and their checksums; the page's Content-Security-Policy."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from mentoring_commons.core.model.kinds import KINDS
from mentoring_commons.core.outputs.editorconfig import (
    EDITOR_KINDS,
    FORM_OMITTED,
    FORM_REQUIRED,
    NAME_RULES,
)
from mentoring_commons.mkdocs.editor import publish

REPO_URL = "repo_url: https://github.com/example/commons\n"


def built(make_site: Any, extra: str = REPO_URL, **options: Any) -> Any:
    site = make_site(**options)
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text() + extra)
    site.build()
    return site


def setup_of(site: Any) -> dict[str, Any]:
    return json.loads((site.site_dir / "admin" / "editor.json").read_text("utf-8"))


def schema_of(site: Any, kind: str) -> dict[str, Any]:
    return json.loads((site.site_dir / "schemas" / f"{kind}.schema.json").read_text("utf-8"))


def js_pattern(field: dict[str, Any]) -> re.Pattern[str]:
    # Decap tests a value with `new RegExp(pattern)`; these patterns mean the same in Python.
    return re.compile(field["pattern"][0])


def agree(field: dict[str, Any], schema: dict[str, Any], where: str,
          reference_ids: list[str]) -> None:
    """One field of the editor against its property in the JSON Schema."""
    widget = field["widget"]
    kind = schema.get("type")
    if kind == "array":
        assert field.get("max") == schema["maxItems"], where
        assert field.get("min") == schema.get("minItems"), where
        item = schema["items"]
        if item.get("type") == "object":
            assert widget == "list", where
            agree_record(field["fields"], item, where, reference_ids)
        elif widget in ("select", "relation"):
            assert field["multiple"] is True, where
            agree({**field, "multiple": None, "min": None, "max": None}, item, where,
                  reference_ids)
        else:
            assert widget == "list", where
            agree(field["field"], item, where + "[]", reference_ids)
        return
    if kind == "object":
        assert widget == "object", where
        agree_record(field["fields"], schema, where, reference_ids)
        return
    if "enum" in schema:
        assert widget == ("commons-naming" if where.endswith("consent.naming") else "select"), (
            where)
        assert [o["value"] for o in field["options"]] == sorted(schema["enum"]) or [
            o["value"] for o in field["options"]] == schema["enum"], where
        assert all(o["label"] for o in field["options"]), where
        return
    if kind == "integer":
        assert (widget, field["min"], field["max"]) == (
            "number", schema["minimum"], schema["maximum"]), where
        return
    if kind == "boolean":
        assert widget == "boolean", where
        return
    if schema.get("format") == "date":
        assert widget == "commons-date", where
        return
    if schema.get("pattern") == "^[^<>]*$":  # Text: no HTML, and its length limit
        pattern = js_pattern(field)
        limit = schema["maxLength"]
        assert pattern.match("a" * limit) and not pattern.match("a" * (limit + 1)), where
        assert not pattern.match("a <b>"), where
        assert widget in ("string", "text", "commons-name"), where
        return
    if widget == "relation":
        target = KINDS[field["collection"] if field["collection"] in KINDS else
                       next(k for k in KINDS if KINDS[k].collection == field["collection"])]
        assert target.folder and field["value_field"] == "{{slug}}", where
        assert schema["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$", where
        return
    if widget == "select":  # a reference or glossary term: the ids of this build
        assert [o["value"] for o in field["options"]] == reference_ids, where
        return
    assert widget == "string" and field["pattern"][0] == schema["pattern"], where


def agree_record(fields: list[dict[str, Any]], schema: dict[str, Any], where: str,
                 reference_ids: list[str]) -> None:
    by_name = {f["name"]: f for f in fields}
    # Every property is in the form, but 'published' at the top of an entry (see FORM_OMITTED).
    properties = {name: prop for name, prop in schema["properties"].items()
                  if not ("." not in where and name in FORM_OMITTED)}
    assert set(by_name) - {"body"} == set(properties), where
    for name, prop in properties.items():
        field = by_name[name]
        required = name in schema.get("required", [])
        # The form may ask for more than the schema (consent: a member's own entry), never less.
        assert field["required"] == required or (field["required"] and name in FORM_REQUIRED), (
            f"{where}.{name}")
        assert field["hint"] == prop["description"], f"{where}.{name}"
        agree(field, prop, f"{where}.{name}", reference_ids)


def test_published_configuration_agrees_with_the_json_schemas(make_site: Any) -> None:
    site = built(make_site)
    config = setup_of(site)["config"]
    # Every Ref to a kind without a collection of its own, in these four kinds, is to a
    # reference: a select of the references this build publishes.
    references = sorted(e["id"] for e in json.loads(
        (site.site_dir / "export" / "references.json").read_text("utf-8"))["entries"])
    assert references
    collections = {c["name"]: c for c in config["collections"]}
    assert sorted(collections) == sorted(KINDS[k].collection for k in EDITOR_KINDS)
    for name in EDITOR_KINDS:
        kind = KINDS[name]
        collection = collections[kind.collection]
        assert collection["folder"] == f"content/{kind.folder}"
        assert collection["format"] == ("frontmatter" if kind.markdown else "yaml")
        assert collection["extension"] == kind.extension.lstrip(".")
        if name != "person":  # ids at most 64 characters, with room for Decap's "-1"
            field = collection["identifier_field"]
            assert collection["slug"] == "{{" + field + " | truncate(60)}}"
        assert ("body" in {f["name"] for f in collection["fields"]}) == kind.markdown
        agree_record(collection["fields"], schema_of(site, name), name, references)
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {"name": "github", "branch": "main", "repo": "example/commons"}
    assert "local_backend" not in config


def test_consent_comes_first_and_carries_the_naming_rules(make_site: Any) -> None:
    config = setup_of(built(make_site))["config"]
    people = next(c for c in config["collections"] if c["name"] == "people")
    assert [f["name"] for f in people["fields"][:2]] == ["consent", "name"]
    # An anonymous person has no name to make the id from (model/naming.py).
    assert people["slug"] == "{{name | default('anonymous-member')}}"
    consent = people["fields"][0]["fields"]
    assert [f["name"] for f in consent[:3]] == ["naming", "pseudonym", "given"]
    given = consent[2]
    assert given["widget"] == "commons-date" and "default" not in given
    assert given["not_after_today"]
    name = people["fields"][1]
    assert name["widget"] == "commons-name" and name["consent_rules"] == NAME_RULES["name"]
    assert set(NAME_RULES["name"]) == {"first-name", "pseudonym", "anonymous"}
    narratives = next(c for c in config["collections"] if c["name"] == "narratives")
    assert narratives["fields"][0]["name"] == "consent"


def test_vocabulary_labels_and_a_new_value_reach_the_editor(make_site: Any) -> None:
    from tests.conftest import VOCABULARIES

    vocabularies = VOCABULARIES.replace(
        "topics:\n", "topics:\n  zines:\n    label: Zine making\n"
        "    definition: Making small magazines together.\n", 1)
    site = make_site({"content/vocabularies.yml": vocabularies})
    (site.root / "mkdocs.yml").write_text((site.root / "mkdocs.yml").read_text() + REPO_URL)
    site.build()
    narratives = next(c for c in setup_of(site)["config"]["collections"]
                      if c["name"] == "narratives")
    topics = next(f for f in narratives["fields"] if f["name"] == "topics")
    assert {"label": "Zine making", "value": "zines"} in topics["options"]


@pytest.mark.parametrize("edition, extra, reason", [
    ("internal", REPO_URL, "internal edition"),
    ("public", "", "no repository"),
    ("public", REPO_URL.replace("github.com", "example.org"), "is not on github.com"),
])
def test_editor_left_out(make_site: Any, caplog: pytest.LogCaptureFixture, edition: str,
                         extra: str, reason: str) -> None:
    import logging

    caplog.set_level(logging.INFO)
    site = built(make_site, extra, edition=edition)
    assert not (site.site_dir / "admin").exists()
    assert any(reason in r.getMessage() for r in caplog.records)


def test_editor_left_out_of_the_offline_edition_unless_on(make_site: Any) -> None:
    offline = REPO_URL + "use_directory_urls: false\n"
    site = make_site()
    text = (site.root / "mkdocs.yml").read_text().replace(
        "  - search\n", "  - search\n  - offline\n")
    (site.root / "mkdocs.yml").write_text(text + offline)
    site.build()
    assert not (site.site_dir / "admin").exists()
    (site.root / "mkdocs.yml").write_text(
        text.replace("edition: public", "edition: public\n      editor: 'on'") + offline)
    site.build()
    assert (site.site_dir / "admin" / "index.html").is_file()


def test_admin_page_loads_only_its_own_files_and_limits_connections(make_site: Any) -> None:
    site = built(make_site)
    page = (site.site_dir / "admin" / "index.html").read_text("utf-8")
    sources = re.findall(r'src="([^"]+)"', page)
    assert sources == ["manual-init.js", "vendor/decap-cms/decap-cms.js", "admin.js"]
    for source in sources:
        assert (site.site_dir / "admin" / source).is_file()
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page).group(1)
    policy = policy.replace("&#39;", "'")
    connect = next(p for p in policy.split("; ") if p.startswith("connect-src"))
    assert connect == "connect-src 'self' https://api.github.com"
    vendored = {p.name for p in (site.site_dir / "admin" / "vendor" / "decap-cms").iterdir()}
    assert {"decap-cms.js", "LICENSE", "SHA256SUMS", "VERSION"} <= vendored


def test_commons_edit_mode_talks_to_the_local_proxy_only(make_site: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMONS_EDITOR_LOCAL_PROXY", "http://localhost:8082/api/v1")
    site = built(make_site, "")
    config = setup_of(site)["config"]
    assert config["local_backend"] == {"url": "http://localhost:8082/api/v1"}
    page = (site.site_dir / "admin" / "index.html").read_text("utf-8").replace("&#39;", "'")
    assert "connect-src 'self' http://localhost:8082;" in page


def test_vendored_decap_is_checked_against_its_checksums(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    files = publish.vendored_files()
    assert {"decap-cms.js", "LICENSE", "VERSION"} <= {f.name for f in files}
    assert "MIT License" in (publish.VENDOR / "LICENSE").read_text("utf-8")
    copy = tmp_path / "decap-cms"
    shutil.copytree(publish.VENDOR, copy)
    monkeypatch.setattr(publish, "VENDOR", copy)
    with (copy / "decap-cms.js").open("a") as bundle:
        bundle.write("// changed")
    with pytest.raises(publish.VendorError, match="decap-cms.js: its SHA-256"):
        publish.vendored_files()


def test_a_changed_vendor_file_stops_the_build(make_site: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    copy = tmp_path / "vendor-copy"
    shutil.copytree(publish.VENDOR, copy)
    (copy / "stray.js").write_text("alert(1)")
    monkeypatch.setattr(publish, "VENDOR", copy)
    with pytest.raises(Abort):
        built(make_site)
    assert any("stray.js: not listed in SHA256SUMS" in r.getMessage() for r in caplog.records)


def test_maintainers_settings_reach_the_backend(make_site: Any) -> None:
    options = ("      editor_base_url: https://auth.example.org\n"
               "      editor_open_authoring: true\n      editor_auth_scope: repo\n")
    site = make_site()
    text = (site.root / "mkdocs.yml").read_text().replace(
        "      contact:\n", options + "      contact:\n", 1)
    (site.root / "mkdocs.yml").write_text(text + REPO_URL)
    site.build()
    assert setup_of(site)["config"]["backend"] == {
        "name": "github", "branch": "main", "repo": "example/commons",
        "base_url": "https://auth.example.org", "open_authoring": True, "auth_scope": "repo"}


def test_the_set_up_guide_is_the_same_in_the_readme_and_on_the_site() -> None:
    from tests.conftest import REPO

    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Set up the web editor\n\n", 1)[1].split("\n## ", 1)[0]
    page = (REPO / "content/pages/about/web-editor.md").read_text("utf-8")
    # The site's page is a page of its own, so its sections are one level up (h2, not the
    # README's h3): the Nu Html Checker refuses a page that skips from h1 to h3.
    on_site = page.split("# Set up the web editor\n\n", 1)[1].strip()
    assert on_site == re.sub(r"^#(#+ )", r"\1", section.strip(), flags=re.M)
    # The options it names are the plugin's.
    from mentoring_commons.mkdocs.config import CommonsConfig

    for option in re.findall(r"^\s+(editor\w*):", section, flags=re.M):
        assert option in {key for key, _ in CommonsConfig._schema}, option
