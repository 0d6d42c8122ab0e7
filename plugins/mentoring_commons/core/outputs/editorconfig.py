"""The web editor's configuration (Decap CMS, at /admin/), generated from the content model.

Never written by hand: every collection, field, label, hint, required flag, select option,
relation, pattern and length limit below is read from the record classes of ``core.model``
(the same declarations that make the JSON Schemas), so a change to the model changes the
editor. ``tests/test_editor_config.py`` holds the two against each other.

What the model states but Decap cannot (a name that the consent level allows, a date that is not
in the future) is handed to two small custom widgets of ``mkdocs/editor/assets/admin.js``
(``commons-name``, ``commons-date``) as options of the field, with the model's messages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model.fields import (
    ID_MAX_LENGTH,
    Boolean,
    Choice,
    Date,
    Doi,
    FieldType,
    Integer,
    ListOf,
    PagePath,
    Ref,
    Text,
    Url,
    Vocab,
)
from ..model.kinds import KINDS, Kind
from ..model.naming import ANONYMOUS_ID_BASE
from ..model.records import FieldSpec, Nested, field_specs

# Kinds the editor offers, one collection each. Glossary terms and references are left out:
# each lives as one YAML mapping of id -> fields (content/glossary.yml), and Decap edits a list
# of entries in a file, not a mapping keyed by id; the form picks from them instead (below).
EDITOR_KINDS = ("narrative", "person", "program", "recommendation")
# Which field an entry is known by in the editor's lists; its id (file name) is made from it.
IDENTIFIER_FIELDS = {"narrative": "title", "person": "name", "program": "name",
                     "recommendation": "title"}
# The fields that come first in a form: consent before anything it governs (issue 16).
FIRST_FIELDS = {"person": ("consent", "name"), "narrative": ("consent",)}
CONSENT_ORDER = ("naming", "pseudonym", "given", "review_by", "withdrawn")
# Dates a person cannot have agreed (or withdrawn) in the future.
PAST_DATES = {("consent", "given"), ("consent", "withdrawn")}
# The form is for a member's own entry, published on their consent: 'consent' is optional in
# the model (consent or published) and required in the form, and 'published' (an entry retold
# from a published work, which the maintainers write) is not offered. Decap checks the required
# fields inside an optional object even when it is left empty, so a 'published' block in the
# form would make every story ask for a reference and a licence. `commons check` still
# requires one or the other.
FORM_REQUIRED = ("consent",)
FORM_OMITTED = ("published",)

# The naming rules of issue 16 that the form checks as the contributor types: what each
# consent level allows in a person's ``name`` and in the consent's ``pseudonym``.
# In the words of `commons check` (core/check/naming.py), whose rules these are.
_PUBLIC = "The file is public: whatever it holds is published with the repository."
NAME_RULES: dict[str, dict[str, str]] = {
    "name": {
        "first-name": "naming is first-name, so name holds a single given name: write only the "
                      "given name, in letters (one word, or a hyphenated one). " + _PUBLIC,
        "pseudonym": "naming is pseudonym, so name is the pseudonym and nothing else: write the "
                     "pseudonym here exactly as under consent. " + _PUBLIC,
        "anonymous": "naming is anonymous, so the file holds no name at all: leave name empty "
                     "(the site shows 'A community member'). " + _PUBLIC,
    },
    "pseudonym": {
        "pseudonym": "naming is pseudonym: add a 'pseudonym' field.",
        "other": "a pseudonym is only used when naming is pseudonym: remove it or change naming.",
    },
}
# model/naming.py's GIVEN_NAME ([^\W\d_]+ joined by - ' or ’) for the browser, where \w is
# ASCII only: letters of any script, with the 'u' flag.
GIVEN_NAME_JS = "^\\p{L}+(?:[-'\u2019]\\p{L}+)*$"
SLUG_LENGTH = ID_MAX_LENGTH - 4
# An anonymous person has no name to make the id from: model/naming.py's ANONYMOUS_ID_BASE
# (Decap numbers it, -1, -2, when it is taken).
ANONYMOUS_ID = ANONYMOUS_ID_BASE
PAST_DATE_MESSAGE = "a date in the future is not allowed: use the date it happened."
DATE_MESSAGE = "not a date: write YYYY-MM-DD, e.g. 2024-05-01."


@dataclass(frozen=True)
class EditorSettings:
    """What a maintainer sets in the plugin config (``editor_*`` options), plus the mode."""

    backend: str = "github"
    repo: str | None = None  # "owner/name"
    branch: str = "main"
    base_url: str | None = None  # the OAuth endpoint's host, e.g. https://auth.example.org
    auth_endpoint: str | None = None  # its path, e.g. /auth
    api_root: str | None = None  # a self-hosted git host's API, e.g. https://git.example.org/api/v4
    open_authoring: bool = False
    auth_scope: str | None = None  # GitHub: "repo" (private repositories) or "public_repo"
    app_id: str | None = None  # GitLab: an OAuth application's id; sign-in by PKCE, no server
    content_dir: str = "content"  # the content folder, relative to the repository's root
    site_url: str | None = None
    # `commons edit`: the editor talks to decap-server on this machine instead of the git host.
    local_proxy: str | None = None


def editor_config(vocabularies: Mapping[str, Mapping[str, Any]], settings: EditorSettings,
                  catalog: Any = None) -> dict[str, Any]:
    """Decap's configuration object (as passed to ``CMS.init({config})``)."""
    backend: dict[str, Any] = {"name": settings.backend, "branch": settings.branch}
    if settings.repo:
        backend["repo"] = settings.repo
    if settings.base_url:
        backend["base_url"] = settings.base_url
    if settings.auth_endpoint:
        backend["auth_endpoint"] = settings.auth_endpoint
    if settings.api_root:
        backend["api_root"] = settings.api_root
    if settings.open_authoring:
        backend["open_authoring"] = True
    if settings.auth_scope:
        backend["auth_scope"] = settings.auth_scope
    if settings.app_id:
        backend["auth_type"] = "pkce"
        backend["app_id"] = settings.app_id
    config: dict[str, Any] = {
        "load_config_file": False,
        "backend": backend,
        # Drafts are branches; "ready" opens the pull request that `commons check` guards.
        "publish_mode": "editorial_workflow",
        "media_folder": f"{settings.content_dir}/pages/assets",
        "locale": "en",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [
            collection(KINDS[name], vocabularies, settings, catalog) for name in EDITOR_KINDS
        ],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    if settings.local_proxy:
        config["local_backend"] = {"url": settings.local_proxy}
    return config


def collection(kind: Kind, vocabularies: Mapping[str, Mapping[str, Any]],
               settings: EditorSettings, catalog: Any) -> dict[str, Any]:
    assert kind.folder is not None
    identifier = IDENTIFIER_FIELDS[kind.name]
    fields = [editor_field(name, spec, vocabularies, catalog, kind=kind.name)
              for name, spec in ordered_specs(kind.record, FIRST_FIELDS.get(kind.name, ()))
              if name not in FORM_OMITTED]
    if kind.markdown:
        fields.append({"name": "body", "label": "Text", "widget": "markdown",
                       "hint": "The text of the entry, in Markdown. No HTML.",
                       "required": False})
    return {
        "name": kind.collection,
        "label": kind.collection.capitalize(),
        "label_singular": kind.name,
        "description": f"Each {kind.name} is one file in {settings.content_dir}/{kind.folder}/; "
                       f"its id (the file name and the end of its web address) is made from "
                       f"the {identifier}.",
        "folder": f"{settings.content_dir}/{kind.folder}",
        "create": True,
        "extension": kind.extension.lstrip("."),
        "format": "frontmatter" if kind.markdown else "yaml",
        # Decap refuses to save an entry whose identifier_field is empty, and an anonymous
        # person has no name: people are identified by their naming level, always given, and
        # their id is made from the name the slug template picks (none: anonymous-member).
        "identifier_field": "consent.naming" if kind.name == "person" else identifier,
        # The id rule (lowercase ASCII, digits, single hyphens, at most 64): Decap lowercases
        # and cleans the slug (ascii, no accents, '-' between words), and a title is cut to
        # SLUG_LENGTH characters so that Decap's -1, -2 for a taken id still fit. A person's
        # name is not cut (Decap applies one filter per value, and the name's is the anonymous
        # id): a name over 64 characters makes an id `commons check` refuses.
        "slug": ("{{name | default('" + ANONYMOUS_ID + "')}}" if kind.name == "person"
                 else "{{" + identifier + f" | truncate({SLUG_LENGTH})}}}}"),
        "summary": ("{{name | default('A community member')}}" if kind.name == "person"
                    else "{{" + identifier + "}}"),
        "fields": fields,
    }


def ordered_specs(record: type, first: tuple[str, ...] = ()) -> list[tuple[str, FieldSpec]]:
    specs = dict(field_specs(record))
    if record.__name__ == "Consent":
        first = CONSENT_ORDER
    names = [n for n in first if n in specs] + [n for n in specs if n not in first]
    return [(name, specs[name]) for name in names]


def sentence(text: str) -> str:
    """The model's description of a field type as the editor's message: 'Text, up to 80
    characters, no HTML.'"""
    return text[:1].upper() + text[1:].replace("`", "") + "."


def label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def editor_field(name: str, spec: FieldSpec, vocabularies: Mapping[str, Mapping[str, Any]],
                 catalog: Any, *, kind: str, parent: str | None = None) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "label": label(name), "hint": spec.doc,
                             "required": spec.required}
    field.update(widget(spec.type, vocabularies, catalog, kind=kind, path=(parent, name)))
    if parent is None and name in FORM_REQUIRED:
        field["required"] = True
    if field.get("widget") == "commons-name":
        # Said by the widget when the consent level needs a name and there is none (Decap's
        # own "required" cannot see the consent level).
        field["required_message"] = f"'{name}' is required: {spec.doc}"
    return field


