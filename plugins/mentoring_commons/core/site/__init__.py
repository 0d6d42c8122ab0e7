"""Stage 6, site: the pages of the site, planned from the published data alone.

- ``data``: ``SiteData`` (the published catalog and tables derived from it once) and
  ``PagePlan`` (a page: its path, title, template and context).
- ``links``: ``SiteLinks``, how pages are addressed (relative and absolute URLs).
- ``pages``: the core pages (entities, indexes, glossary, references, the model reference).
- ``facets``, ``related``, ``matches``, ``backlinks``, ``glossarylinks``, ``mentoringmap``,
  ``contributors``, ``tools``, ``paginate``, ``citation``: one view or page family each.
- ``maplayout``: the mentoring map's geometry (no site data).
- ``contact``: how readers reach the maintainers (the change-or-removal route).

Reads ``Published`` only, never the raw catalog. Imports only earlier stages.
"""
