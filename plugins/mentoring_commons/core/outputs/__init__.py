"""Stage 7, outputs: files beside the pages, and the whole site in one plan.

- ``siteplan``: every page planner and exporter, in output order (``plan_site``,
  ``build_exports``); a feature registers itself here.
- ``exports``: the JSON export of public content.
- ``feeds``: Atom and JSON Feed of the narratives.
- ``ical``: program deadlines as iCalendar; ``toolfiles``: the check-in agenda downloads.
- ``editorconfig``: the web editor's (Decap CMS) configuration, generated from the model.
- ``structured``: JSON-LD, Open Graph and citation metadata for each page's head.

Imports only earlier stages.
"""
