"""The site's repository and contact, from the ``commons`` plugin's options in mkdocs.yml.

Every build needs a contact: a person in a story must be able to ask for a change or removal,
whichever edition they are in. A missing or malformed one stops the build with a message at
its line in mkdocs.yml (``commons check`` reports the same, via ``config_problems``). The
repository becomes Material's ``repo_url`` and ``edit_uri``, so "edit this page" opens the
entry's file in ``content/`` (generated pages carry ``../<kind>/<id>.<ext>``, resolved against
``content/pages/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ..core.site.contact import SiteContact

__all__ = ["ConfigProblem", "config_problems", "contact_from_mkdocs_yml", "edit_uri_for", "locate",
           "locate_top_level", "repo_name_for", "site_contact", "written_keys"]

EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]+$")
PLUGIN = "commons"


@dataclass(frozen=True, slots=True)
class ConfigProblem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: {self.message}"


class _NodeLoader(yaml.SafeLoader):
    """Composes mkdocs.yml into nodes (with positions) whatever its tags (!ENV,
    !!python/name): nothing is constructed."""


def _plugin_node(config_file: Path) -> tuple[yaml.Node | None, yaml.Node | None]:
    """The ``commons`` entry's key node and its options' mapping node (either may be None)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_NodeLoader)
    except (OSError, yaml.YAMLError):
        return None, None
    if not isinstance(root, yaml.MappingNode):
        return None, None
    plugins = next((value for key, value in root.value if key.value == "plugins"), None)
    if isinstance(plugins, yaml.MappingNode):  # plugins: {commons: {...}, search: {}}
        entries = list(plugins.value)
    elif isinstance(plugins, yaml.SequenceNode):  # plugins: [commons, {commons: {...}}]
        entries = []
        for item in plugins.value:
            if isinstance(item, yaml.ScalarNode):
                entries.append((item, None))
            elif isinstance(item, yaml.MappingNode):
                entries.extend(item.value)
    else:
        return None, None
    for name, options in entries:
        if isinstance(name, yaml.ScalarNode) and name.value == PLUGIN:
            return name, options if isinstance(options, yaml.MappingNode) else None
    return None, None


def locate(config_file: Path, *keys: str) -> tuple[int, int]:
    """(line, column) of the deepest of ``keys`` found under the commons plugin's options, or of
    the plugin's entry, or (1, 1)."""
    name, options = _plugin_node(config_file)
    if name is None:
        return 1, 1
    found: yaml.Node = name
    for key in keys:
        if not isinstance(options, yaml.MappingNode):
            break
        match = next(((k, v) for k, v in options.value if k.value == key), None)
        if match is None:
            break
        found, options = match
    return found.start_mark.line + 1, found.start_mark.column + 1


def _top_level(config_file: Path) -> dict[str, yaml.Node]:
    """The top-level keys of mkdocs.yml as written (not as MkDocs filled them in)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_NodeLoader)
    except (OSError, yaml.YAMLError):
        return {}
    if not isinstance(root, yaml.MappingNode):
        return {}
    return {name.value: name for name, _ in root.value if isinstance(name, yaml.ScalarNode)}


def written_keys(config_file: Path) -> set[str]:
    """Which top-level settings mkdocs.yml gives itself (MkDocs derives repo_name and edit_uri
    when they are not given, and its config no longer says which were)."""
    return set(_top_level(config_file))


def locate_top_level(config_file: Path, key: str) -> tuple[int, int]:
    """(line, column) of a top-level key of mkdocs.yml, or (1, 1)."""
    node = _top_level(config_file).get(key)
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)


def config_problems(config_file: Path, contact: dict[str, Any],
                    shown: str | None = None) -> list[ConfigProblem]:
    """What is wrong with the contact options (``{"email": ..., "form": ...}``)."""
    shown = shown or str(config_file)
    problems = []
    email, form = contact.get("email"), contact.get("form")
    if not email and not form:
        line, col = locate(config_file, "contact")
        problems.append(ConfigProblem(
            shown, line, col,
            "the commons plugin has no contact: add `contact:` with `email:` (the maintainers' "
            "address) or `form:` (a private contact form's web address) under it. Every "
            "narrative and person page links to it for a change or removal."))
    if email and not (isinstance(email, str) and EMAIL.match(email)):
        line, col = locate(config_file, "contact", "email")
        problems.append(ConfigProblem(
            shown, line, col,
            f"contact email {email!r} is not an e-mail address: write it like "
            "maintainers@example.org."))
    return problems


def contact_from_mkdocs_yml(config_file: Path) -> dict[str, Any] | None:
    """The commons plugin's ``contact`` options as written in mkdocs.yml (for ``commons
    check``, which does not load MkDocs), or None when the file has no commons plugin."""
    name, options = _plugin_node(config_file)
    if name is None:
        return None
    if options is None:
        return {}
    contact = next((v for k, v in options.value if k.value == "contact"), None)
    if not isinstance(contact, yaml.MappingNode):
        return {}
    return {k.value: v.value for k, v in contact.value if isinstance(v, yaml.ScalarNode)}


def repo_name_for(repository: str) -> str:
    """``OWNER/NAME`` for Material's repository button."""
    return urlsplit(repository).path.strip("/").removesuffix(".git") or repository


def edit_uri_for(repository: str, branch: str, docs_dir: str) -> str:
    """MkDocs' ``edit_uri``: the editor of ``docs_dir`` (relative to the repository's root) on
    ``branch``, in GitHub's form (``edit/BRANCH/DIR/``) or GitLab's (``-/edit/BRANCH/DIR/``)."""
    prefix = "-/edit" if "gitlab" in urlsplit(repository).netloc.lower() else "edit"
    folder = docs_dir.strip("/")
    return f"{prefix}/{branch}/{folder}/" if folder else f"{prefix}/{branch}/"


def site_contact(options: Any, repository: str | None) -> SiteContact:
    return SiteContact(email=options.contact.email or None, form=options.contact.form or None,
                       repository=repository.rstrip("/") if repository else None,
                       branch=options.branch)