def widget(ftype: FieldType, vocabularies: Mapping[str, Mapping[str, Any]], catalog: Any, *,
           kind: str, path: tuple[str | None, str]) -> dict[str, Any]:
    """The Decap widget and options for one field type of the model."""
    if isinstance(ftype, Text):
        out: dict[str, Any] = {
            "widget": "text" if ftype.multiline or ftype.max_length > 200 else "string",
            # JSON Schema's pattern and maxLength in one expression, with the model's wording.
            "pattern": [f"^[^<>]{{1,{ftype.max_length}}}$", sentence(ftype.describe())],
        }
        if path == (None, "name") and kind == "person":
            out["widget"] = "commons-name"
            out["consent_rules"] = NAME_RULES["name"]
            out["given_name_pattern"] = GIVEN_NAME_JS
        elif path == ("consent", "pseudonym"):
            out["widget"] = "commons-name"
            out["consent_rules"] = NAME_RULES["pseudonym"]
        return out
    if isinstance(ftype, Integer):
        return {"widget": "number", "value_type": "int", "min": ftype.minimum,
                "max": ftype.maximum}
    if isinstance(ftype, Date):
        out = {"widget": "commons-date", "pattern_message": DATE_MESSAGE}
        if path in PAST_DATES:
            out["not_after_today"] = PAST_DATE_MESSAGE
        return out
    if isinstance(ftype, Boolean):
        return {"widget": "boolean", "default": False}
    if isinstance(ftype, (Url, Doi, PagePath)):
        return {"widget": "string",
                "pattern": [ftype.json_schema(vocabularies)["pattern"],
                            sentence(ftype.describe())]}
    if isinstance(ftype, Choice):
        options = [{"label": v, "value": v} for v in ftype.values]
        if path == ("consent", "naming"):
            # The name fields' rules follow it as it changes (admin.js, commons-naming).
            return {"widget": "commons-naming", "options": options}
        return {"widget": "select", "options": options}
    if isinstance(ftype, Vocab):
        return {"widget": "select", "options": vocabulary_options(vocabularies, ftype.name)}
    if isinstance(ftype, Ref):
        return reference(ftype, catalog)
    if isinstance(ftype, Nested):
        return {"widget": "object", "collapsed": False,
                "fields": [editor_field(n, s, vocabularies, catalog, kind=kind, parent=path[1])
                           for n, s in ordered_specs(ftype.record)]}
    if isinstance(ftype, ListOf):
        return list_widget(ftype, vocabularies, catalog, kind=kind, path=path)
    raise TypeError(f"no editor widget for {type(ftype).__name__}")  # a new field type


