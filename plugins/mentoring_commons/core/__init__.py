"""The content core: from files in ``content/`` to page plans and output files, in stages.

Each sub-package is one stage and imports only from the stages before it (tests/test_layout.py
holds it to that):

1. ``source``: reading text safely, YAML with positions, located problems.
2. ``model``: the record declarations, their typed fields, the JSON Schemas.
3. ``load``: every content file into typed records, in one catalog.
4. ``check``: validation beyond single fields, linking, Markdown sanitising, freshness.
5. ``publish``: what an edition may show and how people are named; the leak scan; the manifest.
6. ``site``: the published data's derived views and every page planner.
7. ``outputs``: exports, feeds, calendars, structured data, and the whole site plan.

Nothing in this package imports MkDocs.
"""
