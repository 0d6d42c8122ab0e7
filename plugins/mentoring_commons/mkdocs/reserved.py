"""Outputs of a build that content may not land on, besides the generated pages: the theme's
files (MkDocs lets a file of ``docs_dir`` replace them), its static pages (404.html), the web
editor's folder and the search page, as this site's configuration makes them.

The build reads them from its configuration; ``commons check`` from ``mkdocs.yml`` beside the
content folder, without loading plugins, so the two refuse the same files
(core/outputs/outputpaths.py reports them).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .editor.publish import ADMIN

__all__ = ["reserved_from_config_file", "reserved_outputs", "theme_outputs"]

SEARCH_PAGE_URI = "search.md"

# As MkDocs' Files.add_files_from_theme chooses the files a theme adds to the site (templates,
# translations and dot files are not copied).
_NOT_COPIED = [".*", "*/.*", "*.py", "*.pyc", "*.html", "*readme*", "mkdocs_theme.yml",
               "locales/*"]
_MARKDOWN = [".markdown", ".mdown", ".mkdn", ".mkd", ".md"]


def theme_outputs(dirs: Iterable[str], static_templates: Iterable[str]) -> dict[str, str]:
    """Every file the theme adds to a build (its path in the site -> what it is)."""
    statics = sorted(static_templates)
    patterns = _NOT_COPIED + [f"*{ext}" for ext in _MARKDOWN] + statics
    found = {name: f"the theme's {name}" for name in statics}
    for folder in dirs:
        for parent, subdirs, files in os.walk(folder):
            subdirs.sort()
            for name in sorted(files):
                rel = Path(parent, name).relative_to(folder).as_posix()
                if not any(fnmatch.fnmatch(rel.lower(), pattern) for pattern in patterns):
                    found.setdefault(rel, f"the theme's file {rel}")
    return found


def reserved_outputs(theme_dirs: Iterable[str], static_templates: Iterable[str],
                     options: Mapping[str, Any]) -> dict[str, str]:
    """The theme's outputs, and what the commons plugin's ``options`` add beside the planned
    pages (the web editor's folder, unless it is off; the search page, when Pagefind is on)."""
    reserved = theme_outputs(theme_dirs, static_templates)
    if options.get("editor", "auto") != "off":
        reserved[f"{ADMIN}/"] = f"the {ADMIN}/ folder, where the site puts the web editor"
    if options.get("pagefind", "off") == "on":
        reserved["search.html"] = reserved["search/index.html"] = (
            f"the generated page {SEARCH_PAGE_URI} (Search)")
    return reserved


def reserved_from_config_file(config_file: Path) -> dict[str, str]:
    """``reserved_outputs`` as ``config_file`` (mkdocs.yml) sets them up, read without loading
    plugins; empty when there is no such file or it cannot be read (the build then reports it).
    """
    if not config_file.is_file():
        return {}
    from mkdocs.theme import Theme
    from mkdocs.utils.yaml import yaml_load

    try:
        with config_file.open("rb") as stream:
            config = yaml_load(stream) or {}
        theme = config.get("theme") or "mkdocs"
        theme = {"name": theme} if isinstance(theme, str) else dict(theme)
        if theme.get("custom_dir"):
            theme["custom_dir"] = str(config_file.parent / theme["custom_dir"])
        loaded = Theme(**theme)
    except Exception:  # noqa: BLE001 - any broken mkdocs.yml: the build says what is wrong
        return {}
    options: dict[str, Any] = {}
    for plugin in config.get("plugins") or ():
        if isinstance(plugin, dict) and isinstance(plugin.get("commons"), dict):
            options = plugin["commons"]
    return reserved_outputs(loaded.dirs, loaded.static_templates, options)