def list_widget(ftype: ListOf, vocabularies: Mapping[str, Mapping[str, Any]], catalog: Any, *,
                kind: str, path: tuple[str | None, str]) -> dict[str, Any]:
    limits: dict[str, Any] = {"max": ftype.max_items}
    if ftype.min_items:
        limits["min"] = ftype.min_items
    inner = widget(ftype.item, vocabularies, catalog, kind=kind, path=path)
    if inner["widget"] in ("select", "relation"):
        return {**inner, "multiple": True, **limits}
    if inner["widget"] == "object":
        return {"widget": "list", "fields": inner["fields"], **limits}
    return {"widget": "list", "field": {"name": "item", "label": label(path[1]), **inner},
            **limits}


def vocabulary_options(vocabularies: Mapping[str, Mapping[str, Any]],
                       name: str) -> list[dict[str, str]]:
    values = vocabularies.get(name, {})
    return [{"label": getattr(values[v], "label", None) or v, "value": v} for v in sorted(values)]


def reference(ftype: Ref, catalog: Any) -> dict[str, Any]:
    """A relation widget to the kind's collection, so the contributor picks an existing entry
    (and one made in the editor a minute ago). Kinds without a collection of their own
    (references, glossary terms, paths) become a select of the ids in this build."""
    kind = KINDS[ftype.kind]
    if kind.name in EDITOR_KINDS:
        shown = IDENTIFIER_FIELDS[kind.name]
        return {"widget": "relation", "collection": kind.collection, "value_field": "{{slug}}",
                "search_fields": [shown], "display_fields": [shown], "options_length": 50}
    entries = getattr(catalog, kind.collection, {}) if catalog is not None else {}
    return {"widget": "select",
            "options": [{"label": entry_label(entries[i], i), "value": i} for i in sorted(entries)]}


def entry_label(record: Any, entry_id: str) -> str:
    title = getattr(record, "title", None) or getattr(record, "term", None) or entry_id
    year = getattr(record, "year", None)
    return f"{title} ({year})" if year else str(title)
