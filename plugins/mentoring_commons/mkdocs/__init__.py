"""The MkDocs adapter: a thin plugin over ``mentoring_commons.core``.

- ``plugin``: the ``commons`` plugin, a switchboard of hooks over plain core functions.
- ``config``: its typed configuration; ``render``: page plans through the theme's Jinja.
- ``serve/``: what only ``mkdocs serve`` needs (dirty-rebuild stubs, the idle collector, the
  session's template cache).
- ``search/``: Pagefind indexing and the joiner of its partial indexes.
"""
