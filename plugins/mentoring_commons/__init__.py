"""Mentoring Commons: community mentoring narratives and resources, built into a static site.

The package has two halves with a one-way dependency:

- ``mentoring_commons.core``: the content model, the strict loader, validation, linking and the
  publishing boundary. It imports nothing from MkDocs, so it can serve another generator.
- ``mentoring_commons.mkdocs``: a thin MkDocs plugin that adapts the core.
"""

__version__ = "0.1.0"
