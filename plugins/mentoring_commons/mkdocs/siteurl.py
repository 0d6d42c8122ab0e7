"""site_url is required: the feeds link by absolute URLs made from it (core/outputs/feeds.py).

The build refuses a config without one (``mkdocs serve`` always has one: the preview's
address), and ``commons check`` refuses the same mkdocs.yml first, with the same message.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .contact import _NodeLoader

__all__ = ["SITE_URL_UNSET", "site_url_written"]

SITE_URL_UNSET = (
    "site_url is not set: the Atom and JSON feeds need the site's address for their absolute "
    "links; add a line like 'site_url: https://example.org/mentoring-commons/' (the intranet "
    "edition's own address for an intranet build)."
)


def site_url_written(config_file: Path) -> bool:
    """Whether mkdocs.yml gives a site_url (any value but an empty one; an ``!ENV`` tag counts,
    as its value is known only to the build)."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=_NodeLoader)
    except (OSError, yaml.YAMLError):
        return True  # unreadable: the build reports that itself
    if not isinstance(root, yaml.MappingNode):
        return True
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "site_url":
            return not (isinstance(value, yaml.ScalarNode) and value.tag.endswith(":null")
                        or isinstance(value, yaml.ScalarNode) and not value.value.strip())
    return False
